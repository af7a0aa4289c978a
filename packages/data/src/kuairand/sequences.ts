import type { RequestHistory } from '@tradeoff/core';
import { groupRequests, REQUEST_GAP_MS } from './requests';

/** Impressions of a log, in any row order: who saw what when, and the feedback it got. */
export interface Impressions {
  users: ArrayLike<number>;
  /** YYYYMMDD. */
  dates: ArrayLike<number>;
  /** Milliseconds since the epoch. */
  times: ArrayLike<number>;
  /** Non-negative item (video) ids; the history stores id + 1 so that 0 means padding. */
  items: ArrayLike<number>;
  /** Logged feedback per impression, [rows x objectives]. */
  feedback: Float32Array;
  objectives: number;
}

export interface RequestSequenceOptions {
  /** A gap of this many ms or more between one user's impressions starts a new request. */
  gapMs?: number;
  /** History steps kept per request (T). */
  historySteps?: number;
  /** Requests with fewer candidates are left out (a single impression ranks nothing). */
  minCandidates?: number;
  /** Only requests dated within [from, to] (YYYYMMDD) are kept; history reads every earlier impression. */
  dates?: readonly [number, number];
}

/** Requests in (user, time) order with each user's history before them, columnar. */
export interface RequestSequences {
  /** Impression rows of the candidates, request after request, in time order within a request. */
  rows: Uint32Array;
  /** Request r holds rows[offsets[r] .. offsets[r + 1] - 1]; length R + 1. */
  offsets: Int32Array;
  users: Int32Array;
  /** Time of the request's first impression (ms). */
  times: Float64Array;
  dates: Int32Array;
  /** Seconds from the user's previous impression to the request's start (0 for a user's first). */
  sinceLast: Float32Array;
  history: RequestHistory;
}

/**
 * Groups impressions into requests (one user, one date, gaps under gapMs) and gives each kept
 * request its user's last `historySteps` impressions before it: item, seconds since the impression
 * before it (0 for the user's first), and logged feedback, newest last, zero-padded on the left.
 */
export function requestSequences(log: Impressions, options: RequestSequenceOptions = {}): RequestSequences {
  const { gapMs = REQUEST_GAP_MS, historySteps: steps = 20, minCandidates = 2 } = options;
  const n = log.users.length;
  const k = log.objectives;
  if (log.feedback.length !== n * k) throw new Error(`requestSequences: feedback has ${log.feedback.length} values, expected ${n} rows x ${k}`);
  const ids = groupRequests(log.users, log.dates, log.times, gapMs);
  // Request ids follow (user, time), so this order walks each user's impressions in time.
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => ids[a]! - ids[b]! || log.times[a]! - log.times[b]! || a - b);
  const [from, to] = options.dates ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];

  const kept: { start: number; end: number }[] = [];
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && ids[order[end]!] === ids[order[start]!]) end++;
    const date = log.dates[order[start]!]!;
    if (end - start >= minCandidates && date >= from && date <= to) kept.push({ start, end });
    start = end;
  }

  const requests = kept.length;
  const rows = new Uint32Array(kept.reduce((sum, q) => sum + q.end - q.start, 0));
  const offsets = new Int32Array(requests + 1);
  const users = new Int32Array(requests);
  const times = new Float64Array(requests);
  const dates = new Int32Array(requests);
  const sinceLast = new Float32Array(requests);
  const history: RequestHistory = {
    steps,
    items: new Int32Array(requests * steps),
    gaps: new Float32Array(requests * steps),
    feedback: new Float32Array(requests * steps * k),
    length: new Int32Array(requests),
  };
  const sameUser = (a: number, b: number) => log.users[order[a]!] === log.users[order[b]!];
  kept.forEach(({ start, end }, r) => {
    const first = order[start]!;
    rows.set(order.subarray(start, end), offsets[r]!);
    offsets[r + 1] = offsets[r]! + end - start;
    users[r] = log.users[first]!;
    times[r] = log.times[first]!;
    dates[r] = log.dates[first]!;
    if (start > 0 && sameUser(start - 1, start)) sinceLast[r] = (log.times[first]! - log.times[order[start - 1]!]!) / 1000;
    let length = 0;
    while (length < steps && start - length - 1 >= 0 && sameUser(start - length - 1, start)) length++;
    history.length[r] = length;
    for (let i = 0; i < length; i++) {
      const at = start - length + i;
      const row = order[at]!;
      const slot = r * steps + steps - length + i;
      history.items[slot] = log.items[row]! + 1;
      if (at > 0 && sameUser(at - 1, at)) history.gaps[slot] = (log.times[row]! - log.times[order[at - 1]!]!) / 1000;
      history.feedback.set(log.feedback.subarray(row * k, (row + 1) * k), slot * k);
    }
  });
  return { rows, offsets, users, times, dates, sinceLast, history };
}
