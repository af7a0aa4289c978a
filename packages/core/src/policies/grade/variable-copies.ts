import * as tf from '@tensorflow/tfjs';

/**
 * The variables' values at their best validation score so far, kept in memory: offer() each new
 * score, and restore() puts the best values back (and frees the copy) when training ends.
 */
export class BestVariables {
  private copy: tf.Tensor[];

  /** Starts from the current values, scored `score` at step 0. */
  constructor(
    private readonly variables: readonly tf.Variable[],
    public score: number,
    public step = 0,
  ) {
    this.copy = variables.map((v) => tf.clone(v));
  }

  /** Keeps the current values when `score` beats the best so far. */
  offer(score: number, step: number): void {
    if (!(score > this.score)) return;
    tf.dispose(this.copy);
    this.copy = this.variables.map((v) => tf.clone(v));
    this.score = score;
    this.step = step;
  }

  restore(): void {
    blendVariables(this.variables, this.copy);
    tf.dispose(this.copy);
    this.copy = [];
  }
}

/** target <- tau * source + (1 - tau) * target, variable by variable (tau = 1 copies; soft updates of target networks below 1). */
export function blendVariables(target: readonly tf.Variable[], source: readonly tf.Tensor[], tau = 1): void {
  if (target.length !== source.length) throw new Error('blendVariables: variable lists differ in length');
  tf.tidy(() => {
    target.forEach((v, i) => {
      v.assign(tau === 1 ? source[i]! : v.mul(1 - tau).add(source[i]!.mul(tau)));
    });
  });
}
