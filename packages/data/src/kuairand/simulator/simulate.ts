import { Rng } from '@tradeoff/core/pure';
import type { UserModel } from './user-model';

export interface SessionInput {
  /** Predicted probability of each of the model's signals per candidate, [candidates x signals]. */
  probabilities: Float32Array;
  /** Request r holds candidates offsets[r] .. offsets[r + 1] - 1. */
  offsets: ArrayLike<number>;
  durationMs: ArrayLike<number>;
  /** The policy's ranking: candidate indices, each request's block best first (rankWithinRequests). */
  order: ArrayLike<number>;
}

export interface SessionReturn {
  /** Mean total watch time of a session (a request scrolled until the user leaves), seconds. */
  watchTimePerRequest: number;
  /** Mean clicks per session (NaN when the model has no click signal). */
  clicksPerSession: number;
  /** Mean impressions seen before leaving. */
  impressionsPerSession: number;
}

/**
 * Plays each request as a session: the user scrolls the ranked candidates; at each one the
 * signals are drawn from the predicted probabilities, watch time follows the watch model and the
 * user leaves with the leave model's probability (or at the end of the list). Every request of
 * every repeat draws from its own stream Rng(seed, repeat, request), so a seed reproduces the
 * return exactly and two policies meet the same randomness request by request.
 */
export function simulateSessions(model: UserModel, input: SessionInput, options: { seed: number; repeats: number }): SessionReturn {
  const s = model.signals.length;
  const requests = input.offsets.length - 1;
  if (input.probabilities.length !== input.order.length * s) throw new Error(`simulateSessions: probabilities has ${input.probabilities.length} values, expected ${input.order.length} candidates x ${s}`);
  const click = model.signals.indexOf('click');
  const signal = new Float64Array(s);
  let [watch, clicks, seen] = [0, 0, 0];
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    for (let r = 0; r < requests; r++) {
      const rng = new Rng(options.seed, repeat, r);
      for (let i = input.offsets[r]!; i < input.offsets[r + 1]!; i++) {
        const c = input.order[i]!;
        let leave = model.leave.bias;
        let ratio = model.watch.bias;
        for (let j = 0; j < s; j++) {
          signal[j] = rng.next() < input.probabilities[c * s + j]! ? 1 : 0;
          leave += model.leave.coef[j]! * signal[j]!;
          ratio += model.watch.coef[j]! * signal[j]!;
        }
        seen++;
        watch += (Math.min(model.maxWatchRatio, Math.max(0, ratio)) * input.durationMs[c]!) / 1000;
        if (click >= 0) clicks += signal[click]!;
        if (rng.next() < 1 / (1 + Math.exp(-leave))) break;
      }
    }
  }
  const sessions = requests * options.repeats;
  return { watchTimePerRequest: watch / sessions, clicksPerSession: click >= 0 ? clicks / sessions : Number.NaN, impressionsPerSession: seen / sessions };
}
