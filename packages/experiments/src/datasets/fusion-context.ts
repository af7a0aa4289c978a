import type { CategoricalColumn, RequestSequences } from '@tradeoff/data';

/** What a request's context is built from, besides its sequence. */
export interface ContextSources {
  /** Predictions per candidate, [candidates x K], candidates in sequence order. */
  predictions: Float32Array;
  objectives: number;
  /** HHMM of each log row. */
  hourmin: ArrayLike<number>;
  /** The user's activity level per log row (user_active_degree), when the user table was joined. */
  activity?: CategoricalColumn;
}

/**
 * Context features per request, [R x dim]: hour of day (sin, cos), log request size, log history
 * length, log seconds since the user's last impression / 10, then per objective the history's mean
 * feedback, the candidates' mean prediction and their spread, then the user's activity level one-hot.
 */
export function requestContext(seq: RequestSequences, sources: ContextSources): { context: Float32Array; dim: number } {
  const k = sources.objectives;
  const levels = sources.activity?.dictionary.length ?? 0;
  const dim = 5 + 3 * k + levels;
  const requests = seq.users.length;
  const context = new Float32Array(requests * dim);
  const { steps } = seq.history;
  for (let r = 0; r < requests; r++) {
    const out = context.subarray(r * dim, (r + 1) * dim);
    const first = seq.rows[seq.offsets[r]!]!;
    const hm = sources.hourmin[first]!;
    const angle = (2 * Math.PI * (Math.floor(hm / 100) + (hm % 100) / 60)) / 24;
    const [start, end] = [seq.offsets[r]!, seq.offsets[r + 1]!];
    const size = end - start;
    const length = seq.history.length[r]!;
    out.set([Math.sin(angle), Math.cos(angle), Math.log1p(size), Math.log1p(length), Math.log1p(seq.sinceLast[r]!) / 10]);
    for (let j = 0; j < k; j++) {
      let feedback = 0;
      for (let t = steps - length; t < steps; t++) feedback += seq.history.feedback[(r * steps + t) * k + j]!;
      let mean = 0;
      for (let i = start; i < end; i++) mean += sources.predictions[i * k + j]! / size;
      let variance = 0;
      for (let i = start; i < end; i++) variance += (sources.predictions[i * k + j]! - mean) ** 2 / size;
      out[5 + j] = length > 0 ? feedback / length : 0;
      out[5 + k + j] = mean;
      out[5 + 2 * k + j] = Math.sqrt(variance);
    }
    const level = sources.activity?.codes[first] ?? -1;
    if (level >= 0) out[5 + 3 * k + level] = 1;
  }
  return { context, dim };
}
