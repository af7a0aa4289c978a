import type { z } from 'zod';
import { dialogueAlgorithms } from './algorithms/dialogue';
import { fusionAlgorithms } from './algorithms/fusion';
import { mmoeAlgorithm } from './algorithms/mmoe';
import { mohnAlgorithm } from './algorithms/mohn';
import { pleAlgorithm } from './algorithms/ple';
import { sharedBottomAlgorithm } from './algorithms/shared-bottom';
import type { TrainerModule } from './run-types';
import type { DatasetKind, Spec, SpecInput } from './spec';

/** A problem found by an algorithm's own checks, at a path inside the spec. */
export interface SpecProblem {
  path: (string | number)[];
  problem: string;
}

/** One entry of the registry the API, CLI, worker and dashboard all read. */
export interface AlgorithmInfo {
  name: string;
  task: Spec['task'];
  title: string;
  description: string;
  /** Validates `spec.hyper` and fills its defaults. */
  hyperSchema: z.ZodObject;
  /** A spec that runs on any machine (the dashboard form starts from it). */
  exampleSpec: SpecInput;
  datasetKinds: readonly DatasetKind[];
  /** Cross-field checks that need more than the hyper schema (e.g. task names in loss weights). */
  check?: (spec: Spec) => SpecProblem[];
  /** Imports the trainer on first use (it loads TensorFlow.js). */
  loadTrainer: () => Promise<TrainerModule>;
}

export const algorithms: AlgorithmInfo[] = [
  mmoeAlgorithm,
  sharedBottomAlgorithm,
  pleAlgorithm,
  mohnAlgorithm,
  ...fusionAlgorithms,
  ...dialogueAlgorithms,
];

export function getAlgorithm(name: string): AlgorithmInfo | undefined {
  return algorithms.find((a) => a.name === name);
}
