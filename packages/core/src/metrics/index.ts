export { auc } from './auc';
export { gauc } from './gauc';
export { logloss } from './logloss';
export { mse } from './mse';
export { ndcgAtK } from './ndcg';
export { type MetricDirection, metricDirection } from './direction';
