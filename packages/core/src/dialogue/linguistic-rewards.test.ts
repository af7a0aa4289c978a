import { describe, expect, it } from 'vitest';
import { batchDiversity, distinctN, fluency, lengthProfile, naturalness, sentenceBleu } from './linguistic-rewards';
import { KneserNeyLm } from './ngram-lm';

const training = [
  'i have [value_count] [value_type] in the [value_area] .',
  'the phone number is [value_phone] .',
  'the address is [value_address] and the phone number is [value_phone] .',
  'booking was successful . your reference number is [value_reference] .',
  'is there anything else i can help you with ?',
  'what area would you like to stay in ?',
];

describe('linguistic rewards', () => {
  const lm = new KneserNeyLm(training);

  it('a Kneser-Ney trigram model prefers word orders seen in training', () => {
    expect(lm.meanLogProb('the phone number is [value_phone] .')).toBeGreaterThan(lm.meanLogProb('[value_phone] is number phone the .'));
    expect(fluency(lm, 'the phone number is [value_phone] .')).toBeGreaterThan(fluency(lm, 'phone phone the is is .'));
    // Probabilities of every continuation of a seen context sum to about one.
    const vocabulary = [...new Set(training.flatMap((s) => s.split(' '))), '</s>'];
    const total = vocabulary.reduce((sum, w) => sum + lm.probability('number', 'is', w), 0);
    expect(total).toBeGreaterThan(0.95);
    expect(total).toBeLessThanOrEqual(1.0001);
  });

  it('naturalness penalises repetition and implausible lengths', () => {
    const profile = lengthProfile(training);
    expect(naturalness('is there anything else i can help you with ?', profile)).toBeGreaterThan(naturalness('the phone the phone the phone the phone .', profile));
    expect(naturalness('ok', profile)).toBeLessThan(naturalness('what area would you like to stay in ?', profile));
  });

  it('sentence BLEU is 1 for the reference and lower for a partial match', () => {
    const ref = 'the phone number is [value_phone] .';
    expect(sentenceBleu(ref, ref)).toBeCloseTo(1);
    const partial = sentenceBleu('the number is [value_phone] .', ref);
    expect(partial).toBeGreaterThan(0.2);
    expect(partial).toBeLessThan(1);
    expect(sentenceBleu('hello there', ref)).toBeLessThan(partial);
  });

  it('diversity credits responses whose bigrams nobody else in the batch uses', () => {
    const batch = ['the phone is [value_phone] .', 'the phone is [value_phone] .', 'what area do you prefer ?'];
    expect(batchDiversity(batch)).toEqual([0, 0, 1]);
    expect(distinctN(batch, 2)).toBeCloseTo(9 / 13);
  });
});
