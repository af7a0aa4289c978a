import type { PolicyTurn } from '../../datasets/multiwoz-turns';

/**
 * Retrieves candidate responses for a turn: the gold responses of the training turns whose
 * contexts are most similar (TF-IDF cosine over context features), distinct texts only.
 */
export class CandidateIndex {
  private readonly postings = new Map<string, { turn: number; weight: number }[]>();
  private readonly idf = new Map<string, number>();

  constructor(private readonly turns: readonly PolicyTurn[]) {
    const documentFrequency = new Map<string, number>();
    for (const turn of turns) for (const f of new Set(turn.context)) documentFrequency.set(f, (documentFrequency.get(f) ?? 0) + 1);
    for (const [f, df] of documentFrequency) this.idf.set(f, Math.log(turns.length / df));
    turns.forEach((turn, index) => {
      const vector = this.vector(turn.context);
      for (const [f, weight] of vector) {
        const list = this.postings.get(f) ?? [];
        if (list.length === 0) this.postings.set(f, list);
        list.push({ turn: index, weight });
      }
    });
  }

  /** Unit-length TF-IDF vector of a context; features unseen in training are dropped. */
  private vector(context: readonly string[]): Map<string, number> {
    const vector = new Map<string, number>();
    for (const f of new Set(context)) {
      const idf = this.idf.get(f);
      if (idf && idf > 0) vector.set(f, idf);
    }
    const norm = Math.sqrt([...vector.values()].reduce((s, v) => s + v * v, 0)) || 1;
    for (const [f, v] of vector) vector.set(f, v / norm);
    return vector;
  }

  /** Up to `k` distinct responses of the nearest training turns outside dialogue `exclude`. */
  candidates(context: readonly string[], k: number, exclude?: string): string[] {
    const scores = new Map<number, number>();
    for (const [f, weight] of this.vector(context)) {
      for (const posting of this.postings.get(f) ?? []) scores.set(posting.turn, (scores.get(posting.turn) ?? 0) + weight * posting.weight);
    }
    const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const out: string[] = [];
    const seen = new Set<string>();
    for (const [index] of ranked) {
      const turn = this.turns[index];
      if (!turn || turn.dialogueId === exclude || seen.has(turn.gold)) continue;
      seen.add(turn.gold);
      out.push(turn.gold);
      if (out.length === k) break;
    }
    return out;
  }
}
