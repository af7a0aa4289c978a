import { hypervolume, type MetricDirection, nonDominatedSort } from '@tradeoff/core/pure';

export type Direction = MetricDirection;

export interface Objective {
  metric: string;
  direction: Direction;
}

export interface ParetoPoint<T> {
  item: T;
  /** The chosen metrics' values, in the metrics' own units. */
  values: number[];
  /** 0 for the non-dominated front, 1 for the next front, ... */
  rank: number;
}

export interface ParetoResult<T> {
  points: ParetoPoint<T>[];
  /** The reference point in the metrics' own units: slightly worse than the worst value of each. */
  reference: number[];
  hypervolume: number;
}

/** Flips minimised metrics so that every objective is maximised, as the Pareto math expects. */
const orient = (values: readonly number[], objectives: readonly Objective[]) =>
  values.map((v, j) => (objectives[j]!.direction === 'max' ? v : -v));

/**
 * Non-dominated sorting and hypervolume of items over chosen metrics. Items missing a metric (or
 * with a non-finite value) are left out. The default reference point lies 10% of each metric's
 * range beyond its worst value, so every point contributes; a given reference replaces it.
 */
export function paretoAnalysis<T>(
  items: readonly T[],
  valuesOf: (item: T) => Record<string, number> | null | undefined,
  objectives: readonly Objective[],
  reference?: readonly number[],
): ParetoResult<T> {
  const usable = items.flatMap((item) => {
    const all = valuesOf(item) ?? {};
    const values = objectives.map((o) => all[o.metric]);
    return values.every((v): v is number => typeof v === 'number' && Number.isFinite(v)) ? [{ item, values }] : [];
  });
  const oriented = usable.map((u) => orient(u.values, objectives));
  const ranks = new Array<number>(usable.length).fill(0);
  nonDominatedSort(oriented).forEach((front, rank) => {
    for (const i of front) ranks[i] = rank;
  });
  const ref =
    reference && reference.length === objectives.length
      ? [...reference]
      : objectives.map((o, j) => {
          const column = usable.map((u) => u.values[j]!);
          if (column.length === 0) return 0;
          const lo = Math.min(...column);
          const hi = Math.max(...column);
          const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
          return o.direction === 'max' ? lo - pad : hi + pad;
        });
  return {
    points: usable.map((u, i) => ({ item: u.item, values: u.values, rank: ranks[i]! })),
    reference: ref,
    hypervolume: usable.length > 0 ? hypervolume(oriented, orient(ref, objectives)) : 0,
  };
}

/**
 * The outline of the region a 2-D front dominates, through the front's points sorted by x: between
 * neighbours it turns where the dominated boxes meet, which is at the left point's x when x is
 * maximised (the next point is lower) and at the right point's x when x is minimised.
 */
export function frontOutline(front: readonly (readonly [number, number])[], xDirection: Direction): [number, number][] {
  const sorted = [...front].sort((a, b) => a[0] - b[0]);
  return sorted.flatMap(([x, y], i) => {
    const next = sorted[i + 1];
    if (!next) return [[x, y] as [number, number]];
    const corner: [number, number] = xDirection === 'max' ? [x, next[1]] : [next[0], y];
    return [[x, y] as [number, number], corner];
  });
}
