import { auc, gauc, logloss, type MultiTaskModel, mse, ndcgAtK } from '@tradeoff/core';
import { type FeatureMatrix, taskLabels } from '@tradeoff/data';
import type { MetricPoint, RunSink } from '../sink';

/** Cut-off of the ranking metric reported per task. */
const NDCG_AT = 10;

/**
 * Metrics per task on a split: `auc` for binary tasks and `mse` (on the learned scale, e.g. log
 * play time) for regression ones; with `full`, also `logloss`, and when rows carry users and
 * requests, `gauc` (per user) and `ndcg@10` (per request of two or more impressions). Only
 * labelled rows count. A metric a split cannot define (one class only) is left out with a warning.
 */
export function taskMetrics(split: 'valid' | 'test', model: MultiTaskModel, set: FeatureMatrix, step: number, full: boolean, sink?: RunSink): MetricPoint[] {
  const predictions = model.predict(set);
  const points: MetricPoint[] = [];
  set.tasks.forEach((task, t) => {
    const { rows, values } = taskLabels(set, t);
    const predicted = predictions[t]!;
    const scores = Float32Array.from(rows, (i) => (task.type === 'regression' ? predicted[i]! * task.std! + task.mean! : predicted[i]!));
    const add = (metric: string, value: number) => {
      if (Number.isNaN(value)) sink?.log('warn', `${split}/${metric}/${task.name}: undefined, the ${split} rows hold one class only`);
      else points.push({ key: `${split}/${metric}/${task.name}`, step, value });
    };
    if (task.type === 'regression') {
      add('mse', mse(scores, values));
      return;
    }
    add('auc', auc(scores, values));
    if (!full) return;
    add('logloss', logloss(scores, values));
    if (set.users) add('gauc', gauc(scores, values, Int32Array.from(rows, (i) => set.users![i]!)));
    if (set.requests) add(`ndcg@${NDCG_AT}`, requestNdcg(scores, values, Int32Array.from(rows, (i) => set.requests![i]!)));
  });
  return points;
}

/** NDCG over the requests holding at least two of the rows: a single impression ranks nothing. */
function requestNdcg(scores: Float32Array, labels: Float32Array, requests: Int32Array): number {
  const sizes = new Map<number, number>();
  for (const r of requests) sizes.set(r, (sizes.get(r) ?? 0) + 1);
  const keep = Uint32Array.from(requests.keys()).filter((i) => sizes.get(requests[i]!)! >= 2);
  return ndcgAtK(Float32Array.from(keep, (i) => scores[i]!), Float32Array.from(keep, (i) => labels[i]!), Int32Array.from(keep, (i) => requests[i]!), NDCG_AT);
}
