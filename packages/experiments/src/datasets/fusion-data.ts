import type { FusionGoal, RequestBatch } from '@tradeoff/core';
import {
  type CategoricalColumn,
  KUAIRAND_OBJECTIVES,
  type KuaiRandLog,
  type MultiTaskTable,
  type RequestSequences,
  readKuaiRandLog,
  requestSequences,
  resolveDataPath,
  takeRows,
} from '@tradeoff/data';
import type { FusionPipelineHyper } from '../algorithms/fusion/common';
import type { DatasetSpec } from '../spec';
import { requestContext } from './fusion-context';
import { fusionTrainRanges, splitDates } from './fusion-dates';
import { loadSource } from './multitask-splits';

export const FUSION_SPLITS = ['train', 'valid', 'test'] as const;
export type FusionSplitName = (typeof FUSION_SPLITS)[number];

export interface FusionSplit {
  batch: RequestBatch;
  sequences: RequestSequences;
  /** Video length of each candidate (ms), for the simulator's watch time. */
  durationMs: Float64Array;
}

export interface FusionData {
  splits: Record<FusionSplitName, FusionSplit>;
  log: KuaiRandLog;
  /** Logged 0/1 feedback per log row, [rows x K]. */
  feedback: Float32Array;
  description: string[];
}

/** Predictions [rows x K] for rows of the joined table, in the objectives' order. */
export type PredictRows = (table: MultiTaskTable) => Float32Array;

/**
 * Builds the fusion batches: the log's impressions grouped into requests per split (dates), each
 * with its user's history from the whole log before it, the predictor's outputs for every candidate,
 * the logged feedback, and the request context.
 */
export async function loadFusionData(dataset: DatasetSpec, objectives: string[], hyper: FusionPipelineHyper, goal: FusionGoal, dataRoot: string, predict: PredictRows): Promise<FusionData> {
  const source = dataset.train;
  if (typeof source === 'string') throw new Error('dataset.train: fusion splits are date ranges of one log');
  const path = resolveDataPath(source.path, dataRoot);
  const [log, table] = await Promise.all([readKuaiRandLog(path, { skipBadRows: dataset.skipBadRows }), loadSource(dataset, source.path, dataRoot)]);
  if (table.rows !== log.rows) throw new Error(`${log.source}: ${log.rows} log rows but ${table.rows} joined rows`);
  const k = objectives.length;
  const columns = objectives.map((name) => log.columns[KUAIRAND_OBJECTIVES[name]!.column]);
  const feedback = new Float32Array(log.rows * k);
  for (let i = 0; i < log.rows; i++) for (let j = 0; j < k; j++) feedback[i * k + j] = columns[j]![i]!;
  const c = log.columns;
  const impressions = { users: c.user_id, dates: c.date, times: c.time_ms, items: c.video_id, feedback, objectives: k };
  const activity = table.columns[table.features.findIndex((f) => f.name === 'user_active_degree')] as CategoricalColumn | undefined;

  const ranges = FUSION_SPLITS.map((split) => (split === 'train' ? fusionTrainRanges(dataset, hyper.policyDays).policy : splitDates(dataset, split)));
  const sequences = FUSION_SPLITS.map((split, s) => {
    const dates = ranges[s]!;
    const [from, to] = dates.map(Number) as [number, number];
    const seq = requestSequences(impressions, { gapMs: hyper.requestGapMinutes * 60_000, historySteps: hyper.historySteps, minCandidates: hyper.minCandidates, dates: [from, to] });
    if (seq.users.length === 0) throw new Error(`dataset.${split}: no requests of ${hyper.minCandidates}+ impressions dated ${dates.join('..')}`);
    return seq;
  });
  // One prediction pass over every candidate of every split.
  const all = new Uint32Array(sequences.reduce((n, s) => n + s.rows.length, 0));
  let at = 0;
  for (const s of sequences) {
    all.set(s.rows, at);
    at += s.rows.length;
  }
  const predicted = predict(takeRows(table, all));

  at = 0;
  const splits = {} as Record<FusionSplitName, FusionSplit>;
  const description: string[] = [];
  FUSION_SPLITS.forEach((split, s) => {
    const seq = sequences[s]!;
    const n = seq.rows.length;
    const predictions = predicted.slice(at * k, (at + n) * k);
    at += n;
    const labels = new Float32Array(n * k);
    for (const [i, row] of seq.rows.entries()) labels.set(feedback.subarray(row * k, (row + 1) * k), i * k);
    const { context, dim } = requestContext(seq, { predictions, objectives: k, hourmin: c.hourmin, activity });
    const batch: RequestBatch = { objectives, predictions, labels, offsets: seq.offsets, users: seq.users, times: seq.times, context, contextDim: dim, history: seq.history, goal };
    splits[split] = { batch, sequences: seq, durationMs: Float64Array.from(seq.rows, (row) => c.duration_ms[row]!) };
    description.push(`${split}: ${seq.users.length} requests dated ${ranges[s]!.join('..')} of ${hyper.minCandidates}+ impressions (${n} candidates) of ${log.source}`);
  });
  return { splits, log, feedback, description };
}
