import { z } from 'zod';
import { multitaskAlgorithm, multitaskHyperShape, syntheticExample } from './multitask-common';

export const pleHyperSchema = z
  .object({
    ...multitaskHyperShape,
    /** Extraction levels stacked on each other. */
    levels: z.number().int().min(1).max(8).default(2),
    /** Experts owned by each task, per level. */
    taskExperts: z.number().int().min(1).max(32).default(2),
    /** Experts shared by all tasks, per level. */
    sharedExperts: z.number().int().min(1).max(32).default(2),
    expertUnits: z.number().int().min(1).max(1024).default(16),
    /** ReLU layers per expert, each expertUnits wide. */
    expertLayers: z.number().int().min(1).max(8).default(1),
  })
  .strict();
export type PLEHyper = z.infer<typeof pleHyperSchema>;

export const pleAlgorithm = multitaskAlgorithm({
  name: 'ple',
  title: 'PLE (Progressive Layered Extraction)',
  description:
    'Tang et al., RecSys 2020: per level, task-specific and shared experts; each task gate mixes its own and the shared experts, a shared gate mixes all for the next level; towers on the last level.',
  hyperSchema: pleHyperSchema,
  exampleSpec: syntheticExample('ple', 'PLE'),
});
