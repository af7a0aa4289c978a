/** One decision: the context's hashed features and each candidate's. */
export interface RankingChoice {
  context: Uint32Array;
  candidates: readonly Uint32Array[];
}

/** Softmax in place; returns the same array. */
function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    scores[i] = Math.exp((scores[i] ?? 0) - max);
    sum += scores[i] ?? 0;
  }
  for (let i = 0; i < scores.length; i++) scores[i] = (scores[i] ?? 0) / sum;
  return scores;
}

/**
 * A log-linear candidate-ranking policy: score(c) = sum of weights of hashed (context feature x
 * candidate feature) pairs; pi(c | x) = softmax over the candidate set. Its log-probability
 * gradients are explicit vectors, which the per-reward gradient inner products of MORE need.
 */
export class RankingPolicy {
  readonly weights: Float32Array;
  private readonly mask: number;

  constructor(readonly bits: number, weights?: Float32Array) {
    if (bits < 8 || bits > 24) throw new Error(`RankingPolicy: bits ${bits} outside 8..24`);
    this.weights = weights ?? new Float32Array(1 << bits);
    if (this.weights.length !== 1 << bits) throw new Error(`RankingPolicy: ${this.weights.length} weights for ${bits} bits`);
    this.mask = (1 << bits) - 1;
  }

  /** Weight indices of one (context, candidate) pair. */
  private indices(context: Uint32Array, candidate: Uint32Array, visit: (index: number) => void): void {
    for (const c of context) {
      const mixed = Math.imul(c, 0x9e3779b1) >>> 0;
      for (const f of candidate) visit(((mixed ^ f) >>> 0) & this.mask);
    }
  }

  scores(choice: RankingChoice): Float64Array {
    return Float64Array.from(choice.candidates, (candidate) => {
      let score = 0;
      this.indices(choice.context, candidate, (i) => {
        score += this.weights[i] ?? 0;
      });
      return score;
    });
  }

  probabilities(choice: RankingChoice): Float64Array {
    return softmaxInPlace(this.scores(choice));
  }

  /** out += scale * d log pi(chosen | x) / d weights = scale * (phi(chosen) - sum_c pi(c) phi(c)). */
  addLogProbGradient(choice: RankingChoice, probabilities: Float64Array, chosen: number, scale: number, out: Float32Array): void {
    choice.candidates.forEach((candidate, index) => {
      const coefficient = scale * ((index === chosen ? 1 : 0) - (probabilities[index] ?? 0));
      if (coefficient === 0) return;
      this.indices(choice.context, candidate, (i) => {
        out[i] = (out[i] ?? 0) + coefficient;
      });
    });
  }

  /** Index of the most probable candidate. */
  greedy(choice: RankingChoice): number {
    const scores = this.scores(choice);
    let best = 0;
    for (let i = 1; i < scores.length; i++) if ((scores[i] ?? 0) > (scores[best] ?? 0)) best = i;
    return best;
  }
}

/** Samples an index from a categorical distribution with a uniform draw u in [0, 1). */
export function sampleIndex(probabilities: Float64Array, u: number): number {
  let cumulative = 0;
  for (let i = 0; i < probabilities.length; i++) {
    cumulative += probabilities[i] ?? 0;
    if (u < cumulative) return i;
  }
  return probabilities.length - 1;
}

/** Adam ascent on a flat weight vector; its state (step, moments) is plain arrays for checkpoints. */
export class FlatAdam {
  step = 0;
  readonly m: Float32Array;
  readonly v: Float32Array;

  constructor(size: number, readonly learningRate: number, readonly beta1 = 0.9, readonly beta2 = 0.999, readonly epsilon = 1e-8) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /** weights += learningRate * adam(gradient): an ascent step on the objective whose gradient is given. */
  ascend(weights: Float32Array, gradient: Float32Array): void {
    this.step++;
    const c1 = 1 - this.beta1 ** this.step;
    const c2 = 1 - this.beta2 ** this.step;
    for (let i = 0; i < weights.length; i++) {
      const g = gradient[i] ?? 0;
      const m = this.beta1 * (this.m[i] ?? 0) + (1 - this.beta1) * g;
      const v = this.beta2 * (this.v[i] ?? 0) + (1 - this.beta2) * g * g;
      this.m[i] = m;
      this.v[i] = v;
      if (m !== 0) weights[i] = (weights[i] ?? 0) + (this.learningRate * (m / c1)) / (Math.sqrt(v / c2) + this.epsilon);
    }
  }
}

