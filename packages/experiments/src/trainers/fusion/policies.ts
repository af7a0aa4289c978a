import { type FitFusionPolicy, fitCem, fitDeepPrl, fitGrade, fitScalarizedPpo, fitStaticGrid, simplexGrid } from '@tradeoff/core';
import type { z } from 'zod';
import type { cemHyperSchema } from '../../algorithms/fusion/cem';
import type { DeepPrlSpecHyper } from '../../algorithms/fusion/deepprl';
import type { GradeSpecHyper } from '../../algorithms/fusion/grade';
import type { scalarizedPpoHyperSchema } from '../../algorithms/fusion/scalarized-ppo';
import type { staticGridHyperSchema } from '../../algorithms/fusion/static-grid';

/** How the trainer runs one fusion algorithm: its fit function and how many steps it reports. */
interface FusionPolicyEntry<Hyper> {
  fit: FitFusionPolicy<Hyper>;
  steps(hyper: Hyper, objectives: number): number;
}

function entry<Hyper>(value: FusionPolicyEntry<Hyper>): FusionPolicyEntry<unknown> {
  return value as FusionPolicyEntry<unknown>;
}

/** Fit functions by algorithm name; each takes its registry schema's parsed `hyper.policy`. */
export const FUSION_POLICIES: Record<string, FusionPolicyEntry<unknown>> = {
  'static-grid': entry<z.infer<typeof staticGridHyperSchema>>({ fit: fitStaticGrid, steps: (h, k) => simplexGrid(k, h.divisions).length }),
  cem: entry<z.infer<typeof cemHyperSchema>>({ fit: fitCem, steps: (h) => h.iterations }),
  'scalarized-ppo': entry<z.infer<typeof scalarizedPpoHyperSchema>>({ fit: fitScalarizedPpo, steps: (h) => h.iterations }),
  grade: entry<GradeSpecHyper>({ fit: fitGrade, steps: (h) => h.steps }),
  deepprl: entry<DeepPrlSpecHyper>({ fit: fitDeepPrl, steps: (h) => h.steps }),
};
