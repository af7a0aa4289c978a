import type { Point } from './dominance';
import { type FrontSummary, type SweptFront, summarizeFront } from './sweep';

/** The JSON a run stores as its 'front' artifact (front.json) and the dashboard plots. */
export interface FrontArtifact {
  version: 1;
  /** Objective names, in the order of every vector below (all maximised). */
  objectives: string[];
  reference: number[];
  points: { preference: number[]; values: number[]; nonDominated: boolean }[];
  summary: FrontSummary;
}

/** Packs a swept front with its summary metrics into the artifact form. */
export function frontArtifact(objectives: readonly string[], swept: SweptFront, reference: Point, divisions = 10): FrontArtifact {
  if (swept.points.some((p) => p.length !== objectives.length)) throw new Error(`front: points must have ${objectives.length} objectives (${objectives.join(', ')})`);
  const onFront = new Set(swept.front);
  return {
    version: 1,
    objectives: [...objectives],
    reference: Array.from(reference),
    points: swept.points.map((values, i) => ({ preference: swept.preferences[i]!, values, nonDominated: onFront.has(i) })),
    summary: summarizeFront(swept.points, reference, divisions),
  };
}
