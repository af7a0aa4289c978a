import { parseSpec, type Spec } from '@tradeoff/experiments';

/** One run of an experiment: a concrete spec (no sweep) and the grid values that produced it. */
export interface SweepPoint {
  index: number;
  seed: number;
  /** Hyperparameter -> value of this grid point; empty without a sweep. */
  params: Record<string, unknown>;
  spec: Spec;
}

/** The cartesian product of the grid's value lists, in key order (the last key varies fastest). */
function gridPoints(grid: Record<string, readonly unknown[]>): Record<string, unknown>[] {
  return Object.entries(grid).reduce<Record<string, unknown>[]>(
    (points, [key, values]) => points.flatMap((point) => values.map((value) => ({ ...point, [key]: value }))),
    [{}],
  );
}

/**
 * Expands a spec's `sweep` into one concrete spec per grid point and seed. Grid keys are
 * hyperparameter names; each point is validated again, so a bad value fails with the same
 * field-naming error as a bad spec.
 */
export function expandSweep(spec: Spec, source = 'spec'): SweepPoint[] {
  const { sweep, ...base } = spec;
  const seeds = sweep?.seeds ?? [spec.seed];
  const points = gridPoints(sweep?.grid ?? {});
  return points.flatMap((params, p) =>
    seeds.map((seed, s) => {
      const hyper = { ...base.hyper, ...params };
      const label = Object.keys(params).length > 0 ? `${source} (sweep ${JSON.stringify(params)})` : source;
      return { index: p * seeds.length + s, seed, params, spec: parseSpec({ ...base, hyper, seed }, label) };
    }),
  );
}

/** How many runs `expandSweep` makes, computed without expanding. */
export function sweepSize(spec: Spec): number {
  const gridSize = Object.values(spec.sweep?.grid ?? {}).reduce((n, values) => n * values.length, 1);
  return gridSize * (spec.sweep?.seeds?.length ?? 1);
}
