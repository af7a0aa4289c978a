import { z } from 'zod';
import { DATASET_TASKS } from '../datasets/dataset-tasks';
import type { AlgorithmInfo, SpecProblem } from '../registry';
import type { TrainerModule } from '../run-types';
import type { Spec } from '../spec';

export const mmoeHyperSchema = z
  .object({
    experts: z.number().int().min(1).max(64).default(8),
    expertUnits: z.number().int().min(1).max(1024).default(16),
    towerUnits: z.number().int().min(1).max(1024).default(8),
    epochs: z.number().int().min(1).max(1000).default(8),
    batchSize: z.number().int().min(8).max(65_536).default(512),
    learningRate: z.number().positive().max(1).default(0.001),
    /** Loss weight per task name; tasks not listed weigh 1. */
    taskWeights: z.record(z.string(), z.number().min(0)).default({}),
    /** Share of the training rows held out for validation when the spec has no `dataset.valid`. */
    validFraction: z.number().gt(0).max(0.5).default(0.1),
    /** Save a checkpoint every this many optimizer steps. */
    checkpointEvery: z.number().int().min(1).default(100),
  })
  .strict();
export type MMoEHyper = z.infer<typeof mmoeHyperSchema>;

function check(spec: Spec): SpecProblem[] {
  const tasks = DATASET_TASKS[spec.dataset.kind] ?? [];
  const hyper = mmoeHyperSchema.parse(spec.hyper);
  return Object.keys(hyper.taskWeights)
    .filter((task) => !tasks.includes(task))
    .map((task) => ({ path: ['hyper', 'taskWeights', task], problem: `not a task of ${spec.dataset.kind} (tasks: ${tasks.join(', ')})` }));
}

export const mmoeAlgorithm: AlgorithmInfo = {
  name: 'mmoe',
  task: 'multitask',
  title: 'MMoE (Multi-gate Mixture-of-Experts)',
  description:
    'Ma et al., KDD 2018: shared experts, one softmax gate and one tower per task, trained with per-task weighted binary cross-entropy (Adam). Reports AUC per task.',
  hyperSchema: mmoeHyperSchema,
  exampleSpec: {
    name: 'MMoE on synthetic multi-task data',
    task: 'multitask',
    algorithm: 'mmoe',
    dataset: {
      kind: 'synthetic-multitask',
      train: { path: 'synthetic', rows: [0, 0.8] },
      test: { path: 'synthetic', rows: [0.8, 1] },
      synthetic: { rows: 20_000, seed: 0 },
    },
    hyper: { epochs: 5 },
    seed: 0,
  },
  datasetKinds: ['census', 'synthetic-multitask'],
  check,
  // The comments keep bundlers (Next) from pulling TensorFlow.js into apps that only read the registry.
  loadTrainer: async () => (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '../trainers/mmoe-trainer.ts')) as TrainerModule,
};
