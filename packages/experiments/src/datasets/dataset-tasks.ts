import { CENSUS_TASKS, KUAIRAND_DEFAULT_OBJECTIVES, KUAIRAND_TASKS, SYNTHETIC_TASKS } from '@tradeoff/data';
import type { DatasetKind } from '../spec';

/** The tasks each multi-task data set kind provides, for validating specs before any data is read. */
export const DATASET_TASKS: Partial<Record<DatasetKind, readonly string[]>> = {
  census: CENSUS_TASKS,
  kuairand: KUAIRAND_TASKS,
  'synthetic-multitask': SYNTHETIC_TASKS,
};

/** The objectives learned when a spec lists none. */
export function defaultObjectives(kind: DatasetKind): string[] {
  if (kind === 'kuairand') return [...KUAIRAND_DEFAULT_OBJECTIVES];
  return [...(DATASET_TASKS[kind] ?? [])];
}

/** Extra tables each kind can join (`dataset.tables`). */
export const DATASET_TABLES: Partial<Record<DatasetKind, readonly string[]>> = {
  kuairand: ['users', 'videos'],
  multiwoz: ['db', 'booked'],
};
