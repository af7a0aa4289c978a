export { digamma, digammaScalar, lgamma, lgammaScalar, trigamma, trigammaScalar } from './special-functions';
export { dirichletEntropy, dirichletKl, dirichletLogProb } from './dirichlet';
export { dirichletLogDensity, sampleDirichlet, sampleDirichletTensor, sampleLogGamma } from './dirichlet-sampler';
export { type FuseInput, type FusionForm, fuseScores, rankWithinRequests } from './fuse-scores';
export {
  composite,
  evaluateReranking,
  type NdcgGain,
  ndcgPerObjective,
  priorPerRequest,
  priorTopK,
  type RankedNdcg,
  type RerankEvaluation,
  type RerankEvaluationInput,
} from './rerank-metrics';
export { clippedSurrogateLoss, groupAdvantages } from './group-policy-loss';
export { lambdaLoss } from './lambda-loss';
export { type GroupRewardInput, type GroupRewards, groupRewards, weightFloorPenalty } from './group-rewards';
export { concentrationsFromLogits, diagonalGaussianLogProb } from './weight-policy-heads';
