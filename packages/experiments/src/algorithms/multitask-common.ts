import { z } from 'zod';
import { DATASET_TASKS } from '../datasets/dataset-tasks';
import type { AlgorithmInfo, SpecProblem } from '../registry';
import type { TrainerModule } from '../run-types';
import type { Spec, SpecInput } from '../spec';

/** Hyperparameters every multi-task predictor shares: input encoding, towers and training. */
export const multitaskHyperShape = {
  /** Width of each categorical feature's embedding. */
  embeddingDim: z.number().int().min(1).max(256).default(8),
  /** Categories seen fewer times than this in training share the feature's OOV embedding. */
  minCount: z.number().int().min(1).default(1),
  towerUnits: z.number().int().min(1).max(1024).default(8),
  epochs: z.number().int().min(1).max(1000).default(8),
  batchSize: z.number().int().min(8).max(65_536).default(512),
  learningRate: z.number().positive().max(1).default(0.001),
  /** Decoupled weight decay (AdamW) of every weight, embeddings included; 0 turns it off. */
  weightDecay: z.number().min(0).max(1).default(0),
  /** Loss weight per task name; tasks not listed weigh 1. */
  taskWeights: z.record(z.string(), z.number().min(0)).default({}),
  /** Share of the training rows held out for validation when the spec has no `dataset.valid`. */
  validFraction: z.number().gt(0).max(0.5).default(0.1),
  /** Save a checkpoint every this many optimizer steps. */
  checkpointEvery: z.number().int().min(1).default(100),
};

export type MultitaskHyper = z.infer<z.ZodObject<typeof multitaskHyperShape>>;

/** Hidden layer widths, e.g. [128, 64]. */
export const unitsSchema = z.array(z.number().int().min(1).max(4096)).min(1).max(8);

function checkTaskWeights(spec: Spec): SpecProblem[] {
  const tasks = DATASET_TASKS[spec.dataset.kind] ?? [];
  const weights = (spec.hyper.taskWeights ?? {}) as Record<string, number>;
  return Object.keys(weights)
    .filter((task) => !tasks.includes(task))
    .map((task) => ({ path: ['hyper', 'taskWeights', task], problem: `not a task of ${spec.dataset.kind} (tasks: ${tasks.join(', ')})` }));
}

/** A registry entry for a multi-task predictor; they all share one trainer. */
export function multitaskAlgorithm(info: Pick<AlgorithmInfo, 'name' | 'title' | 'description' | 'hyperSchema' | 'exampleSpec'>): AlgorithmInfo {
  return {
    ...info,
    task: 'multitask',
    datasetKinds: ['census', 'kuairand', 'synthetic-multitask'],
    check: checkTaskWeights,
    // The comments keep bundlers (Next) from pulling TensorFlow.js into apps that only read the registry.
    loadTrainer: async () => (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '../trainers/multitask-trainer.ts')) as TrainerModule,
  };
}

/** The registry's example: a generated data set, so it runs on any machine. */
export function syntheticExample(algorithm: string, title: string): SpecInput {
  return {
    name: `${title} on synthetic multi-task data`,
    task: 'multitask',
    algorithm,
    dataset: {
      kind: 'synthetic-multitask',
      train: { path: 'synthetic', rows: [0, 0.8] },
      test: { path: 'synthetic', rows: [0.8, 1] },
      synthetic: { rows: 20_000, seed: 0 },
    },
    hyper: { epochs: 5 },
    seed: 0,
  };
}
