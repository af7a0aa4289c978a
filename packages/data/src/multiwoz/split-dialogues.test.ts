import { describe, expect, it } from 'vitest';
import { dialoguesInIdRange, splitDialoguesById } from './split-dialogues';
import type { Dialogue } from './types';

const dialogues: Dialogue[] = Array.from({ length: 999 }, (_, i) => ({ id: `${['SNG', 'MUL', 'PMUL'][i % 3]}${1000 + i}`, turns: [] }));

describe('splitDialoguesById', () => {
  it('cuts 80 / 10 / 10 into disjoint parts that cover every dialogue', () => {
    const { train, valid, test } = splitDialoguesById(dialogues);
    expect([train.length, valid.length, test.length]).toEqual([799, 100, 100]);
    expect(new Set([...train, ...valid, ...test].map((d) => d.id)).size).toBe(999);
  });

  it('puts an id in the same part whatever the input order', () => {
    const forward = splitDialoguesById(dialogues);
    const backward = splitDialoguesById([...dialogues].reverse());
    expect(backward.test.map((d) => d.id)).toEqual(forward.test.map((d) => d.id));
    expect(forward.test.filter((d) => d.id.startsWith('SNG')).length).toBeGreaterThan(15);
  });

  it('selects the same parts by id-fraction range', () => {
    const { valid } = splitDialoguesById(dialogues);
    expect(dialoguesInIdRange([...dialogues].reverse(), [0.8, 0.9]).map((d) => d.id)).toEqual(valid.map((d) => d.id));
  });
});
