import * as tf from '@tensorflow/tfjs';
import type { RequestHistory } from '../../fusion/request-batch';
import type { HistoryTensors } from './time-lstm';

/** The histories of requests `ids` as encoder input; item ids of vocab or more fall to the padding row. */
export function historyTensors(history: RequestHistory, ids: ArrayLike<number>, vocab: number, objectives: number): HistoryTensors {
  const t = history.steps;
  const b = ids.length;
  const items = new Int32Array(b * t);
  const logGaps = new Float32Array(b * t);
  const feedback = new Float32Array(b * t * objectives);
  const mask = new Float32Array(b * t);
  for (let i = 0; i < b; i++) {
    const q = ids[i]!;
    for (let s = t - history.length[q]!; s < t; s++) {
      const item = history.items[q * t + s]!;
      items[i * t + s] = item < vocab ? item : 0;
      logGaps[i * t + s] = Math.log1p(Math.max(0, history.gaps[q * t + s]!));
      mask[i * t + s] = 1;
    }
    feedback.set(history.feedback.subarray(q * t * objectives, (q + 1) * t * objectives), i * t * objectives);
  }
  return {
    items: tf.tensor2d(items, [b, t], 'int32'),
    logGaps: tf.tensor2d(logGaps, [b, t]),
    feedback: tf.tensor3d(feedback, [b, t, objectives]),
    mask: tf.tensor2d(mask, [b, t]),
  };
}

/** One past the largest item id in a history (the embedding table's rows). */
export function historyVocab(history: RequestHistory): number {
  let max = 0;
  for (const item of history.items) max = Math.max(max, item);
  return max + 1;
}
