import { responseTokens } from './features';
import type { KneserNeyLm } from './ngram-lm';

/** The linguistic rewards MORE reweights, each in [0, 1]. */
export const LINGUISTIC_REWARDS = ['fluency', 'naturalness', 'bleu', 'diversity'] as const;
export type LinguisticReward = (typeof LINGUISTIC_REWARDS)[number];

function ngrams(words: readonly string[], n: number): string[] {
  const grams: string[] = [];
  for (let i = 0; i + n <= words.length; i++) grams.push(words.slice(i, i + n).join(' '));
  return grams;
}

/**
 * Fluency: the per-token geometric-mean probability under the language model, exp(mean log p),
 * rescaled so a per-token perplexity of `floor` or worse scores 0 and certainty scores 1.
 */
export function fluency(lm: KneserNeyLm, response: string, floor = 1000): number {
  const perplexity = Math.exp(-lm.meanLogProb(response));
  return Math.max(0, 1 - Math.log(perplexity) / Math.log(floor));
}

/** Length statistics of human responses, for the naturalness score. */
export interface LengthProfile {
  mean: number;
  std: number;
}

export function lengthProfile(responses: readonly string[]): LengthProfile {
  const lengths = responses.map((r) => responseTokens(r).length);
  const mean = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  const variance = lengths.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, lengths.length);
  return { mean, std: Math.max(1, Math.sqrt(variance)) };
}

/**
 * Naturalness: how human-like the surface form is without a reference: a Gaussian score of the
 * length under the human length profile times the share of bigrams that are not repeats.
 */
export function naturalness(response: string, profile: LengthProfile): number {
  const words = responseTokens(response);
  if (words.length === 0) return 0;
  const z = (words.length - profile.mean) / profile.std;
  const bigrams = ngrams(words, 2);
  const unique = bigrams.length === 0 ? 1 : new Set(bigrams).size / bigrams.length;
  return Math.exp(-0.5 * z * z) * unique;
}

/** Sentence BLEU-4 in [0, 1] with add-one smoothing of the higher orders (Lin & Och, 2004). */
export function sentenceBleu(hypothesis: string, reference: string): number {
  const hyp = responseTokens(hypothesis);
  const ref = responseTokens(reference);
  if (hyp.length === 0) return 0;
  let logPrecision = 0;
  for (let n = 1; n <= 4; n++) {
    const refCounts = new Map<string, number>();
    for (const g of ngrams(ref, n)) refCounts.set(g, (refCounts.get(g) ?? 0) + 1);
    let matched = 0;
    const hypGrams = ngrams(hyp, n);
    const hypCounts = new Map<string, number>();
    for (const g of hypGrams) hypCounts.set(g, (hypCounts.get(g) ?? 0) + 1);
    for (const [g, c] of hypCounts) matched += Math.min(c, refCounts.get(g) ?? 0);
    const smoothing = n === 1 ? 0 : 1;
    const precision = (matched + smoothing) / (hypGrams.length + smoothing);
    if (precision === 0) return 0;
    logPrecision += Math.log(precision) / 4;
  }
  const brevity = hyp.length >= ref.length ? 1 : Math.exp(1 - ref.length / hyp.length);
  return brevity * Math.exp(logPrecision);
}

/**
 * Diversity of a batch, credited per response: the share of its bigrams (unigrams for one-word
 * responses) that no other response of the batch uses. The batch mean tracks distinct-2.
 */
export function batchDiversity(responses: readonly string[]): number[] {
  const gramsOf = responses.map((r) => {
    const words = responseTokens(r);
    return new Set(words.length > 1 ? ngrams(words, 2) : words);
  });
  const users = new Map<string, number>();
  for (const grams of gramsOf) for (const g of grams) users.set(g, (users.get(g) ?? 0) + 1);
  return gramsOf.map((grams) => {
    if (grams.size === 0) return 0;
    let own = 0;
    for (const g of grams) if (users.get(g) === 1) own++;
    return own / grams.size;
  });
}

/** distinct-n of a set of responses: distinct n-grams over all n-grams. */
export function distinctN(responses: readonly string[], n: number): number {
  const all = responses.flatMap((r) => ngrams(responseTokens(r), n));
  return all.length === 0 ? 0 : new Set(all).size / all.length;
}
