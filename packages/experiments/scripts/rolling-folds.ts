// Rolling-origin validation of the fusion examples: fold 0 is a spec as is; fold s moves the end
// of its train range and its valid day s days earlier, so each fold scores on the day right after
// its train range with the same number of policy days (and its own predictor, cached).
import { evaluateBatch, lastWeights, weightSpread } from '@tradeoff/core';
import { shiftDate, splitDates } from '../src/datasets/fusion-dates';
import { MemoryRunSink, type Spec } from '../src/index';
import { fitPolicy, type PreparedFusion } from '../src/trainers/fusion/train';

/** The `--set` overrides of fold `shift` of a spec. */
export function rollingFoldSets(spec: Spec, shift: number): string[] {
  const [trainStart, trainEnd] = splitDates(spec.dataset, 'train');
  const [validStart, validEnd] = splitDates(spec.dataset, 'valid');
  return [
    `dataset.train.dates=${JSON.stringify([trainStart, shiftDate(trainEnd, -shift)])}`,
    `dataset.valid.dates=${JSON.stringify([shiftDate(validStart, -shift), shiftDate(validEnd, -shift)])}`,
  ];
}

/**
 * Fold `shift` (1 or more) whose test split is the day after its valid day(s): the day its selection
 * has not seen, which is still before the spec's own test day. Tuning on it rewards settings whose
 * gains outlast the day they were selected on.
 */
export function nextDayFoldSets(spec: Spec, shift: number): string[] {
  if (shift < 1) throw new Error(`next-day fold: shift must be at least 1 (fold 0's next day is the spec's test day), got ${shift}`);
  const next = shiftDate(splitDates(spec.dataset, 'valid')[1], 1 - shift);
  return [...rollingFoldSets(spec, shift), `dataset.test.dates=${JSON.stringify([next, next])}`];
}

/** A fold's valid or test day(s), as printed in tables: MM-DD or MM-DD..MM-DD. */
export function splitDays(spec: Spec, split: 'valid' | 'test'): string {
  const [from, to] = splitDates(spec.dataset, split).map((d) => `${d.slice(4, 6)}-${d.slice(6, 8)}`);
  return from === to ? from! : `${from}..${to}`;
}

/**
 * Fits the spec's policy (selecting on valid) and scores it on the given splits (valid, or a
 * next-day fold's test day; the others are never read): composite per split, and the largest
 * per-objective std of per-user mean weights on the first.
 */
export async function foldScores<S extends 'valid' | 'test'>(spec: Spec, prepared: PreparedFusion, splits: readonly [S, ...S[]]): Promise<{ composite: Record<S, number>; weightStd: number }> {
  const { policy } = await fitPolicy(spec, prepared, new MemoryRunSink(), {});
  const batches = splits.map((split) => prepared.data.splits[split].batch);
  const weights = lastWeights(policy, batches) as Float32Array[];
  const composite = Object.fromEntries(splits.map((split, i) => [split, evaluateBatch(batches[i]!, weights[i]!).composite])) as Record<S, number>;
  const [first] = batches;
  return { composite, weightStd: Math.max(...weightSpread(first!.users, weights[0]!, first!.objectives.length).std) };
}
