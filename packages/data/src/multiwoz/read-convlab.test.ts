import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DialogueFormatError } from './dialogue-error';
import { parseConvlabDialogues, readConvlabDialogues } from './read-convlab';
import { DEV_FILE, HAVE_MULTIWOZ } from './shared-data.test-helper';

const emptyMeta = { hotel: { book: { booked: [], people: '' }, semi: { area: 'not mentioned', stars: '' } } };

function record(systemMeta: unknown = { hotel: { book: { booked: [{ name: 'x' }], people: '2' }, semi: { area: 'east', stars: '' } } }) {
  return {
    goal: { hotel: { info: { area: 'east' }, reqt: ['phone'], book: { people: '2', invalid: false }, fail_info: {} }, taxi: {} },
    log: [
      { text: 'a hotel in the east please', metadata: {}, dialog_act: { 'Hotel-Inform': [['Area', 'east']] }, span_info: [['Hotel-Inform', 'Area', 'east', 4, 4]] },
      { text: 'booked , ref AB12 .', metadata: systemMeta, dialog_act: { 'Booking-Book': [['Ref', 'AB12']] }, span_info: [['Booking-Book', 'Ref', 'AB12', 3, 3]] },
    ],
  };
}

describe('parseConvlabDialogues', () => {
  it('builds turns with speaker, belief state, acts, character spans, bookings and the goal', () => {
    const [dialogue] = parseConvlabDialogues({ SNG1: record() }, 'mem.json');
    expect(dialogue?.id).toBe('SNG1');
    expect(dialogue?.goal).toEqual({ hotel: { informable: { area: 'east' }, requestable: ['phone'], booking: { people: '2' } } });
    const [user, system] = dialogue?.turns ?? [];
    expect(user?.speaker).toBe('user');
    expect(user?.belief).toEqual({ hotel: { area: 'east', book_people: '2' } });
    expect(user?.spans).toEqual([{ domain: 'hotel', intent: 'inform', slot: 'area', value: 'east', start: 15, end: 19 }]);
    expect(system?.acts).toEqual([{ domain: 'booking', intent: 'book', slot: 'reference', value: 'AB12' }]);
    expect(system?.bookedDomains).toEqual(['hotel']);
    expect(system?.text.slice(system.spans[0]?.start, system.spans[0]?.end)).toBe('AB12');
  });

  it('names the dialogue and turn of a bad record', () => {
    const bad = record();
    (bad.log[1] as { text: unknown }).text = 42;
    expect(() => parseConvlabDialogues({ PMUL9: bad }, 'mem.json')).toThrow(/mem\.json: dialogue PMUL9 turn 1: text/);
    expect(() => parseConvlabDialogues({ PMUL9: bad }, 'mem.json')).toThrow(DialogueFormatError);
    expect(() => parseConvlabDialogues({ PMUL8: record({ hotel: { semi: {} } }) }, 'm')).toThrow(/PMUL8 turn 1: metadata\.hotel\.book/);
  });

  it('reads plain JSON files as well as gzip', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'convlab-')), 'plain.json');
    writeFileSync(path, JSON.stringify({ SNG2: record(emptyMeta) }));
    const [dialogue] = await readConvlabDialogues(path);
    expect(dialogue?.turns[1]?.bookedDomains).toEqual([]);
  });
});

describe.skipIf(!HAVE_MULTIWOZ)('readConvlabDialogues on the shared dev split', () => {
  it('reads 999 dialogues and 14,730 turns with goals', async () => {
    const dialogues = await readConvlabDialogues(DEV_FILE);
    expect(dialogues).toHaveLength(999);
    expect(dialogues.reduce((sum, d) => sum + d.turns.length, 0)).toBe(14730);
    const first = dialogues.find((d) => d.id === 'PMUL1635');
    expect(first?.goal?.hotel?.informable).toEqual({ area: 'east', parking: 'yes', stars: '4', internet: 'yes' });
    expect(first?.goal?.train?.requestable).toEqual(['duration', 'leaveAt', 'price']);
    expect(first?.turns[3]?.belief.hotel).toEqual({ area: 'east', parking: 'yes', stars: '4', internet: 'yes' });
  });
});
