import { z } from 'zod';
import { DialogueFormatError, describeIssues } from './dialogue-error';
import { readJsonFile } from './read-json';
import { asDomain, canonicalActSlot, isFilled } from './slots';
import type { BeliefState, Dialogue, DialogueAct, Domain, DomainGoal, Goal, Span, Turn } from './types';
import { wordOffsets } from './word-spans';

const slotValuePairs = z.array(z.tuple([z.string(), z.string()]));

const convlabTurnSchema = z.object({
  text: z.string(),
  metadata: z.record(
    z.string(),
    z.object({
      book: z.record(z.string(), z.unknown()),
      semi: z.record(z.string(), z.string()),
    }),
  ),
  dialog_act: z.record(z.string(), slotValuePairs),
  span_info: z.array(z.tuple([z.string(), z.string(), z.string(), z.number().int(), z.number().int()])),
});

const convlabGoalDomainSchema = z.object({
  info: z.record(z.string(), z.string()).optional(),
  reqt: z.array(z.string()).optional(),
  book: z.record(z.string(), z.union([z.string(), z.boolean()])).optional(),
});

const convlabDialogueSchema = z.object({ goal: z.record(z.string(), z.unknown()), log: z.array(z.unknown()) });

type ConvlabTurn = z.infer<typeof convlabTurnSchema>;

/** Reads a MultiWOZ 2.1 / ConvLab file (a dict of dialogues keyed by id; gzip or plain JSON). */
export async function readConvlabDialogues(path: string): Promise<Dialogue[]> {
  return parseConvlabDialogues(await readJsonFile(path), path);
}

/** Validates and converts a parsed ConvLab dict; `source` names the file in errors. */
export function parseConvlabDialogues(raw: unknown, source: string): Dialogue[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DialogueFormatError(source, '(file)', undefined, 'expected an object of dialogues keyed by id');
  }
  return Object.entries(raw).map(([id, record]) => parseDialogue(id, record, source));
}

function parseDialogue(id: string, record: unknown, source: string): Dialogue {
  const shape = convlabDialogueSchema.safeParse(record);
  if (!shape.success) throw new DialogueFormatError(source, id, undefined, describeIssues(shape.error.issues));
  const raws = shape.data.log.map((turn, index) => {
    const parsed = convlabTurnSchema.safeParse(turn);
    if (!parsed.success) throw new DialogueFormatError(source, id, index, describeIssues(parsed.error.issues));
    return parsed.data;
  });
  const turns = raws.map((turn, index): Turn => {
    const speaker = index % 2 === 0 ? 'user' : 'system';
    // The state after a user turn is recorded on the system turn that follows it.
    const stateTurn = speaker === 'user' ? raws[index + 1] : turn;
    const base: Turn = {
      speaker,
      text: turn.text,
      belief: stateTurn ? beliefFromMetadata(stateTurn.metadata) : {},
      acts: actsOf(turn),
      spans: spansOf(turn),
    };
    return speaker === 'system' ? { ...base, bookedDomains: bookedDomainsOf(turn.metadata) } : base;
  });
  return { id, turns, goal: goalOf(shape.data.goal, source, id) };
}

function beliefFromMetadata(metadata: ConvlabTurn['metadata']): BeliefState {
  const belief: BeliefState = {};
  for (const [name, { book, semi }] of Object.entries(metadata)) {
    const domain = asDomain(name);
    if (!domain) continue;
    const slots: Record<string, string> = {};
    for (const [slot, value] of Object.entries(semi)) if (isFilled(value)) slots[slot] = value;
    for (const [slot, value] of Object.entries(book)) {
      if (typeof value === 'string' && isFilled(value)) slots[`book_${slot}`] = value;
    }
    if (Object.keys(slots).length > 0) belief[domain] = slots;
  }
  return belief;
}

function bookedDomainsOf(metadata: ConvlabTurn['metadata']): Domain[] {
  const booked: Domain[] = [];
  for (const [name, { book }] of Object.entries(metadata)) {
    const domain = asDomain(name);
    if (domain && Array.isArray(book.booked) && book.booked.length > 0) booked.push(domain);
  }
  return booked;
}

function splitAct(act: string): { domain: string; intent: string } {
  const [domain = '', intent = ''] = act.split('-');
  return { domain: domain.toLowerCase(), intent: intent.toLowerCase() };
}

function actsOf(turn: ConvlabTurn): DialogueAct[] {
  return Object.entries(turn.dialog_act).flatMap(([act, pairs]) =>
    pairs.map(([slot, value]) => ({ ...splitAct(act), slot: canonicalActSlot(slot), value })),
  );
}

function spansOf(turn: ConvlabTurn): Span[] {
  const words = wordOffsets(turn.text);
  const spans: Span[] = [];
  for (const [act, slot, value, first, last] of turn.span_info) {
    const start = words[first];
    const end = words[last];
    // The released annotation has a few spans that end before they start; they locate nothing.
    if (!start || !end || last < first) continue;
    spans.push({ ...splitAct(act), slot: canonicalActSlot(slot), value, start: start.start, end: end.end });
  }
  return spans;
}

function goalOf(raw: Record<string, unknown>, source: string, id: string): Goal {
  const goal: Goal = {};
  for (const [name, value] of Object.entries(raw)) {
    const domain = asDomain(name);
    if (!domain) continue;
    const parsed = convlabGoalDomainSchema.safeParse(value);
    if (!parsed.success) throw new DialogueFormatError(source, id, undefined, `goal.${name}: ${describeIssues(parsed.error.issues)}`);
    const { info = {}, reqt = [], book = {} } = parsed.data;
    const booking: Record<string, string> = {};
    for (const [slot, v] of Object.entries(book)) if (typeof v === 'string') booking[slot] = v;
    const domainGoal: DomainGoal = { informable: info, requestable: reqt, booking };
    if (Object.keys(info).length + reqt.length + Object.keys(booking).length > 0) goal[domain] = domainGoal;
  }
  return goal;
}
