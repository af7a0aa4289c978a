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

/** A fold's valid day(s), as printed in tables: MM-DD or MM-DD..MM-DD. */
export function validDays(spec: Spec): string {
  const [from, to] = splitDates(spec.dataset, 'valid').map((d) => `${d.slice(4, 6)}-${d.slice(6, 8)}`);
  return from === to ? from! : `${from}..${to}`;
}

/** Fits the spec's policy (selecting on valid) and scores it on valid: composite and the largest per-objective std of per-user mean weights. */
export async function validationScore(spec: Spec, prepared: PreparedFusion): Promise<{ composite: number; weightStd: number }> {
  const { policy } = await fitPolicy(spec, prepared, new MemoryRunSink(), {});
  const valid = prepared.data.splits.valid.batch;
  const [weights] = lastWeights(policy, [valid]) as [Float32Array];
  return { composite: evaluateBatch(valid, weights).composite, weightStd: Math.max(...weightSpread(valid.users, weights, valid.objectives.length).std) };
}
