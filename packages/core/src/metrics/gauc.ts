import { checkLengths, sortedRangeAuc } from './ranks';

/**
 * Group AUC: the AUC within each group (e.g. user), averaged with weights equal to the group's
 * number of rows (impressions). Groups holding one class only have no AUC and are left out of both
 * the sum and the weights. NaN when no group has both classes.
 */
export function gauc(scores: ArrayLike<number>, labels: ArrayLike<number>, groups: ArrayLike<number>): number {
  checkLengths('gauc', scores, labels);
  checkLengths('gauc', scores, groups, 'groups');
  // One sort by (group, score) puts each group's rows together in score order.
  const order = Uint32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => groups[a]! - groups[b]! || scores[a]! - scores[b]!);
  let weighted = 0;
  let weight = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && groups[order[end]!] === groups[order[start]!]) end++;
    const value = sortedRangeAuc(order, start, end, scores, labels);
    if (!Number.isNaN(value)) {
      weighted += value * (end - start);
      weight += end - start;
    }
    start = end;
  }
  return weight > 0 ? weighted / weight : Number.NaN;
}
