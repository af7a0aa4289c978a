import { describe, expect, it } from 'vitest';
import { dualAscent, gradientAgreementWeights } from './more-updates';

describe('MORE updates', () => {
  it('dual ascent raises the multiplier of a violated constraint and lowers a satisfied one, never below 0', () => {
    const next = dualAscent([0.5, 0.5, 0.01], [0.9, 0.9, 0.9], [0.6, 1.0, 1.0], 0.5);
    expect(next[0]).toBeCloseTo(0.65);
    expect(next[1]).toBeCloseTo(0.45);
    expect(next[2]).toBe(0);
  });

  it('the weight update moves mass to rewards whose gradients agree with the others', () => {
    const a = Float32Array.from([1, 0, 0]);
    const b = Float32Array.from([0.9, 0.1, 0]);
    const opposed = Float32Array.from([-1, 0, 0.2]);
    const { weights, agreement } = gradientAgreementWeights([1 / 3, 1 / 3, 1 / 3], [a, b, opposed], 1);
    expect(agreement[0]).toBeCloseTo(1 + 0.9 - 1);
    expect(weights[0]).toBeGreaterThan(1 / 3);
    expect(weights[2]).toBeLessThan(1 / 3);
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1);
    // With no step the weights stay put.
    expect(gradientAgreementWeights([0.2, 0.3, 0.5], [a, b, opposed], 0).weights).toEqual([0.2, 0.3, 0.5].map((w) => expect.closeTo(w)));
  });
});
