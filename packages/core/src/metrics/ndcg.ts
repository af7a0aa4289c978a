import { checkLengths } from './ranks';

/**
 * Mean NDCG@k over groups (e.g. requests): within each group the rows are ranked by score
 * (descending; equal scores keep their input order), DCG@k = sum_{i<k} (2^rel_i - 1) / log2(i + 2),
 * divided by the DCG@k of the ideal order. Groups without any relevant row (ideal DCG 0) are left
 * out. NaN when no group counts.
 */
export function ndcgAtK(scores: ArrayLike<number>, relevance: ArrayLike<number>, groups: ArrayLike<number>, k: number): number {
  checkLengths('ndcg', scores, relevance, 'relevance values');
  checkLengths('ndcg', scores, groups, 'groups');
  if (!Number.isInteger(k) || k < 1) throw new Error(`ndcg: k must be a positive integer, got ${k}`);
  const order = Uint32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => groups[a]! - groups[b]! || scores[b]! - scores[a]! || a - b);
  const gain = (rel: number) => 2 ** rel - 1;
  let total = 0;
  let counted = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && groups[order[end]!] === groups[order[start]!]) end++;
    let dcg = 0;
    for (let i = start; i < Math.min(end, start + k); i++) dcg += gain(relevance[order[i]!]!) / Math.log2(i - start + 2);
    const ideal = Array.from(order.subarray(start, end), (row) => relevance[row]!).sort((a, b) => b - a);
    let idcg = 0;
    for (let i = 0; i < Math.min(ideal.length, k); i++) idcg += gain(ideal[i]!) / Math.log2(i + 2);
    if (idcg > 0) {
      total += dcg / idcg;
      counted++;
    }
    start = end;
  }
  return counted > 0 ? total / counted : Number.NaN;
}
