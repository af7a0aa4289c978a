// The dialogue response policy and MORE (DESIGN.md section 2, "Dialogue").
export { candidateFeatureNames, hashFeature, hashFeatures, responsePlaceholders, responseTokens } from './features';
export {
  batchDiversity,
  distinctN,
  fluency,
  type LengthProfile,
  LINGUISTIC_REWARDS,
  type LinguisticReward,
  lengthProfile,
  naturalness,
  sentenceBleu,
} from './linguistic-rewards';
export { gradientAgreementWeights, type MultiplierGains, type MultiplierState, updateMultipliers } from './more-updates';
export { KneserNeyLm } from './ngram-lm';
export { FlatAdam, type RankingChoice, RankingPolicy, sampleIndex } from './ranking-policy';
export { REASONING_CHECKS, type ReasoningCheck, reasoningScores, type TurnFacts } from './reasoning';
