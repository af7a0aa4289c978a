import * as tf from '@tensorflow/tfjs';
import { ownedVariable } from '../owned-variable';
import type { Rng } from '../rng';

/**
 * A small seeded MLP for policy and value heads: tanh hidden layers, linear output. The last layer
 * starts near zero so a fresh policy starts near its neutral action (e.g. equal weights).
 */
export class SmallMlp {
  readonly variables: tf.Variable[];

  constructor(sizes: readonly number[], rng: Rng, outputScale = 0.01) {
    this.variables = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const [fanIn, fanOut] = [sizes[l]!, sizes[l + 1]!];
      const bound = Math.sqrt(6 / (fanIn + fanOut)) * (l + 2 === sizes.length ? outputScale : 1);
      const kernel = Float32Array.from({ length: fanIn * fanOut }, () => (2 * rng.next() - 1) * bound);
      this.variables.push(ownedVariable(tf.tensor2d(kernel, [fanIn, fanOut])), ownedVariable(tf.zeros([fanOut])));
    }
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      let h = x;
      for (let l = 0; l < this.variables.length; l += 2) {
        h = tf.add(tf.matMul(h, this.variables[l] as tf.Tensor2D), this.variables[l + 1]!) as tf.Tensor2D;
        if (l + 2 < this.variables.length) h = tf.tanh(h);
      }
      return h;
    });
  }

  /** A copy of the current parameters (for keeping the best-on-validation policy). */
  snapshot(): Float32Array[] {
    return this.variables.map((v) => v.dataSync() as Float32Array).map((a) => a.slice());
  }

  restore(values: readonly Float32Array[]): void {
    tf.tidy(() => {
      for (const [i, v] of this.variables.entries()) v.assign(tf.tensor(values[i]!, v.shape));
    });
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}
