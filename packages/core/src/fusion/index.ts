export {
  constantPolicy,
  evaluateBatch,
  lastWeights,
  nextRequestOfUser,
  sliceRequests,
  softmaxRows,
  tiltWeights,
  weightSpread,
} from './batch-tools';
export { dirichletEntropy, dirichletKl, dirichletLogProb } from './dirichlet';
export { dirichletLogDensity, sampleDirichlet, sampleDirichletTensor, sampleLogGamma } from './dirichlet-sampler';
export { type FuseInput, type FusionForm, fuseScores, rankWithinRequests } from './fuse-scores';
export { clippedSurrogateLoss, groupAdvantages } from './group-policy-loss';
export { type GroupRewardInput, type GroupRewards, groupRewards, weightFloorPenalty } from './group-rewards';
export { lambdaLoss } from './lambda-loss';
export type { FitFusionPolicy, FusionGoal, FusionPolicy, FusionTrainingHooks, RequestBatch, RequestHistory } from './request-batch';
export { batchGoal, DEFAULT_RERANK_K, requestCount } from './request-batch';
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
export { digamma, digammaScalar, lgamma, lgammaScalar, trigamma, trigammaScalar } from './special-functions';
export { concentrationsFromLogits, diagonalGaussianLogProb } from './weight-policy-heads';
