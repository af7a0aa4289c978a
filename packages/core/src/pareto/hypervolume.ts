import { Rng } from '../rng';
import type { Point } from './dominance';

export interface HypervolumeOptions {
  /** Monte Carlo samples for four or more objectives. */
  samples?: number;
  seed?: number;
}

/**
 * Volume of the region dominated by the points and dominating the reference point (maximisation).
 * Exact for 1 to 3 objectives (sweeps), a seeded Monte Carlo estimate beyond. Points that do not
 * beat the reference in every objective add nothing.
 */
export function hypervolume(points: readonly Point[], reference: Point, options: HypervolumeOptions = {}): number {
  const d = reference.length;
  for (const p of points) if (p.length !== d) throw new Error(`hypervolume: a point has ${p.length} objectives, the reference ${d}`);
  const above = points.filter((p) => Array.prototype.every.call(p, (v: number, j: number) => v > reference[j]!));
  if (above.length === 0) return 0;
  if (d === 1) return Math.max(...above.map((p) => p[0]!)) - reference[0]!;
  if (d === 2) return area(above.map((p) => [p[0]!, p[1]!]), reference[0]!, reference[1]!);
  if (d === 3) return volume3(above, reference);
  return monteCarlo(above, reference, options.samples ?? 100_000, options.seed ?? 0);
}

/** 2-D sweep: by x descending, each point adds the strip above the best y so far. */
function area(points: [number, number][], rx: number, ry: number): number {
  points.sort((a, b) => b[0] - a[0] || b[1] - a[1]);
  let total = 0;
  let bestY = ry;
  for (const [x, y] of points) {
    if (y > bestY) {
      total += (x - rx) * (y - bestY);
      bestY = y;
    }
  }
  return total;
}

/** 3-D: slices along z between consecutive z values, each the 2-D area of the points reaching it. */
function volume3(points: readonly Point[], reference: Point): number {
  const byZ = [...points].sort((a, b) => b[2]! - a[2]!);
  let total = 0;
  for (let i = 0; i < byZ.length; i++) {
    const nextZ = i + 1 < byZ.length ? byZ[i + 1]![2]! : reference[2]!;
    const height = byZ[i]![2]! - nextZ;
    if (height > 0) total += height * area(byZ.slice(0, i + 1).map((p) => [p[0]!, p[1]!]), reference[0]!, reference[1]!);
  }
  return total;
}

function monteCarlo(points: readonly Point[], reference: Point, samples: number, seed: number): number {
  const d = reference.length;
  const upper = Array.from({ length: d }, (_, j) => Math.max(...points.map((p) => p[j]!)));
  const box = upper.reduce((v, u, j) => v * (u - reference[j]!), 1);
  const rng = new Rng(seed);
  const sample = new Float64Array(d);
  let hits = 0;
  for (let s = 0; s < samples; s++) {
    for (let j = 0; j < d; j++) sample[j] = reference[j]! + rng.next() * (upper[j]! - reference[j]!);
    if (points.some((p) => sample.every((v, j) => v <= p[j]!))) hits++;
  }
  return (box * hits) / samples;
}
