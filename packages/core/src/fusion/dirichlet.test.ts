import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { Rng } from '../rng';
import { dirichletEntropy, dirichletKl, dirichletLogProb } from './dirichlet';
import { dirichletLogDensity, sampleDirichlet, sampleDirichletTensor, sampleLogGamma } from './dirichlet-sampler';
import { digammaScalar } from './special-functions';

beforeAll(async () => {
  await initBackend();
});

const rows = (t: tf.Tensor) => Array.from(t.dataSync());

describe('Dirichlet densities', () => {
  it('match closed forms (uniform on the 2-simplex, Beta(2, 3))', () => {
    const uniform = rows(dirichletLogProb(tf.tensor2d([[1, 1, 1], [1, 1, 1]]), tf.tensor2d([[0.2, 0.3, 0.5], [0.9, 0.05, 0.05]])));
    expect(uniform[0]).toBeCloseTo(Math.log(2), 5);
    expect(uniform[1]).toBeCloseTo(Math.log(2), 5);
    // Beta(2, 3) at 0.4 is 12 * 0.4 * 0.6^2.
    expect(rows(dirichletLogProb(tf.tensor2d([[2, 3]]), tf.tensor2d([[0.4, 0.6]])))[0]).toBeCloseTo(Math.log(12 * 0.4 * 0.36), 5);
    expect(dirichletLogDensity([1, 1, 1], [0.2, 0.3, 0.5])).toBeCloseTo(Math.log(2), 12);
    expect(dirichletLogDensity([2, 3], [0.4, 0.6])).toBeCloseTo(Math.log(12 * 0.4 * 0.36), 12);
  });

  it('entropy: -log 2 for the uniform, 2.25 - log 12 for Beta(2, 3)', () => {
    expect(rows(dirichletEntropy(tf.tensor2d([[1, 1, 1]])))[0]).toBeCloseTo(-Math.log(2), 5);
    expect(rows(dirichletEntropy(tf.tensor2d([[2, 3]])))[0]).toBeCloseTo(2.25 - Math.log(12), 5);
  });

  it('KL: 0 to itself, log 2 - 1/2 from Beta(2, 1) to the uniform, and matches a Monte Carlo estimate', () => {
    const [self, beta] = rows(dirichletKl(tf.tensor2d([[0.7, 2.5], [2, 1]]), tf.tensor2d([[0.7, 2.5], [1, 1]])));
    expect(self).toBeCloseTo(0, 5);
    expect(beta).toBeCloseTo(Math.log(2) - 0.5, 5);
    const a = [3, 1.5, 0.8];
    const b = [1, 2, 2];
    const samples = sampleDirichlet(Array.from({ length: 20000 }, () => a).flat(), 3, new Rng(5));
    let estimate = 0;
    for (let i = 0; i < samples.length; i += 3) {
      const x = samples.subarray(i, i + 3);
      estimate += dirichletLogDensity(a, x) - dirichletLogDensity(b, x);
    }
    estimate /= 20000;
    expect(rows(dirichletKl(tf.tensor2d([a]), tf.tensor2d([b])))[0]).toBeCloseTo(estimate, 1);
  });

  it('log-density gradient w.r.t. alpha is psi(alpha0) - psi(alpha_k) + log x_k (and finite differences agree)', () => {
    const alpha = [
      [0.5, 2, 4],
      [1.3, 0.2, 7],
    ];
    const x = [
      [0.1, 0.3, 0.6],
      [0.25, 0.05, 0.7],
    ];
    const grad = tf.grad((a: tf.Tensor) => dirichletLogProb(a as tf.Tensor2D, tf.tensor2d(x)).sum())(tf.tensor2d(alpha)).arraySync() as number[][];
    alpha.forEach((row, i) => {
      const alpha0 = row.reduce((s, v) => s + v, 0);
      row.forEach((a, k) => {
        const expected = digammaScalar(alpha0) - digammaScalar(a) + Math.log(x[i]![k]!);
        const h = 1e-6;
        const plus = row.map((v, j) => (j === k ? v + h : v));
        const minus = row.map((v, j) => (j === k ? v - h : v));
        const finite = (dirichletLogDensity(plus, x[i]!) - dirichletLogDensity(minus, x[i]!)) / (2 * h);
        expect(finite).toBeCloseTo(expected, 6);
        expect(grad[i]![k]!).toBeCloseTo(expected, 3);
      });
    });
  });

  it('KL and entropy gradients match finite differences of the float32 ops', () => {
    const alpha = tf.tensor2d([[1.5, 0.7, 3]]);
    const beta = tf.tensor2d([[2, 2, 2]]);
    const klGrad = rows(tf.grad((a: tf.Tensor) => dirichletKl(a as tf.Tensor2D, beta).sum())(alpha));
    const entGrad = rows(tf.grad((a: tf.Tensor) => dirichletEntropy(a as tf.Tensor2D).sum())(alpha));
    const base = [1.5, 0.7, 3];
    const h = 1e-2;
    base.forEach((_, k) => {
      const shifted = (d: number) => tf.tensor2d([base.map((v, j) => (j === k ? v + d : v))]);
      const klFinite = (rows(dirichletKl(shifted(h), beta))[0]! - rows(dirichletKl(shifted(-h), beta))[0]!) / (2 * h);
      const entFinite = (rows(dirichletEntropy(shifted(h)))[0]! - rows(dirichletEntropy(shifted(-h)))[0]!) / (2 * h);
      expect(klGrad[k]!).toBeCloseTo(klFinite, 2);
      expect(entGrad[k]!).toBeCloseTo(entFinite, 2);
    });
  });
});

describe('Dirichlet sampling (Marsaglia-Tsang, seeded)', () => {
  it('Gamma draws have mean and variance equal to the shape', () => {
    for (const shape of [0.3, 1, 4.5]) {
      const rng = new Rng(1, shape * 10);
      const draws = Array.from({ length: 40000 }, () => Math.exp(sampleLogGamma(shape, rng)));
      const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
      const variance = draws.reduce((s, v) => s + (v - mean) ** 2, 0) / draws.length;
      expect(Math.abs(mean - shape)).toBeLessThan(0.03 * Math.max(1, shape));
      expect(Math.abs(variance / shape - 1)).toBeLessThan(0.06);
    }
    expect(() => sampleLogGamma(0, new Rng(1))).toThrow(/shape must be > 0/);
  });

  it('matches alpha / alpha0 and the Dirichlet variance, and repeats for a seed', () => {
    const alpha = [0.5, 2, 3.5];
    const alpha0 = 6;
    const n = 30000;
    const flat = Array.from({ length: n }, () => alpha).flat();
    const samples = sampleDirichlet(flat, 3, new Rng(9));
    expect(sampleDirichlet(flat.slice(0, 30), 3, new Rng(9))).toEqual(samples.subarray(0, 30));
    alpha.forEach((a, k) => {
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < n; i++) {
        sum += samples[i * 3 + k]!;
        sq += samples[i * 3 + k]! ** 2;
      }
      const mean = sum / n;
      const variance = sq / n - mean * mean;
      expect(mean).toBeCloseTo(a / alpha0, 2);
      expect(variance / ((a * (alpha0 - a)) / (alpha0 * alpha0 * (alpha0 + 1)))).toBeCloseTo(1, 1);
    });
  });

  it('maximum likelihood with Adam recovers the concentrations its own sampler drew from', () => {
    const truth = [2, 5, 0.7];
    const n = 4000;
    const samples = sampleDirichlet(Array.from({ length: n }, () => truth).flat(), 3, new Rng(13));
    // The mean log-likelihood only depends on mean log x: evaluate the density at exp(mean log x).
    const meanLog = [0, 1, 2].map((k) => samples.filter((_, i) => i % 3 === k).reduce((s, v) => s + Math.log(v), 0) / n);
    const x = tf.tensor2d([meanLog.map(Math.exp)]);
    const logAlpha = tf.variable(tf.zeros([1, 3]));
    const optimizer = tf.train.adam(0.05);
    for (let step = 0; step < 400; step++) {
      optimizer.minimize(() => dirichletLogProb(logAlpha.exp() as tf.Tensor2D, x).neg().sum() as tf.Scalar);
    }
    const fitted = rows(logAlpha.exp());
    truth.forEach((a, k) => {
      expect(Math.abs(fitted[k]! / a - 1)).toBeLessThan(0.08);
    });
  });

  it('stays on the simplex for tiny concentrations, and works through tensors', () => {
    const tiny = sampleDirichlet([1e-3, 1e-3, 1e-3, 1e-3], 4, new Rng(2));
    expect(tiny.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(tiny.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    const weights = sampleDirichletTensor(tf.tensor2d([[1, 2], [5, 5], [0.1, 9]]), new Rng(4));
    expect(weights.shape).toEqual([3, 2]);
    expect(rows(weights.sum(1)).every((s) => Math.abs(s - 1) < 1e-6)).toBe(true);
    expect(() => sampleDirichlet([1, 2, 3], 2, new Rng(1))).toThrow(/do not split into rows of 2/);
  });
});
