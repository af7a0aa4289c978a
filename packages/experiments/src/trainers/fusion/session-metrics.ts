import { batchGoal, fuseScores, rankWithinRequests } from '@tradeoff/core';
import { fitUserModel, simulateSessions, type UserModel } from '@tradeoff/data';
import type { FusionData, FusionSplit } from '../../datasets/fusion-data';

/** The simulated user fitted on the train split's requests: leave hazard and watch ratio by logged feedback. */
export function fitSimulatedUser(data: FusionData): UserModel {
  const { sequences, batch } = data.splits.train;
  const c = data.log.columns;
  const rows = sequences.rows;
  const take = (values: Float64Array) => Float64Array.from(rows, (row) => values[row]!);
  // Request ids along the sequence order: the index of each candidate's request.
  const requests = new Int32Array(rows.length);
  for (let r = 0; r + 1 < sequences.offsets.length; r++) requests.fill(r, sequences.offsets[r]!, sequences.offsets[r + 1]!);
  return fitUserModel({ names: batch.objectives, signals: batch.labels, requests, times: take(c.time_ms), playMs: take(c.play_time_ms), durationMs: take(c.duration_ms) });
}

/**
 * Session return of a policy's weights in the simulator: the response model is the predictor (its
 * predicted signal probabilities), the user leaves as the fitted model says.
 */
export function sessionMetrics(split: string, weights: Float32Array, data: FusionSplit, user: UserModel, options: { seed: number; repeats: number }): Record<string, number> {
  const { batch } = data;
  const goal = batchGoal(batch);
  const scores = fuseScores({ predictions: batch.predictions, objectives: batch.objectives.length, offsets: batch.offsets, weights, form: goal.form });
  const order = rankWithinRequests(scores, batch.offsets);
  const result = simulateSessions(user, { probabilities: batch.predictions, offsets: batch.offsets, durationMs: data.durationMs, order }, options);
  const out: Record<string, number> = {
    [`${split}/watch_time_per_request`]: result.watchTimePerRequest,
    [`${split}/impressions_per_session`]: result.impressionsPerSession,
  };
  if (!Number.isNaN(result.clicksPerSession)) out[`${split}/clicks_per_session`] = result.clicksPerSession;
  return out;
}
