import { describe, expect, it } from 'vitest';
import { nextRequestOfUser, sliceRequests, tiltWeights, weightSpread } from './batch-tools';
import type { RequestBatch } from './request-batch';

describe('batch tools', () => {
  it('tilts weights toward a preference', () => {
    expect([...tiltWeights(Float32Array.of(0.5, 0.5, 0.2, 0.8), [0.25, 0.75])].map((v) => +v.toFixed(4))).toEqual([0.25, 0.75, 0.0769, 0.9231]);
    expect([...tiltWeights(Float32Array.of(1, 0), [0, 1])]).toEqual([0, 1]);
  });

  it('measures the spread of per-user mean weights; constant weights spread 0', () => {
    // User 1 averages (0.6, 0.4), user 2 has (0.2, 0.8): std per objective 0.2.
    const spread = weightSpread([1, 1, 2], [0.8, 0.2, 0.4, 0.6, 0.2, 0.8], 2);
    expect([...spread.mean].map((v) => +v.toFixed(4))).toEqual([0.4, 0.6]);
    expect([...spread.std].map((v) => +v.toFixed(4))).toEqual([0.2, 0.2]);
    expect([...weightSpread([1, 2], [0.5, 0.5, 0.5, 0.5], 2).std]).toEqual([0, 0]);
    expect([...nextRequestOfUser([4, 4, 5, 4])]).toEqual([1, -1, -1, -1]);
  });

  it('slices requests with their candidates, context and history', () => {
    const batch: RequestBatch = {
      objectives: ['a'],
      predictions: Float32Array.of(1, 2, 3, 4, 5),
      labels: Float32Array.of(0, 1, 0, 1, 1),
      offsets: Int32Array.of(0, 2, 3, 5),
      users: Int32Array.of(7, 8, 9),
      times: Float64Array.of(10, 20, 30),
      context: Float32Array.of(0.1, 0.2, 0.3),
      contextDim: 1,
      history: { steps: 1, items: Int32Array.of(11, 12, 13), gaps: Float32Array.of(1, 2, 3), feedback: Float32Array.of(0, 1, 1), length: Int32Array.of(1, 1, 0) },
    };
    const sub = sliceRequests(batch, [2, 0]);
    expect([...sub.offsets]).toEqual([0, 2, 4]);
    expect([...sub.predictions]).toEqual([4, 5, 1, 2]);
    expect([...sub.users, ...sub.history.items, ...sub.history.length]).toEqual([9, 7, 13, 11, 0, 1]);
    expect([...sub.context].map((v) => +v.toFixed(1))).toEqual([0.3, 0.1]);
  });
});
