import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataRoot } from '../../data-root';
import { readKuaiRandLog } from '../read-log';
import { groupRequests } from '../requests';
import { requestSequences } from '../sequences';
import { simulateSessions } from './simulate';
import { fitUserModel } from './user-model';

const log = join(process.env.TRADEOFF_DATA_DIR ?? defaultDataRoot(), 'kuairand-pure', 'log_standard_2022-04-25_to_2022-05-04_pure.csv.gz');

describe.skipIf(!existsSync(log))('the session simulator on KuaiRand-Pure', () => {
  it('fits a leave probability that falls with satisfaction; returns are seeded and depend on the ranking', async () => {
    const { columns: c, rows } = await readKuaiRandLog(log);
    const names = ['click', 'long_view'];
    const signals = new Float32Array(rows * 2);
    for (let i = 0; i < rows; i++) signals.set([c.is_click[i]!, c.long_view[i]!], i * 2);
    const impressions = { users: c.user_id, dates: c.date, times: c.time_ms, items: c.video_id, feedback: signals, objectives: 2 };
    // The simulator plays requests of two or more candidates; the leave hazard is fitted on the same kind.
    const train = requestSequences(impressions, { dates: [20220425, 20220502] }).rows;
    const pick = (values: ArrayLike<number>) => Float64Array.from(train, (i) => values[i]!);
    const requests = groupRequests(c.user_id, c.date, c.time_ms);
    const model = fitUserModel({
      names,
      signals: Float32Array.from({ length: train.length * 2 }, (_, j) => signals[train[j >> 1]! * 2 + (j & 1)]!),
      requests: pick(requests),
      times: pick(c.time_ms),
      playMs: pick(c.play_time_ms),
      durationMs: pick(c.duration_ms),
    });
    // A clicked, long-viewed impression keeps the user (lower leave probability) and means a longer watch.
    expect(model.leave.coef[0]).toBeLessThan(-0.1);
    expect(model.leave.coef[0]! + model.leave.coef[1]!).toBeLessThan(-0.1);
    expect(model.watch.coef[1]).toBeGreaterThan(0.1);

    // Test-day requests, the logged feedback standing in for the response model's probabilities.
    const test = requestSequences(impressions, { dates: [20220504, 20220504] });
    const n = test.rows.length;
    const input = {
      probabilities: Float32Array.from({ length: n * 2 }, (_, j) => signals[test.rows[j >> 1]! * 2 + (j & 1)]!),
      offsets: test.offsets,
      durationMs: Float64Array.from(test.rows, (row) => c.duration_ms[row]!),
    };
    // Long views first versus last within each request.
    const ranked = (sign: number) => {
      const order = Uint32Array.from({ length: n }, (_, i) => i);
      for (let r = 0; r + 1 < test.offsets.length; r++) {
        order.subarray(test.offsets[r]!, test.offsets[r + 1]!).sort((a, b) => sign * (input.probabilities[b * 2 + 1]! - input.probabilities[a * 2 + 1]!) || a - b);
      }
      return order;
    };
    const best = simulateSessions(model, { ...input, order: ranked(1) }, { seed: 7, repeats: 3 });
    expect(simulateSessions(model, { ...input, order: ranked(1) }, { seed: 7, repeats: 3 })).toEqual(best);
    expect(simulateSessions(model, { ...input, order: ranked(1) }, { seed: 8, repeats: 3 }).watchTimePerRequest).not.toBe(best.watchTimePerRequest);
    const worst = simulateSessions(model, { ...input, order: ranked(-1) }, { seed: 7, repeats: 3 });
    expect(best.watchTimePerRequest).toBeGreaterThan(worst.watchTimePerRequest * 1.05);
    expect(best.impressionsPerSession).toBeGreaterThan(1);
    expect(best.clicksPerSession).toBeGreaterThan(0);
  });
});
