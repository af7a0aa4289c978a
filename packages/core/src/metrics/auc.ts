import { checkLengths, sortedRangeAuc } from './ranks';

/**
 * Exact ROC AUC via the Mann-Whitney U statistic: tied scores get the average of their ranks, so a
 * tie between a positive and a negative counts one half. Labels are 1 (positive) or 0. Returns NaN
 * when either class is absent (AUC is undefined then).
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkLengths('auc', scores, labels);
  const order = Uint32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  return sortedRangeAuc(order, 0, order.length, scores, labels);
}
