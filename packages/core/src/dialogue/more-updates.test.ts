import { describe, expect, it } from 'vitest';
import { gradientAgreementWeights, updateMultipliers } from './more-updates';

describe('MORE updates', () => {
  it('without a proportional term the multipliers follow projected dual ascent, never below 0', () => {
    const gains = { integralStep: 0.5, proportionalGain: 0, smoothing: 0.9 };
    const { lambdas } = updateMultipliers({ integral: [0.5, 0.5, 0.01], smoothedViolation: [0, 0, 0] }, [0.9, 0.9, 0.9], [0.6, 1.0, 1.0], gains);
    expect(lambdas[0]).toBeCloseTo(0.65);
    expect(lambdas[1]).toBeCloseTo(0.45);
    expect(lambdas[2]).toBe(0);
  });

  it('the proportional term adds the smoothed current violation: it drops the multiplier as soon as the constraint holds', () => {
    const gains = { integralStep: 0.1, proportionalGain: 10, smoothing: 0.5 };
    let state = { integral: [1], smoothedViolation: [0] };
    // Violated by 0.2 twice: integral 1 -> 1.02 -> 1.04; smoothed violation 0.1 -> 0.15.
    state = updateMultipliers(state, [0.9], [0.7], gains).state;
    const violated = updateMultipliers(state, [0.9], [0.7], gains);
    expect(violated.state.integral[0]).toBeCloseTo(1.04);
    expect(violated.state.smoothedViolation[0]).toBeCloseTo(0.15);
    expect(violated.lambdas[0]).toBeCloseTo(1.04 + 10 * 0.15);
    // Then met with a margin of 0.3: the integral barely moves, the multiplier falls by the proportional part.
    const met = updateMultipliers(violated.state, [0.9], [1.2], gains);
    expect(met.state.integral[0]).toBeCloseTo(1.01);
    expect(met.state.smoothedViolation[0]).toBeCloseTo(-0.075);
    expect(met.lambdas[0]).toBeCloseTo(1.01 - 0.75);
    // A large margin cannot push the multiplier below 0.
    expect(updateMultipliers(met.state, [0.9], [5], gains).lambdas[0]).toBe(0);
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
