import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { digamma, digammaScalar, lgamma, lgammaScalar, trigamma, trigammaScalar } from './special-functions';

const EULER = 0.5772156649015329;

describe('special functions on numbers', () => {
  it('lgamma matches closed forms', () => {
    expect(lgammaScalar(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    expect(lgammaScalar(1)).toBeCloseTo(0, 10);
    expect(lgammaScalar(2)).toBeCloseTo(0, 10);
    expect(lgammaScalar(5)).toBeCloseTo(Math.log(24), 10);
    expect(lgammaScalar(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 10);
    // Gamma(x) ~ 1/x - euler near 0.
    expect(lgammaScalar(1e-4)).toBeCloseTo(Math.log(1 / 1e-4 - EULER), 4);
    // log(100!) = lgamma(101), from Stirling-free summation.
    let logFactorial = 0;
    for (let i = 2; i <= 100; i++) logFactorial += Math.log(i);
    expect(lgammaScalar(101)).toBeCloseTo(logFactorial, 8);
  });

  it('digamma and trigamma match closed forms', () => {
    expect(digammaScalar(1)).toBeCloseTo(-EULER, 11);
    expect(digammaScalar(0.5)).toBeCloseTo(-EULER - 2 * Math.log(2), 11);
    expect(digammaScalar(4)).toBeCloseTo(-EULER + 1 + 1 / 2 + 1 / 3, 11);
    expect(trigammaScalar(1)).toBeCloseTo(Math.PI ** 2 / 6, 11);
    expect(trigammaScalar(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 10);
  });

  it('digamma is the derivative of lgamma, trigamma of digamma (central differences)', () => {
    for (const x of [0.05, 0.3, 1.7, 12, 250]) {
      const h = 1e-5 * Math.max(1, x);
      expect(digammaScalar(x)).toBeCloseTo((lgammaScalar(x + h) - lgammaScalar(x - h)) / (2 * h), 4);
      expect(trigammaScalar(x) / ((digammaScalar(x + h) - digammaScalar(x - h)) / (2 * h))).toBeCloseTo(1, 4);
    }
  });
});

describe('special functions as tensor ops', () => {
  beforeAll(async () => {
    await initBackend();
  });

  const xs = [0.01, 0.5, 1, 2.5, 7, 40, 1000];

  it('agree with the double-precision versions in float32', () => {
    const x = tf.tensor1d(xs);
    const lg = lgamma(x).arraySync() as number[];
    const dg = digamma(x).arraySync() as number[];
    const tg = trigamma(x).arraySync() as number[];
    xs.forEach((v, i) => {
      expect(Math.abs(lg[i]! - lgammaScalar(v))).toBeLessThan(1e-5 * Math.max(1, Math.abs(lgammaScalar(v))));
      expect(Math.abs(dg[i]! - digammaScalar(v))).toBeLessThan(1e-5 * Math.max(1, Math.abs(digammaScalar(v))));
      expect(Math.abs(tg[i]! - trigammaScalar(v))).toBeLessThan(1e-5 * Math.max(1, trigammaScalar(v)));
    });
  });

  it('differentiate: d lgamma = digamma, d digamma = trigamma', () => {
    const x = tf.tensor1d(xs);
    const dl = tf.grad((t: tf.Tensor) => lgamma(t).sum())(x).arraySync() as number[];
    const dd = tf.grad((t: tf.Tensor) => digamma(t).mul(tf.range(1, xs.length + 1)).sum())(x).arraySync() as number[];
    xs.forEach((v, i) => {
      expect(dl[i]!).toBeCloseTo(digammaScalar(v), 3);
      expect(dd[i]! / ((i + 1) * trigammaScalar(v))).toBeCloseTo(1, 4);
    });
  });
});
