import type { ModelInputConfig, MultiTaskModelConfig, TaskHead } from './config';

/** Small configs of every architecture over the same inputs, for tests. */
export const TEST_INPUT: ModelInputConfig = { numeric: 3, categorical: 2, vocabSize: 10, embeddingDim: 4, stateNumeric: 1, stateCategorical: 1 };
export const TEST_TASKS: TaskHead[] = [
  { name: 'click', type: 'binary' },
  { name: 'play_time', type: 'regression' },
];

export function testConfigs(seed = 1, input = TEST_INPUT, tasks = TEST_TASKS): MultiTaskModelConfig[] {
  const base = { input, tasks, towerUnits: 5, seed };
  return [
    { ...base, architecture: 'shared-bottom', bottomUnits: [6] },
    { ...base, architecture: 'mmoe', experts: 3, expertUnits: 4 },
    { ...base, architecture: 'ple', levels: 2, taskExperts: 2, sharedExperts: 1, expertUnits: 4 },
    { ...base, architecture: 'mohn', bottomUnits: [6], stateUnits: 3, attentionUnits: 2 },
  ];
}
