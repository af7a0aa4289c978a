import { responseTokens } from './features';

const BOS = '<s>';
const EOS = '</s>';

/**
 * A trigram language model with interpolated Kneser-Ney smoothing (fixed discount 0.75),
 * fitted on whitespace-tokenized responses. Unseen words get the unigram floor 1 / (|V| + 1).
 */
export class KneserNeyLm {
  private readonly counts = [new Map<string, number>(), new Map<string, number>()];
  /** Context totals and distinct continuations per order, keyed by the context. */
  private readonly contextTotals = [new Map<string, number>(), new Map<string, number>()];
  private readonly contextTypes = [new Map<string, number>(), new Map<string, number>()];
  /** Continuation counts: distinct left words per word, and per bigram's middle word. */
  private readonly continuation = new Map<string, number>();
  private readonly middleTypes = new Map<string, number>();
  private readonly middleContinuation = new Map<string, number>();
  private bigramTypes = 0;
  private readonly vocabulary = new Set<string>();

  constructor(sentences: Iterable<string>, private readonly discount = 0.75) {
    const bigrams = new Set<string>();
    const trigrams = new Set<string>();
    for (const sentence of sentences) {
      const words = [BOS, BOS, ...responseTokens(sentence), EOS];
      for (const w of words) this.vocabulary.add(w);
      for (let i = 2; i < words.length; i++) {
        const [a, b, c] = [words[i - 2], words[i - 1], words[i]];
        this.add(0, `${b} ${c}`, `${b}`);
        this.add(1, `${a} ${b} ${c}`, `${a} ${b}`);
        bigrams.add(`${b} ${c}`);
        trigrams.add(`${a} ${b} ${c}`);
      }
    }
    for (const bigram of bigrams) {
      const [, c = ''] = bigram.split(' ');
      increment(this.continuation, c);
    }
    this.bigramTypes = bigrams.size;
    // Lower-order trigram continuations: distinct left words of each (b, c), and totals per b.
    for (const trigram of trigrams) {
      const [, b = '', c = ''] = trigram.split(' ');
      increment(this.middleContinuation, `${b} ${c}`);
      increment(this.middleTypes, b);
    }
  }

  private add(order: 0 | 1, gram: string, context: string): void {
    const counts = this.counts[order] as Map<string, number>;
    if (!counts.has(gram)) increment(this.contextTypes[order] as Map<string, number>, context);
    increment(counts, gram);
    increment(this.contextTotals[order] as Map<string, number>, context);
  }

  get vocabularySize(): number {
    return this.vocabulary.size;
  }

  private unigram(c: string): number {
    const floor = 1 / (this.vocabulary.size + 1);
    return (this.continuation.get(c) ?? 0) / (this.bigramTypes + 1) + floor / (this.bigramTypes + 1);
  }

  /** Middle order: continuation-count bigram probability, interpolated with the unigram. */
  private bigram(b: string, c: string): number {
    const total = this.middleTypes.get(b) ?? 0;
    if (total === 0) return this.unigram(c);
    const types = this.contextTypesOfMiddle(b);
    const count = this.middleContinuation.get(`${b} ${c}`) ?? 0;
    return Math.max(count - this.discount, 0) / total + ((this.discount * types) / total) * this.unigram(c);
  }

  private contextTypesOfMiddle(b: string): number {
    return this.contextTypes[0]?.get(b) ?? 0;
  }

  /** P(c | a b) with interpolated Kneser-Ney. */
  probability(a: string, b: string, c: string): number {
    const context = `${a} ${b}`;
    const total = this.contextTotals[1]?.get(context) ?? 0;
    if (total === 0) return this.bigram(b, c);
    const count = this.counts[1]?.get(`${a} ${b} ${c}`) ?? 0;
    const types = this.contextTypes[1]?.get(context) ?? 0;
    return Math.max(count - this.discount, 0) / total + ((this.discount * types) / total) * this.bigram(b, c);
  }

  /** Mean log-probability per token (end of sentence included). */
  meanLogProb(sentence: string): number {
    const words = [BOS, BOS, ...responseTokens(sentence), EOS];
    let sum = 0;
    for (let i = 2; i < words.length; i++) sum += Math.log(this.probability(words[i - 2] ?? BOS, words[i - 1] ?? BOS, words[i] ?? EOS));
    return sum / (words.length - 2);
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
