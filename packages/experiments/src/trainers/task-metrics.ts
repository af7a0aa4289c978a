import { auc, gauc, logloss, type MultiTaskModel, mse } from '@tradeoff/core';
import { type FeatureMatrix, taskLabels } from '@tradeoff/data';
import type { MetricPoint, RunSink } from '../sink';

/**
 * Metrics per task on a split: `auc` for binary tasks and `mse` (on the learned scale, e.g. log
 * play time) for regression ones; with `full`, also `logloss` and, when rows carry users, `gauc`.
 * Only labelled rows count. A metric a split cannot define (one class only) is left out with a
 * warning.
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
  });
  return points;
}
