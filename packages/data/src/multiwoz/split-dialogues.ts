import type { Dialogue } from './types';

export interface DialogueSplit {
  train: Dialogue[];
  valid: Dialogue[];
  test: Dialogue[];
}

/** 32-bit FNV-1a: a stable order that does not follow the id's prefix (SNG/MUL/PMUL). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function orderedById(dialogues: readonly Dialogue[]): Dialogue[] {
  return [...dialogues].sort((a, b) => fnv1a(a.id) - fnv1a(b.id) || (a.id < b.id ? -1 : 1));
}

/**
 * The dialogues in a half-open fraction range [from, to) of the id-hash order: `[0, 0.8]` is the
 * train part of splitDialoguesById, `[0.9, 1]` its test part.
 */
export function dialoguesInIdRange(dialogues: readonly Dialogue[], [from, to]: readonly [number, number]): Dialogue[] {
  const ordered = orderedById(dialogues);
  return ordered.slice(Math.round(ordered.length * from), Math.round(ordered.length * to));
}

/**
 * Splits dialogues by id into train / valid / test (default 80 / 10 / 10): ids ordered by hash,
 * then cut, so the same id always lands in the same part whatever the input order.
 */
export function splitDialoguesById(dialogues: readonly Dialogue[], fractions = { train: 0.8, valid: 0.1 }): DialogueSplit {
  const validEnd = fractions.train + fractions.valid;
  return {
    train: dialoguesInIdRange(dialogues, [0, fractions.train]),
    valid: dialoguesInIdRange(dialogues, [fractions.train, validEnd]),
    test: dialoguesInIdRange(dialogues, [validEnd, 1]),
  };
}
