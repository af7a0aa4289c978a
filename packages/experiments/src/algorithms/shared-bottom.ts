import { z } from 'zod';
import { multitaskAlgorithm, multitaskHyperShape, syntheticExample, unitsSchema } from './multitask-common';

export const sharedBottomHyperSchema = z
  .object({
    ...multitaskHyperShape,
    /** Widths of the shared MLP's layers. */
    bottomUnits: unitsSchema.default([64]),
  })
  .strict();
export type SharedBottomHyper = z.infer<typeof sharedBottomHyperSchema>;

export const sharedBottomAlgorithm = multitaskAlgorithm({
  name: 'shared-bottom',
  title: 'Shared-Bottom',
  description:
    'The multi-task baseline: one shared MLP over embedded categorical and standardised numeric features, one tower per task; per-task weighted, masked losses with Adam.',
  hyperSchema: sharedBottomHyperSchema,
  exampleSpec: syntheticExample('shared-bottom', 'Shared-Bottom'),
});
