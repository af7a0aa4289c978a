import type { AppRouter } from '@tradeoff/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type ExperimentListItem = RouterOutputs['experiments']['list'][number];
export type ExperimentDetail = RouterOutputs['experiments']['get'];
export type RunRow = RouterOutputs['runs']['list'][number];
export type AlgorithmView = RouterOutputs['algorithms']['list'][number];
export type DatasetRow = RouterOutputs['datasets']['list'][number];
export type MetricSeries = RouterOutputs['metrics']['series'][number];
export type RunStatus = RunRow['status'];
