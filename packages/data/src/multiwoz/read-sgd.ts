import { z } from 'zod';
import { DialogueFormatError, describeIssues } from './dialogue-error';
import { readJsonFile } from './read-json';
import { asDomain, canonicalActSlot, canonicalSgdStateSlot } from './slots';
import type { BeliefState, Dialogue, DialogueAct, Span, Turn } from './types';

const sgdFrameSchema = z.object({
  service: z.string(),
  state: z
    .object({
      active_intent: z.string().optional(),
      requested_slots: z.array(z.string()).optional(),
      slot_values: z.record(z.string(), z.array(z.string())),
    })
    .optional(),
});

const sgdTurnSchema = z.object({
  turn_id: z.union([z.string(), z.number()]),
  speaker: z.enum(['USER', 'SYSTEM']),
  utterance: z.string(),
  frames: z.array(sgdFrameSchema),
});

const sgdDialogueSchema = z.object({
  dialogue_id: z.string(),
  services: z.array(z.string()),
  turns: z.array(z.unknown()),
});

/** `dialog_acts.json`: per dialogue id, per turn id, the acts and their character spans. */
const sgdTurnActsSchema = z.object({
  dialog_act: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
  span_info: z.array(z.tuple([z.string(), z.string(), z.string(), z.number().int(), z.number().int()])),
});
const sgdActsSchema = z.record(z.string(), z.record(z.string(), z.unknown()));
type SgdTurnActs = z.infer<typeof sgdTurnActsSchema>;

/** Reads MultiWOZ 2.2 dialogue files (lists of dialogues) and, when given, `dialog_acts.json`. */
export async function readSgdDialogues(dialoguePaths: readonly string[], actsPath?: string): Promise<Dialogue[]> {
  const acts = actsPath ? await readJsonFile(actsPath) : undefined;
  const files = await Promise.all(dialoguePaths.map(async (path) => ({ path, raw: await readJsonFile(path) })));
  return files.flatMap(({ path, raw }) => parseSgdDialogues(raw, acts, path, actsPath));
}

/** Validates and converts parsed 2.2 records; `source` / `actsSource` name the files in errors. */
export function parseSgdDialogues(raw: unknown, rawActs: unknown, source: string, actsSource = 'dialog_acts.json'): Dialogue[] {
  if (!Array.isArray(raw)) throw new DialogueFormatError(source, '(file)', undefined, 'expected a list of dialogues');
  const acts = rawActs === undefined ? undefined : sgdActsSchema.safeParse(rawActs);
  if (acts && !acts.success) throw new DialogueFormatError(actsSource, '(file)', undefined, describeIssues(acts.error.issues));
  return raw.map((record, index) => {
    const shape = sgdDialogueSchema.safeParse(record);
    const id = typeof (record as { dialogue_id?: unknown })?.dialogue_id === 'string' ? (record as { dialogue_id: string }).dialogue_id : `#${index}`;
    if (!shape.success) throw new DialogueFormatError(source, id, undefined, describeIssues(shape.error.issues));
    return parseDialogue(shape.data, acts?.data[id], source, actsSource);
  });
}

function parseDialogue(
  record: z.infer<typeof sgdDialogueSchema>,
  acts: Record<string, unknown> | undefined,
  source: string,
  actsSource: string,
): Dialogue {
  const id = record.dialogue_id.replace(/\.json$/, '');
  let belief: BeliefState = {};
  const turns = record.turns.map((rawTurn, index): Turn => {
    const parsed = sgdTurnSchema.safeParse(rawTurn);
    if (!parsed.success) throw new DialogueFormatError(source, id, index, describeIssues(parsed.error.issues));
    const turn = parsed.data;
    // States are annotated on user turns; a system turn answers the state of the user turn before it.
    if (turn.speaker === 'USER') belief = beliefOf(turn.frames);
    const turnActs = acts?.[String(turn.turn_id)];
    const parsedActs = turnActs === undefined ? undefined : sgdTurnActsSchema.safeParse(turnActs);
    if (parsedActs && !parsedActs.success) {
      throw new DialogueFormatError(actsSource, id, index, describeIssues(parsedActs.error.issues));
    }
    const annotation = parsedActs?.data;
    return {
      speaker: turn.speaker === 'USER' ? 'user' : 'system',
      text: turn.utterance,
      belief,
      acts: annotation ? actsOf(annotation) : [],
      spans: annotation ? spansOf(annotation, turn.utterance, actsSource, id, index) : [],
    };
  });
  return { id, turns };
}

function beliefOf(frames: z.infer<typeof sgdFrameSchema>[]): BeliefState {
  const belief: BeliefState = {};
  for (const frame of frames) {
    const domain = asDomain(frame.service);
    if (!domain || !frame.state) continue;
    const slots: Record<string, string> = {};
    for (const [name, values] of Object.entries(frame.state.slot_values)) {
      const value = values[0];
      if (value !== undefined) slots[canonicalSgdStateSlot(name.slice(name.indexOf('-') + 1))] = value;
    }
    if (Object.keys(slots).length > 0) belief[domain] = slots;
  }
  return belief;
}

function splitAct(act: string): { domain: string; intent: string } {
  const [domain = '', intent = ''] = act.split('-');
  return { domain: domain.toLowerCase(), intent: intent.toLowerCase() };
}

function actsOf(annotation: SgdTurnActs): DialogueAct[] {
  return Object.entries(annotation.dialog_act).flatMap(([act, pairs]) =>
    pairs.map(([slot, value]) => ({ ...splitAct(act), slot: canonicalActSlot(slot), value })),
  );
}

function spansOf(annotation: SgdTurnActs, text: string, source: string, id: string, index: number): Span[] {
  return annotation.span_info.map(([act, slot, value, start, end]) => {
    if (start < 0 || end > text.length || end <= start) {
      throw new DialogueFormatError(source, id, index, `span ${act}/${slot} [${start}, ${end}) outside the ${text.length}-character utterance`);
    }
    return { ...splitAct(act), slot: canonicalActSlot(slot), value, start, end };
  });
}
