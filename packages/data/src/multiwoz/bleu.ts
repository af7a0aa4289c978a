/** Whitespace tokens of a lower-cased sentence. */
function tokens(sentence: string): string[] {
  return sentence.toLowerCase().split(/\s+/).filter(Boolean);
}

function ngramCounts(words: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= words.length; i++) {
    const key = words.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Corpus BLEU-4 (0..100) of hypotheses against one reference each: clipped n-gram precisions
 * summed over the corpus, geometric mean of orders 1-4, brevity penalty on total lengths.
 */
export function corpusBleu(hypotheses: readonly string[], references: readonly string[]): number {
  if (hypotheses.length !== references.length) throw new Error('corpusBleu: one reference per hypothesis');
  const matched = [0, 0, 0, 0];
  const total = [0, 0, 0, 0];
  let hypLength = 0;
  let refLength = 0;
  hypotheses.forEach((hypothesis, index) => {
    const hyp = tokens(hypothesis);
    const ref = tokens(references[index] ?? '');
    hypLength += hyp.length;
    refLength += ref.length;
    for (let n = 1; n <= 4; n++) {
      const refCounts = ngramCounts(ref, n);
      for (const [gram, count] of ngramCounts(hyp, n)) {
        matched[n - 1] = (matched[n - 1] ?? 0) + Math.min(count, refCounts.get(gram) ?? 0);
        total[n - 1] = (total[n - 1] ?? 0) + count;
      }
    }
  });
  if (hypLength === 0 || matched.some((m) => m === 0)) return 0;
  const logPrecision = matched.reduce((sum, m, i) => sum + Math.log(m / (total[i] ?? 1)), 0) / 4;
  const brevity = hypLength >= refLength ? 1 : Math.exp(1 - refLength / hypLength);
  return 100 * brevity * Math.exp(logPrecision);
}
