/**
 * Exact ROC AUC via the Mann-Whitney U statistic: tied scores get the average of their ranks, so a
 * tie between a positive and a negative counts one half. Labels are 1 (positive) or 0. Returns NaN
 * when either class is absent (AUC is undefined then).
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  if (labels.length !== n) throw new Error(`auc: ${n} scores but ${labels.length} labels`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[order[end]!] === scores[order[start]!]) end++;
    // Ranks start..end-1 (0-based) share the average 1-based rank.
    const averageRank = (start + end + 1) / 2;
    for (let k = start; k < end; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
