import type { DatasetSpec } from '../spec';

const DAY_MS = 86_400_000;

/** YYYYMMDD moved by `days`. */
export function shiftDate(date: string, days: number): string {
  const time = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) + days * DAY_MS;
  return new Date(time).toISOString().slice(0, 10).replaceAll('-', '');
}

/** A fusion split's date range (fusion splits are date ranges of one log). */
export function splitDates(dataset: DatasetSpec, split: 'train' | 'valid' | 'test'): [string, string] {
  const source = dataset[split];
  if (!source || typeof source === 'string' || !source.dates) throw new Error(`dataset.${split}: fusion splits are date ranges of one log`);
  return source.dates;
}

/**
 * Splits the train date range: the predictor learns from its first days, the policy from its last
 * `policyDays` days, where the predictions are out of sample as they are at serving time (a policy
 * fitted on the predictor's own training rows learns from overconfident predictions). With 0 days
 * both use the whole range.
 */
export function fusionTrainRanges(dataset: DatasetSpec, policyDays: number): { predictor: [string, string]; policy: [string, string] } {
  const [from, to] = splitDates(dataset, 'train');
  if (policyDays === 0) return { predictor: [from, to], policy: [from, to] };
  const policyFrom = shiftDate(to, 1 - policyDays);
  if (policyFrom <= from) throw new Error(`hyper.policyDays: ${policyDays} days leave no predictor training days in ${from}..${to}`);
  return { predictor: [from, shiftDate(policyFrom, -1)], policy: [policyFrom, to] };
}
