import { describe, expect, it } from 'vitest';
import { readBookedDomains } from './booked-domains';
import { evaluateMultiwoz, goldOutputs, type SystemTurnOutput } from './evaluate';
import { readConvlabDialogues } from './read-convlab';
import { BOOKED_FILE, DB_DIR, DEV_FILE, HAVE_MULTIWOZ } from './shared-data.test-helper';
import type { BeliefState, Dialogue, Domain, Goal } from './types';
import { loadVenueDb } from './venue-db';

interface SystemStep {
  belief: BeliefState;
  response: string;
  booked?: Domain[];
}

/** A gold dialogue whose system turns say `response` (already delexicalized, so no spans). */
function dialogue(id: string, goal: Goal, steps: SystemStep[]): Dialogue {
  return {
    id,
    goal,
    turns: steps.flatMap((step) => [
      { speaker: 'user' as const, text: 'user turn', belief: step.belief, acts: [], spans: [] },
      { speaker: 'system' as const, text: step.response, belief: step.belief, acts: [], spans: [], bookedDomains: step.booked ?? [] },
    ]),
  };
}

const outputsOf = (dialogues: Dialogue[]) =>
  new Map(dialogues.map((d) => [d.id, d.turns.filter((t) => t.speaker === 'system').map((t): SystemTurnOutput => ({ response: t.text }))]));

const restaurantGoal: Goal = { restaurant: { informable: { food: 'italian', area: 'centre', pricerange: 'cheap' }, requestable: ['phone'], booking: {} } };
const cheapItalianCentre = { restaurant: { food: 'italian', area: 'centre', pricerange: 'cheap' } };
const hotelGoal: Goal = { hotel: { informable: { area: 'centre', type: 'guesthouse', pricerange: 'cheap' }, requestable: [], booking: { people: '2' } } };
const cheapGuesthouse = { hotel: { area: 'centre', type: 'guesthouse', pricerange: 'cheap', book_people: '2' } };

describe.skipIf(!HAVE_MULTIWOZ)('evaluateMultiwoz', async () => {
  const db = HAVE_MULTIWOZ ? await loadVenueDb(DB_DIR) : undefined;
  const score = (dialogues: Dialogue[], bookedDomains?: Record<string, string[][]>) => {
    if (!db) throw new Error('no DB');
    return evaluateMultiwoz({ dialogues, outputs: outputsOf(dialogues), db, bookedDomains });
  };

  it('passes a dialogue that offers a matching venue and gives the phone', () => {
    const result = score([
      dialogue('GOOD', restaurantGoal, [
        { belief: cheapItalianCentre, response: '[restaurant_name] is a [value_food] place .' },
        { belief: cheapItalianCentre, response: 'its phone is [value_phone] .' },
      ]),
    ]);
    expect(result.dialogues[0]).toMatchObject({ inform: true, success: true, missing: [] });
    expect(result).toMatchObject({ inform: 100, success: 100 });
  });

  it('fails Inform when the offered venue violates the goal', () => {
    const north = { restaurant: { food: 'italian', area: 'north' } }; // da vinci pizzeria: not in the centre
    const result = score([
      dialogue('WRONG', restaurantGoal, [
        { belief: north, response: 'try [restaurant_name] .' },
        { belief: north, response: 'the phone is [value_phone] .' },
      ]),
    ]);
    expect(result.dialogues[0]).toMatchObject({ inform: false, success: false, informFailures: ['restaurant'] });
    expect(result.inform).toBe(0);
  });

  it('fails Success when the requested phone is never given', () => {
    const result = score([dialogue('NOPHONE', restaurantGoal, [{ belief: cheapItalianCentre, response: 'how about [restaurant_name] ?' }])]);
    expect(result.dialogues[0]).toMatchObject({ inform: true, success: false, missing: ['restaurant.phone'] });
    expect(result).toMatchObject({ inform: 100, success: 0 });
  });

  it('counts a reference only in a turn where the domain is booked', () => {
    const steps = (booked: Domain[]) => [
      { belief: cheapGuesthouse, response: '[hotel_name] is a cheap guesthouse .' },
      { belief: cheapGuesthouse, response: 'done , your reference is [value_reference] .', booked },
    ];
    const booked = score([dialogue('BOOKED', hotelGoal, steps(['hotel']))]);
    expect(booked.dialogues[0]).toMatchObject({ inform: true, success: true });
    const notBooked = score([dialogue('NOTBOOKED', hotelGoal, steps([]))]);
    expect(notBooked.dialogues[0]).toMatchObject({ inform: true, success: false, missing: ['hotel.reference'] });
    // The booked-domains table, when it has the dialogue, takes precedence over the turns' records.
    const fromTable = score([dialogue('NOTBOOKED', hotelGoal, steps([]))], { notbooked: [[], ['hotel']] });
    expect(fromTable.dialogues[0]?.success).toBe(true);
  });

  it('needs a train offer only when the goal asks for the train id', () => {
    const route = { train: { departure: 'cambridge', destination: 'london kings cross', day: 'monday', leaveAt: '19:00' } };
    const trainGoal = (requestable: string[]): Goal => ({ train: { informable: route.train, requestable, booking: {} } });
    const talk = [{ belief: route, response: 'it takes [value_time] .' }];
    expect(score([dialogue('T1', trainGoal(['duration']), talk)]).dialogues[0]?.inform).toBe(true);
    expect(score([dialogue('T2', trainGoal(['trainID']), talk)]).dialogues[0]?.inform).toBe(false);
    const offer = [{ belief: route, response: '[train_id] leaves at [value_leave] .' }];
    expect(score([dialogue('T3', trainGoal(['trainID']), offer)]).dialogues[0]).toMatchObject({ inform: true, success: true });
  });

  it('fails Inform when the state behind the offer also matches venues outside the goal', () => {
    const italianCentre = { restaurant: { food: 'italian', area: 'centre' } }; // cheap and expensive ones
    const result = score([dialogue('WIDE', restaurantGoal, [{ belief: italianCentre, response: 'try [restaurant_name] , phone [value_phone] .' }])]);
    expect(result.dialogues[0]).toMatchObject({ inform: false, informFailures: ['restaurant'] });
  });

  it('takes a goal that names its venue as matched', () => {
    const named: Goal = { restaurant: { informable: { name: 'pizza hut city centre' }, requestable: ['phone'], booking: {} } };
    const result = score([dialogue('NAMED', named, [{ belief: { restaurant: { name: 'pizza hut city centre' } }, response: 'the phone is [value_phone] .' }])]);
    expect(result.dialogues[0]).toMatchObject({ inform: true, success: true });
  });

  it('rejects outputs that do not line up with the system turns', () => {
    const d = dialogue('SHORT', restaurantGoal, [{ belief: cheapItalianCentre, response: 'hi' }]);
    if (!db) return;
    expect(() => evaluateMultiwoz({ dialogues: [d], outputs: new Map([['SHORT', []]]), db })).toThrow(/SHORT: 0 outputs for 1 system turns/);
  });

  it('scores the gold responses of the shared dev split near the published human reference', async () => {
    if (!db) return;
    const dialogues = await readConvlabDialogues(DEV_FILE);
    const bookedDomains = await readBookedDomains(BOOKED_FILE);
    const result = evaluateMultiwoz({ dialogues, outputs: goldOutputs(dialogues), db, bookedDomains });
    expect(result.dialogues).toHaveLength(999);
    expect(result.inform).toBeGreaterThan(91);
    expect(result.inform).toBeLessThan(96);
    expect(result.success).toBeGreaterThan(89);
    expect(result.success).toBeLessThanOrEqual(result.inform);
    expect(result.bleu).toBeCloseTo(100);
    expect(result.combined).toBeCloseTo(0.5 * (result.inform + result.success) + result.bleu);
  });
});
