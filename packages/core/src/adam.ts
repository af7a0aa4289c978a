import * as tf from '@tensorflow/tfjs';
import { ownedVariable } from './owned-variable';
import { type AdamCoefficients, canFuseAdam, fusedAdamStep } from './engine/fused-adam';
import type { NamedTensor } from './model-files';

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Decoupled weight decay (AdamW, Loshchilov & Hutter): x <- x - learningRate * weightDecay * x per step. */
  weightDecay?: number;
}

/**
 * Adam (Kingma & Ba) over a fixed list of variables, with optional decoupled weight decay. Its whole state (step count and moments) is
 * exported and restored exactly; tf.train.adam keeps its bias-correction powers outside
 * getWeights, so a resumed run would drift from an uninterrupted one.
 */
export class Adam {
  readonly learningRate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;
  private t = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(private readonly variables: tf.Variable[], options: AdamOptions) {
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    this.weightDecay = options.weightDecay ?? 0;
    this.m = variables.map((x) => zeroMoment(x));
    this.v = variables.map((x) => zeroMoment(x));
  }

  /** Number of updates applied so far. */
  get step(): number {
    return this.t;
  }

  /** One update; `gradients[i]` belongs to `variables[i]`. */
  apply(gradients: readonly tf.Tensor[]): void {
    if (gradients.length !== this.variables.length) throw new Error('Adam.apply: one gradient per variable');
    this.t++;
    // Bias corrections in double precision, folded into two scalars (as in PyTorch's Adam).
    const c: AdamCoefficients = {
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      stepSize: this.learningRate / (1 - this.beta1 ** this.t),
      secondCorrection: Math.sqrt(1 - this.beta2 ** this.t),
      decay: 1 - this.learningRate * this.weightDecay,
    };
    if (canFuseAdam([...this.variables, ...gradients])) {
      this.variables.forEach((x, i) => {
        fusedAdamStep({ x, m: this.m[i]!, v: this.v[i]!, g: gradients[i]! }, c);
      });
      return;
    }
    tf.tidy(() => {
      this.variables.forEach((x, i) => {
        const g = gradients[i]!;
        const m = this.m[i]!;
        const v = this.v[i]!;
        const m1 = m.mul(c.beta1).add(g.mul(1 - c.beta1));
        const v1 = v.mul(c.beta2).add(g.square().mul(1 - c.beta2));
        m.assign(m1);
        v.assign(v1);
        const denominator = v1.sqrt().div(c.secondCorrection).add(c.epsilon);
        const decayed = this.weightDecay > 0 ? x.mul(c.decay) : x;
        x.assign(decayed.sub(m1.div(denominator).mul(c.stepSize)));
      });
    });
  }

  /** Moments named `m/<i>` and `v/<i>`, plus the step count. */
  getState(): { step: number; tensors: NamedTensor[] } {
    const tensors = [
      ...this.m.map((tensor, i) => ({ name: `m/${i}`, tensor })),
      ...this.v.map((tensor, i) => ({ name: `v/${i}`, tensor })),
    ];
    return { step: this.t, tensors };
  }

  setState(step: number, tensors: tf.NamedTensorMap): void {
    const restore = (moments: tf.Variable[], prefix: string) =>
      moments.forEach((moment, i) => {
        const value = tensors[`${prefix}/${i}`];
        if (!value || !tf.util.arraysEqual(value.shape, moment.shape)) {
          throw new Error(`Adam state: ${prefix}/${i} missing or of the wrong shape`);
        }
        moment.assign(value);
      });
    restore(this.m, 'm');
    restore(this.v, 'v');
    this.t = step;
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}

/** A zero moment with storage of its own (the fused step updates it in place). */
function zeroMoment(x: tf.Variable): tf.Variable {
  return ownedVariable(tf.zerosLike(x), false);
}
