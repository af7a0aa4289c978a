import { candidateFeatureNames, hashFeatures, type RankingChoice } from '@tradeoff/core';
import type { PolicyTurn } from '../../datasets/multiwoz-turns';
import type { CandidateIndex } from './candidate-index';

/** A turn with its candidate responses, hashed for the ranking policy. */
export interface TurnChoice {
  turn: PolicyTurn;
  texts: string[];
  choice: RankingChoice;
  /** Position of the gold response among the texts (supervised targets); -1 when absent. */
  gold: number;
}

/** Retrieved candidates per turn; a turn's own dialogue is left out, as a new dialogue would be. */
export function retrieveCandidates(turns: readonly PolicyTurn[], index: CandidateIndex, k: number): string[][] {
  return turns.map((turn) => index.candidates(turn.context, k, turn.dialogueId));
}

/** Candidate sets per turn, hashed; `withGold` puts the gold response first for the supervised loss. */
export function turnChoices(turns: readonly PolicyTurn[], candidates: readonly string[][], k: number, withGold: boolean): TurnChoice[] {
  const hashed = new Map<string, Uint32Array>();
  const features = (text: string) => {
    const known = hashed.get(text);
    if (known) return known;
    const h = hashFeatures(candidateFeatureNames(text));
    hashed.set(text, h);
    return h;
  };
  return turns.map((turn, i) => {
    const retrieved = candidates[i] ?? [];
    const texts = withGold ? [turn.gold, ...retrieved.filter((t) => t !== turn.gold).slice(0, k - 1)] : retrieved;
    if (texts.length === 0) texts.push('is there anything else i can help you with ?');
    return { turn, texts, choice: { context: hashFeatures(turn.context), candidates: texts.map(features) }, gold: texts.indexOf(turn.gold) };
  });
}
