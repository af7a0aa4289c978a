export type MetricDirection = 'min' | 'max';

/** Metric name segments where a smaller value is better. */
const LOWER_IS_BETTER = new Set([
  'loss',
  'logloss',
  'mse',
  'rmse',
  'mae',
  'bce',
  'nll',
  'error',
  'errors',
  'perplexity',
  'oscillation',
  'violation',
  'violations',
  'regret',
  'latency',
]);

/**
 * Whether a metric (`<split>/<metric>[/<objective>]`, DESIGN.md section 4) improves downwards,
 * read from its name: `test/logloss/income`, `train/loss` and `train/policy_loss` are minimised;
 * AUC, NDCG, hypervolume, Inform/Success and `test/constraint/<name>` (the share of responses
 * passing a reasoning check) are maximised.
 */
export function metricDirection(metric: string): MetricDirection {
  const lower = metric.split('/').some((segment) => LOWER_IS_BETTER.has(segment) || /(^|_)loss$/.test(segment));
  return lower ? 'min' : 'max';
}
