import { describe, expect, it } from 'vitest';
import { reasoningScores, type TurnFacts } from './reasoning';

const facts = (over: Partial<TurnFacts>): TurnFacts => ({ domain: 'restaurant', matches: 3, expectsOffer: false, requested: [], booked: false, ...over });

describe('reasoningScores', () => {
  it('entity: no venue named without DB matches; a venue named when one is expected and exists', () => {
    expect(reasoningScores('try [restaurant_name] .', facts({ matches: 0 })).entity).toBe(0);
    expect(reasoningScores('sorry , nothing matches .', facts({ matches: 0 })).entity).toBe(1);
    expect(reasoningScores('what price range ?', facts({ expectsOffer: true })).entity).toBe(0);
    expect(reasoningScores('[restaurant_name] is nice .', facts({ expectsOffer: true })).entity).toBe(1);
  });

  it('request: the share of requested attributes provided', () => {
    const asked = facts({ requested: ['[value_phone]', '[value_postcode]'] });
    expect(reasoningScores('the phone is [value_phone] .', asked).request).toBe(0.5);
    expect(reasoningScores('[value_phone] , [value_postcode] .', asked).request).toBe(1);
    expect(reasoningScores('anything else ?', facts({})).request).toBe(1);
  });

  it('booking: a reference exactly when booked', () => {
    expect(reasoningScores('booked , ref [value_reference] .', facts({ booked: true })).booking).toBe(1);
    expect(reasoningScores('booked !', facts({ booked: true })).booking).toBe(0);
    expect(reasoningScores('ref [value_reference] .', facts({ booked: false })).booking).toBe(0);
  });

  it('count: [value_count] needs DB matches', () => {
    expect(reasoningScores('there are [value_count] .', facts({ matches: 0 })).count).toBe(0);
    expect(reasoningScores('there are [value_count] .', facts({ matches: 4 })).count).toBe(1);
  });
});
