import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseSgdDialogues, readSgdDialogues } from './read-sgd';

// Records written to the MultiWOZ 2.2 README's format: dialogues_*.json and dialog_acts.json.
const user = 'I need a cheap hotel in the east.';
const system = 'The Allenbell is cheap. Call 01223210353.';
const dialogues = [
  {
    dialogue_id: 'PMUL0001.json',
    services: ['hotel'],
    turns: [
      {
        turn_id: '0',
        speaker: 'USER',
        utterance: user,
        frames: [
          {
            service: 'hotel',
            actions: [],
            slots: [{ slot: 'hotel-area', value: 'east', start: 28, exclusive_end: 32 }],
            state: { active_intent: 'find_hotel', requested_slots: [], slot_values: { 'hotel-area': ['east'], 'hotel-pricerange': ['cheap'], 'hotel-bookpeople': ['2'] } },
          },
          { service: 'train', actions: [], slots: [], state: { active_intent: 'NONE', requested_slots: [], slot_values: {} } },
        ],
      },
      { turn_id: '1', speaker: 'SYSTEM', utterance: system, frames: [{ service: 'hotel', actions: [], slots: [] }] },
    ],
  },
];
const acts = {
  'PMUL0001.json': {
    '0': { dialog_act: { 'Hotel-Inform': [['area', 'east'], ['pricerange', 'cheap']] }, span_info: [['Hotel-Inform', 'area', 'east', 28, 32]] },
    '1': {
      dialog_act: { 'Hotel-Inform': [['name', 'Allenbell'], ['phone', '01223210353']] },
      span_info: [
        ['Hotel-Inform', 'name', 'Allenbell', 4, 13],
        ['Hotel-Inform', 'phone', '01223210353', 29, 40],
      ],
    },
  },
};

describe('MultiWOZ 2.2 reader', () => {
  it('maps frames, states and dialog_acts.json into the internal dialogue', () => {
    const [dialogue] = parseSgdDialogues(dialogues, acts, 'dialogues_001.json');
    expect(dialogue?.id).toBe('PMUL0001');
    expect(dialogue?.goal).toBeUndefined();
    const [u, s] = dialogue?.turns ?? [];
    expect(u?.belief).toEqual({ hotel: { area: 'east', pricerange: 'cheap', book_people: '2' } });
    expect(s?.speaker).toBe('system');
    expect(s?.belief).toEqual(u?.belief);
    expect(s?.acts.map((a) => `${a.domain}.${a.slot}`)).toEqual(['hotel.name', 'hotel.phone']);
    expect(s?.spans.map((span) => system.slice(span.start, span.end))).toEqual(['Allenbell', '01223210353']);
  });

  it('reads gzip files and works without dialog_acts.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sgd-'));
    writeFileSync(join(dir, 'dialogues_001.json.gz'), gzipSync(JSON.stringify(dialogues)));
    writeFileSync(join(dir, 'dialog_acts.json'), JSON.stringify(acts));
    const [withActs] = await readSgdDialogues([join(dir, 'dialogues_001.json.gz')], join(dir, 'dialog_acts.json'));
    expect(withActs?.turns[1]?.spans).toHaveLength(2);
    const [bare] = await readSgdDialogues([join(dir, 'dialogues_001.json.gz')]);
    expect(bare?.turns[1]?.acts).toEqual([]);
  });

  it('names the dialogue and turn of a bad record', () => {
    const bad = structuredClone(dialogues);
    (bad[0]?.turns[1] as { speaker: string }).speaker = 'WIZARD';
    expect(() => parseSgdDialogues(bad, acts, 'd.json')).toThrow(/d\.json: dialogue PMUL0001 turn 1: speaker/);
    const badActs = structuredClone(acts) as Record<string, Record<string, { span_info: unknown[] }>>;
    const turnActs = badActs['PMUL0001.json']?.['1'];
    if (turnActs) turnActs.span_info = [['Hotel-Inform', 'name', 'Allenbell', 4, 99]];
    expect(() => parseSgdDialogues(dialogues, badActs, 'd.json', 'acts.json')).toThrow(/acts\.json: dialogue PMUL0001 turn 1: span/);
  });
});
