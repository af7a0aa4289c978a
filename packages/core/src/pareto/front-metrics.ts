import { type Point, paretoFront } from './dominance';
import { simplexGrid } from './simplex-grid';

/**
 * Expected utility (Zintgraf et al. 2015) of a set of objective vectors for a user whose linear
 * preference is uniform over equally spaced simplex weights: the mean over the grid of the best
 * w . p the set offers.
 */
export function expectedUtility(points: readonly Point[], divisions = 10): number {
  if (points.length === 0) return Number.NaN;
  const weights = simplexGrid(points[0]!.length, divisions);
  let total = 0;
  for (const w of weights) {
    let best = -Infinity;
    for (const p of points) {
      let u = 0;
      for (let j = 0; j < w.length; j++) u += w[j]! * p[j]!;
      best = Math.max(best, u);
    }
    total += best;
  }
  return total / weights.length;
}

/**
 * Sparsity of a front (Xu et al. 2020, PGMORL): per objective, the squared gaps between consecutive
 * sorted values, summed over objectives and divided by (points - 1). Lower is denser. 0 for < 2 points.
 */
export function sparsity(front: readonly Point[]): number {
  if (front.length < 2) return 0;
  let total = 0;
  for (let j = 0; j < front[0]!.length; j++) {
    const values = front.map((p) => p[j]!).sort((a, b) => a - b);
    for (let i = 1; i < values.length; i++) total += (values[i]! - values[i - 1]!) ** 2;
  }
  return total / (front.length - 1);
}

/** Number of distinct non-dominated points. */
export function cardinality(points: readonly Point[]): number {
  return new Set(paretoFront(points).map((i) => Array.from(points[i]!).join(','))).size;
}
