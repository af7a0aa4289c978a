import { describe, expect, it } from 'vitest';
import { corpusBleu } from './bleu';
import { delexicalize, delexicalizeTurn, placeholdersIn } from './delexicalize';
import type { Span } from './types';

const span = (domain: string, slot: string, start: number, end: number): Span => ({ domain, intent: 'inform', slot, value: '', start, end });

describe('delexicalize', () => {
  it('replaces spans with evaluator placeholders', () => {
    const text = 'TR7075 leaves at 05:00 ; Pizza Hut is on 01223323737 , ref XY12 .';
    const spans = [span('train', 'id', 0, 6), span('train', 'leave', 17, 22), span('restaurant', 'name', 25, 34), span('restaurant', 'phone', 41, 52), span('booking', 'reference', 59, 63)];
    const out = delexicalize(text, spans);
    expect(out).toBe('[train_id] leaves at [value_leave] ; [restaurant_name] is on [value_phone] , ref [value_reference] .');
    expect(placeholdersIn(out)).toEqual(['[train_id]', '[value_leave]', '[restaurant_name]', '[value_phone]', '[value_reference]']);
  });

  it('keeps the first of overlapping spans and locates entity values the annotation missed', () => {
    expect(delexicalize('the Allenbell hotel', [span('hotel', 'name', 4, 19), span('hotel', 'type', 14, 19)])).toBe('the [hotel_name]');
    const turn = {
      text: 'Allenbell is at 01223210353 .',
      spans: [],
      acts: [
        { domain: 'hotel', intent: 'inform', slot: 'name', value: 'allenbell' },
        { domain: 'hotel', intent: 'inform', slot: 'phone', value: '01223210353' },
      ],
    };
    expect(delexicalizeTurn(turn)).toBe('[hotel_name] is at [value_phone] .');
  });
});

describe('corpusBleu', () => {
  it('is 100 on identical text and matches a hand computation', () => {
    expect(corpusBleu(['a b c d e'], ['a b c d e'])).toBeCloseTo(100);
    // precisions 5/6, 3/5, 2/4, 1/3 and equal lengths: (1/12)^(1/4)
    expect(corpusBleu(['the cat sat on the mat'], ['the cat sat on a mat'])).toBeCloseTo(100 * (1 / 12) ** 0.25, 6);
    // a 3-word hypothesis against a 6-word reference pays the brevity penalty exp(1 - 6/3)
    expect(corpusBleu(['a b c d', 'x y z'], ['a b c d', 'x y z q r s'])).toBeCloseTo(100 * Math.exp(1 - 10 / 7), 6);
  });
});
