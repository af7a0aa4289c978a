import { type Point, paretoFront } from './dominance';
import { cardinality, expectedUtility, sparsity } from './front-metrics';
import { hypervolume } from './hypervolume';
import { simplexGrid } from './simplex-grid';

export interface FrontSummary {
  hypervolume: number;
  expectedUtility: number;
  /** Of the non-dominated points only. */
  sparsity: number;
  cardinality: number;
}

/** The front metrics a run reports (test/hypervolume, ...), all maximising, against one reference point. */
export function summarizeFront(points: readonly Point[], reference: Point, divisions = 10): FrontSummary {
  const front = paretoFront(points).map((i) => points[i]!);
  return {
    hypervolume: hypervolume(points, reference),
    expectedUtility: expectedUtility(points, divisions),
    sparsity: sparsity(front),
    cardinality: cardinality(points),
  };
}

export interface SweptFront {
  /** The preferences swept (simplexGrid order). */
  preferences: number[][];
  /** The objective vector reached under each preference. */
  points: number[][];
  /** Indices of the non-dominated points. */
  front: number[];
}

/**
 * Traces a policy's front: evaluates it under every equally spaced preference on the simplex (one
 * after another, so a slow evaluation does not run many at once) and keeps the non-dominated points.
 */
export async function sweepFront(objectives: number, divisions: number, evaluate: (preference: number[]) => number[] | Promise<number[]>): Promise<SweptFront> {
  const preferences = simplexGrid(objectives, divisions);
  const points: number[][] = [];
  for (const preference of preferences) points.push(await evaluate(preference));
  return { preferences, points, front: paretoFront(points) };
}
