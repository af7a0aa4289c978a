import * as tf from '@tensorflow/tfjs';

/** Copies of variables' current values (a checkpoint kept in memory, e.g. the best on validation). */
export function snapshotVariables(variables: readonly tf.Variable[]): tf.Tensor[] {
  return variables.map((v) => tf.clone(v));
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
