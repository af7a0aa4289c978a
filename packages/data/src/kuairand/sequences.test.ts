import { describe, expect, it } from 'vitest';
import { requestSequences } from './sequences';

const minute = 60_000;

describe('requestSequences', () => {
  // Rows out of time order. User 7: a request at 0/5 min on day 1, another at 50/52/53 min (gap 45),
  // one at 0/1 min on day 2. User 3: a single impression (left out, but history of nothing).
  const users = [7, 7, 3, 7, 7, 7, 7, 7];
  const dates = [1, 1, 1, 1, 1, 1, 2, 2];
  const times = [5, 0, 2, 52, 50, 53, 24 * 60, 24 * 60 + 1].map((m) => m * minute);
  const items = [11, 10, 99, 13, 12, 14, 15, 16];
  // One objective: the feedback is the item id / 100 so it can be traced.
  const feedback = Float32Array.from(items, (i) => i / 100);
  const log = { users, dates, times, items, feedback, objectives: 1 };

  it('groups requests in time order with the history before each, newest last, padded on the left', () => {
    const s = requestSequences(log, { historySteps: 3 });
    expect([...s.offsets]).toEqual([0, 2, 5, 7]);
    expect([...s.rows].map((row) => items[row])).toEqual([10, 11, 12, 13, 14, 15, 16]);
    expect([...s.users]).toEqual([7, 7, 7]);
    expect([...s.dates]).toEqual([1, 1, 2]);
    expect([...s.times]).toEqual([0, 50 * minute, 24 * 60 * minute]);
    expect([...s.sinceLast]).toEqual([0, 45 * 60, (24 * 60 - 53) * 60]);
    expect([...s.history.length]).toEqual([0, 2, 3]);
    // Items stored as id + 1; gaps in seconds since the impression before (0 for the user's first).
    expect([...s.history.items]).toEqual([0, 0, 0, 0, 11, 12, 13, 14, 15]);
    expect([...s.history.gaps]).toEqual([0, 0, 0, 0, 0, 300, 45 * 60, 120, 60]);
    expect([...s.history.feedback].map((v) => Math.round(v * 100))).toEqual([0, 0, 0, 0, 10, 11, 12, 13, 14]);
  });

  it('keeps only the dates asked for, the minimum size, and honours the gap', () => {
    const day2 = requestSequences(log, { historySteps: 2, dates: [2, 2] });
    expect([...day2.offsets]).toEqual([0, 2]);
    expect([...day2.history.items]).toEqual([14, 15]);
    const singles = requestSequences(log, { minCandidates: 1 });
    expect(singles.users.length).toBe(4);
    expect(singles.users[0]).toBe(3);
    // With a 1-minute gap the day-1 impressions split further: 50/52/53 -> [50], [52, 53] (gap 1 is not < 1).
    const tight = requestSequences(log, { gapMs: 1.5 * minute, minCandidates: 2 });
    expect([...tight.rows].map((row) => items[row])).toEqual([13, 14, 15, 16]);
    expect(() => requestSequences({ ...log, objectives: 2 })).toThrow(/feedback has 8 values/);
  });
});
