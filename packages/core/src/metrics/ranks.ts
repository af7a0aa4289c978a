/**
 * Mann-Whitney AUC over `order[from..to)`, which must already be sorted by score ascending: tied
 * scores share their average rank, so a positive-negative tie counts one half. NaN when either
 * class is absent. Shared by auc and gauc so both treat ties the same way.
 */
export function sortedRangeAuc(order: ArrayLike<number>, from: number, to: number, scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = from; start < to; ) {
    let end = start + 1;
    while (end < to && scores[order[end]!] === scores[order[start]!]) end++;
    // Ranks start..end-1 (1-based within the range) share their average.
    const averageRank = (start - from + (end - from) + 1) / 2;
    for (let k = start; k < end; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end;
  }
  const negatives = to - from - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function checkLengths(name: string, a: ArrayLike<number>, b: ArrayLike<number>, what = 'labels', first = 'scores'): void {
  if (a.length !== b.length) throw new Error(`${name}: ${a.length} ${first} but ${b.length} ${what}`);
}
