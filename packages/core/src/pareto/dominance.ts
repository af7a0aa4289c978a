// Every objective is maximised. A point is any ArrayLike of objective values of one length.
export type Point = ArrayLike<number>;

/** a dominates b: at least as good everywhere and strictly better somewhere. */
export function dominates(a: Point, b: Point): boolean {
  if (a.length !== b.length) throw new Error(`pareto: points with ${a.length} and ${b.length} objectives`);
  let better = false;
  for (let j = 0; j < a.length; j++) {
    if (a[j]! < b[j]!) return false;
    if (a[j]! > b[j]!) better = true;
  }
  return better;
}

/**
 * Fast non-dominated sorting (Deb et al., NSGA-II): the indices of the points in successive fronts,
 * first the non-dominated ones, then those dominated only by the first front, and so on. Equal points
 * share a front. O(M N^2).
 */
export function nonDominatedSort(points: readonly Point[]): number[][] {
  const n = points.length;
  const dominatedBy = new Uint32Array(n);
  const dominating: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (dominates(points[i]!, points[j]!)) {
        dominating[i]!.push(j);
        dominatedBy[j]!++;
      } else if (dominates(points[j]!, points[i]!)) {
        dominating[j]!.push(i);
        dominatedBy[i]!++;
      }
    }
  }
  const fronts: number[][] = [];
  let current = [...Array(n).keys()].filter((i) => dominatedBy[i] === 0);
  while (current.length > 0) {
    fronts.push(current);
    const next: number[] = [];
    for (const i of current) {
      for (const j of dominating[i]!) if (--dominatedBy[j]! === 0) next.push(j);
    }
    current = next.sort((a, b) => a - b);
  }
  return fronts;
}

/** Indices of the non-dominated points, in input order. */
export function paretoFront(points: readonly Point[]): number[] {
  return points.map((_, i) => i).filter((i) => !points.some((other) => dominates(other, points[i]!)));
}
