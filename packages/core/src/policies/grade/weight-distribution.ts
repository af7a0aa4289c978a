import * as tf from '@tensorflow/tfjs';
import { ownedVariable } from '../../owned-variable';
import { softmaxRows } from '../../fusion/batch-tools';
import { dirichletEntropy, dirichletKl, dirichletLogProb } from '../../fusion/dirichlet';
import { sampleDirichlet } from '../../fusion/dirichlet-sampler';
import { concentrationsFromLogits, diagonalGaussianLogProb } from '../../fusion/weight-policy-heads';
import type { Rng } from '../../rng';
import { SmallMlp } from '../mlp';

/** 'dirichlet': weights ~ Dir(alpha(s)); 'gaussian': weights = softmax(z), z ~ N(mu(s), sigma) (the ablation). */
export type WeightDistribution = 'dirichlet' | 'gaussian';

/** Smallest sampled weight: keeps log w finite in the Dirichlet density. */
const WEIGHT_FLOOR = 1e-6;
/** Share of the Dirichlet mean spread evenly: keeps every concentration >= scale * MEAN_FLOOR / K, so densities, KL and gradients stay finite. */
const MEAN_FLOOR = 0.02;
const LOG_2PI_E = Math.log(2 * Math.PI * Math.E);

/** The distribution's parameters for a batch of states: alpha, or the logits' mean and log-std. */
export interface DistributionParams {
  /** Dirichlet concentrations or Gaussian means, [B, K]. */
  main: tf.Tensor2D;
  /** Gaussian log-std, [K] (undefined for the Dirichlet). */
  logStd?: tf.Tensor1D;
}

/**
 * A state-conditioned distribution over fusion weights. The Dirichlet's concentrations are
 * scale * mean with mean = c / sum(c) (mixed with a little of the uniform), c = softplus(raw) + eps:
 * the network sets the mean weights and `scale` (the
 * exploration knob the trainer adapts) is their sum, the precision. For the Gaussian, scale divides
 * the std. Either way a larger scale means less exploration and leaves the mean weights unchanged.
 */
export class WeightPolicyNetwork {
  readonly network: SmallMlp;
  private readonly logStdBase?: tf.Variable;
  scale = 1;

  constructor(
    readonly distribution: WeightDistribution,
    stateDim: number,
    hidden: readonly number[],
    readonly objectives: number,
    rng: Rng,
    logitStd = 0.5,
  ) {
    this.network = new SmallMlp([stateDim, ...hidden, objectives], rng, 0.1);
    if (distribution === 'gaussian') this.logStdBase = ownedVariable(tf.fill([objectives], Math.log(logitStd)) as tf.Tensor1D);
  }

  get variables(): tf.Variable[] {
    return this.logStdBase ? [...this.network.variables, this.logStdBase] : this.network.variables;
  }

  params(states: tf.Tensor2D): DistributionParams {
    return tf.tidy(() => {
      const out = this.network.apply(states);
      if (this.distribution === 'dirichlet') {
        const c = concentrationsFromLogits(out);
        const mean = c.div(c.sum(1, true)).mul(1 - MEAN_FLOOR).add(MEAN_FLOOR / this.objectives);
        return { main: mean.mul(this.scale) as tf.Tensor2D };
      }
      return { main: out, logStd: this.logStdBase!.sub(Math.log(this.scale)) as tf.Tensor1D };
    });
  }

  /** Deterministic weights: the Dirichlet mean, or the softmax of the Gaussian mean. */
  meanWeights(states: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const { main } = this.params(states);
      return (this.distribution === 'dirichlet' ? main.div(main.sum(1, true)) : tf.softmax(main)) as tf.Tensor2D;
    });
  }

  /**
   * groupSize draws per row: the actions (weights, or the Gaussian's pre-softmax z) the log-density is
   * taken of, and the weights on the simplex, both [B * groupSize, K] row-major.
   */
  sample(params: DistributionParams, groupSize: number, rng: Rng): { actions: Float32Array; weights: Float32Array } {
    const main = params.main.dataSync();
    const k = this.objectives;
    const rows = main.length / k;
    const repeated = new Float32Array(rows * groupSize * k);
    for (let r = 0; r < rows; r++) for (let g = 0; g < groupSize; g++) repeated.set(main.subarray(r * k, (r + 1) * k), (r * groupSize + g) * k);
    if (this.distribution === 'dirichlet') {
      const weights = sampleDirichlet(repeated, k, rng);
      for (let row = 0; row < weights.length; row += k) {
        let sum = 0;
        for (let j = 0; j < k; j++) {
          weights[row + j] = Math.max(WEIGHT_FLOOR, weights[row + j]!);
          sum += weights[row + j]!;
        }
        for (let j = 0; j < k; j++) weights[row + j]! /= sum;
      }
      return { actions: weights, weights };
    }
    const std = params.logStd!.dataSync().map(Math.exp);
    const actions = repeated.map((mu, i) => mu + std[i % k]! * rng.normal());
    return { actions, weights: softmaxRows(actions, k) };
  }

  /** Log-density of actions [B * groupSize, K] under params of B rows. */
  logProb(params: DistributionParams, actions: tf.Tensor2D, groupSize: number): tf.Tensor1D {
    return tf.tidy(() => {
      const main = repeatRows(params.main, groupSize);
      return this.distribution === 'dirichlet' ? dirichletLogProb(main, actions) : diagonalGaussianLogProb(main, params.logStd!, actions);
    });
  }

  /** KL(this || reference) per row. */
  kl(params: DistributionParams, reference: DistributionParams): tf.Tensor1D {
    return tf.tidy(() => {
      if (this.distribution === 'dirichlet') return dirichletKl(params.main, reference.main);
      const logStd = params.logStd!;
      const refLogStd = reference.logStd!;
      const varianceRatio = logStd.sub(refLogStd).mul(2).exp();
      const meanTerm = params.main.sub(reference.main).square().div(refLogStd.mul(2).exp());
      return refLogStd.sub(logStd).add(varianceRatio.add(meanTerm).sub(1).mul(0.5)).sum(1) as tf.Tensor1D;
    });
  }

  /** Entropy per row (for the Gaussian, of the pre-softmax logits). */
  entropy(params: DistributionParams): tf.Tensor1D {
    return tf.tidy(() => {
      if (this.distribution === 'dirichlet') return dirichletEntropy(params.main);
      const rows = params.main.shape[0];
      return tf.fill([rows], params.logStd!.sum().dataSync()[0]! + (this.objectives * LOG_2PI_E) / 2) as tf.Tensor1D;
    });
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}

/** [B, K] -> [B * times, K], each row repeated in place. */
function repeatRows(x: tf.Tensor2D, times: number): tf.Tensor2D {
  const [rows, k] = x.shape;
  return x.expandDims(1).tile([1, times, 1]).reshape([rows * times, k]);
}
