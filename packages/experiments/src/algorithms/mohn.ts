import { z } from 'zod';
import { multitaskAlgorithm, multitaskHyperShape, syntheticExample, unitsSchema } from './multitask-common';

export const mohnHyperSchema = z
  .object({
    ...multitaskHyperShape,
    towerUnits: z.number().int().min(1).max(256).default(16),
    /** Widths of the shared MLP whose output the generated towers read. */
    bottomUnits: unitsSchema.default([64]),
    /** Width of the state vector (user and context features) the hypernetworks read. */
    stateUnits: z.number().int().min(1).max(256).default(16),
    /** Width of the mixture-attention keys and queries. */
    attentionUnits: z.number().int().min(1).max(256).default(8),
  })
  .strict();
export type MoHNHyper = z.infer<typeof mohnHyperSchema>;

export const mohnAlgorithm = multitaskAlgorithm({
  name: 'mohn',
  title: 'MoHN (Mixture of HyperNetworks)',
  description:
    "DeepPRL's predictor: per objective a hypernetwork generates that objective's tower weights from the user/context state; a mixture-attention layer lets each tower read the others' hidden outputs.",
  hyperSchema: mohnHyperSchema,
  exampleSpec: syntheticExample('mohn', 'MoHN'),
});
