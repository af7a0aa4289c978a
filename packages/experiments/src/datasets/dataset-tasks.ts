import { CENSUS_TASKS, SYNTHETIC_TASKS } from '@tradeoff/data';
import type { DatasetKind } from '../spec';

/** The binary tasks each multi-task data set kind provides, for validating specs before any data is read. */
export const DATASET_TASKS: Partial<Record<DatasetKind, readonly string[]>> = {
  census: CENSUS_TASKS,
  'synthetic-multitask': SYNTHETIC_TASKS,
};
