import { z } from 'zod';
import { multitaskAlgorithm, multitaskHyperShape, syntheticExample } from './multitask-common';

export const mmoeHyperSchema = z
  .object({
    ...multitaskHyperShape,
    experts: z.number().int().min(1).max(64).default(8),
    expertUnits: z.number().int().min(1).max(1024).default(16),
    /** ReLU layers per expert, each expertUnits wide. */
    expertLayers: z.number().int().min(1).max(8).default(1),
  })
  .strict();
export type MMoEHyper = z.infer<typeof mmoeHyperSchema>;

export const mmoeAlgorithm = multitaskAlgorithm({
  name: 'mmoe',
  title: 'MMoE (Multi-gate Mixture-of-Experts)',
  description:
    'Ma et al., KDD 2018: shared experts, one softmax gate and one tower per task over embedded categorical and standardised numeric features; per-task weighted, masked losses (cross-entropy or squared error) with Adam. Reports AUC (and GAUC, logloss, MSE where they apply) per task.',
  hyperSchema: mmoeHyperSchema,
  exampleSpec: syntheticExample('mmoe', 'MMoE'),
});
