export { fitGrade, GradePolicy } from './fit-grade';
export { GRADE_DEFAULTS, type GradeHyper } from './grade-hyper';
export type { RewardOptions } from './request-rewards';
export { requestStateFeatures } from './request-state';
export { type WeightDistribution, WeightPolicyNetwork } from './weight-distribution';
