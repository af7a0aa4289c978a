import { corpusBleu } from './bleu';
import { delexicalizeTurn, placeholdersIn } from './delexicalize';
import type { BeliefState, Dialogue, Domain, DomainGoal, Turn } from './types';
import { entityNames, isVenueDomain, queryVenues, type VenueDb, type VenueDomain } from './venue-db';

/** The domains the evaluator scores (bus has no goals). */
const EVALUATED_DOMAINS: readonly Domain[] = ['restaurant', 'hotel', 'attraction', 'train', 'taxi', 'police', 'hospital'];

/** The attributes Success checks; the goal's `trainID` is the `id` slot. */
const SUCCESS_REQUESTABLES = new Set(['phone', 'address', 'postcode', 'reference', 'id']);

/** What the system said and believed at one system turn. */
export interface SystemTurnOutput {
  /** Delexicalized response. */
  response: string;
  /** Belief state used for DB queries; the gold state of the turn when absent. */
  state?: BeliefState;
}

export interface EvaluationInput {
  /** Gold dialogues with goals (MultiWOZ 2.1 / ConvLab reader). */
  dialogues: readonly Dialogue[];
  /** Outputs per dialogue id, one per system turn; dialogues without outputs are skipped. */
  outputs: ReadonlyMap<string, readonly SystemTurnOutput[]>;
  db: VenueDb;
  /**
   * Booked domains per system turn, keyed by lower-case dialogue id (the mwzeval table); the gold
   * turns' own booking records are used for dialogues it lacks.
   */
  bookedDomains?: Readonly<Record<string, readonly (readonly string[])[]>>;
}

export interface DialogueScore {
  id: string;
  inform: boolean;
  success: boolean;
  /** Goal domains whose offered venue did not satisfy the goal. */
  informFailures: Domain[];
  /** `domain.requestable` pairs never provided. */
  missing: string[];
}

export interface EvaluationResult {
  inform: number;
  success: number;
  bleu: number;
  combined: number;
  dialogues: DialogueScore[];
}

/** Inform, Success and BLEU (percentages) and Combined = 0.5 (Inform + Success) + BLEU. */
export function evaluateMultiwoz(input: EvaluationInput): EvaluationResult {
  const names = cachedNameQuery(input.db);
  const scores: DialogueScore[] = [];
  const hypotheses: string[] = [];
  const references: string[] = [];
  for (const dialogue of input.dialogues) {
    const outputs = input.outputs.get(dialogue.id);
    if (!outputs) continue;
    const systemTurns = dialogue.turns.filter((turn) => turn.speaker === 'system');
    if (outputs.length !== systemTurns.length) {
      throw new Error(`dialogue ${dialogue.id}: ${outputs.length} outputs for ${systemTurns.length} system turns`);
    }
    systemTurns.forEach((turn, index) => {
      hypotheses.push(outputs[index]?.response ?? '');
      references.push(delexicalizeTurn(turn));
    });
    const booked = input.bookedDomains?.[dialogue.id.toLowerCase().replace(/\.json$/, '')];
    scores.push(scoreDialogue(dialogue, systemTurns, outputs, names, booked));
  }
  const share = (pass: (score: DialogueScore) => boolean) =>
    scores.length === 0 ? 0 : (100 * scores.filter(pass).length) / scores.length;
  const inform = share((score) => score.inform);
  const success = share((score) => score.success);
  const bleu = hypotheses.length === 0 ? 0 : corpusBleu(hypotheses, references);
  return { inform, success, bleu, combined: 0.5 * (inform + success) + bleu, dialogues: scores };
}

/** The gold delexicalized responses of each dialogue, as evaluator outputs. */
export function goldOutputs(dialogues: readonly Dialogue[]): Map<string, SystemTurnOutput[]> {
  return new Map(
    dialogues.map((d) => [d.id, d.turns.filter((t) => t.speaker === 'system').map((t) => ({ response: delexicalizeTurn(t) }))]),
  );
}

/** Success-relevant requestables of a domain goal: asked-for attributes, plus a reference when booking. */
export function successRequestables(goal: DomainGoal): string[] {
  const wanted = goal.requestable.map((slot) => (slot === 'trainID' ? 'id' : slot.toLowerCase()));
  if (Object.keys(goal.booking).length > 0) wanted.push('reference');
  return [...new Set(wanted.filter((slot) => SUCCESS_REQUESTABLES.has(slot)))];
}

function scoreDialogue(
  dialogue: Dialogue,
  systemTurns: readonly Turn[],
  outputs: readonly SystemTurnOutput[],
  names: NameQuery,
  bookedTable: readonly (readonly string[])[] | undefined,
): DialogueScore {
  const goalDomains = EVALUATED_DOMAINS.filter((domain) => dialogue.goal?.[domain]);
  const offered = new Map<Domain, string[]>();
  const provided = new Map<Domain, Set<string>>(goalDomains.map((domain) => [domain, new Set()]));
  let active: Domain[] = [];
  systemTurns.forEach((turn, index) => {
    const output = outputs[index];
    if (!output) return;
    active = activeDomains(turn, systemTurns[index - 1], active);
    const state = output.state ?? turn.belief;
    const booked = bookedTable?.[index] ?? turn.bookedDomains ?? [];
    for (const token of placeholdersIn(output.response)) {
      const [prefix = '', slot = ''] = token.slice(1, -1).split('_');
      const domains = creditedDomains(prefix, slot, { goalDomains, active, booked });
      for (const domain of domains) {
        if (slot === 'name' || slot === 'id') recordOffer(offered, domain, state, names);
        if (slot !== 'name') provided.get(domain)?.add(slot);
      }
    }
  });
  const informFailures = goalDomains.filter((domain) => !informed(domain, dialogue.goal?.[domain], offered.get(domain), names));
  const missing = goalDomains.flatMap((domain) => {
    const goal = dialogue.goal?.[domain];
    const have = provided.get(domain) ?? new Set<string>();
    return goal ? successRequestables(goal).filter((slot) => !have.has(slot)).map((slot) => `${domain}.${slot}`) : [];
  });
  const inform = informFailures.length === 0;
  return { id: dialogue.id, inform, success: inform && missing.length === 0, informFailures, missing };
}

/**
 * The domains a placeholder speaks for: its own domain (`[hotel_name]`), the turn's active domains
 * for `[value_*]`; a reference only for domains booked by this turn.
 */
function creditedDomains(
  prefix: string,
  slot: string,
  turn: { goalDomains: readonly Domain[]; active: readonly Domain[]; booked: readonly string[] },
): readonly Domain[] {
  if (slot === 'reference') return turn.goalDomains.filter((d) => turn.booked.includes(d) && (prefix === 'value' || prefix === d));
  return prefix === 'value' ? turn.active : turn.goalDomains.filter((d) => d === prefix);
}

/** Domains the system turn is about: those its acts name or whose state changed, else the previous ones. */
function activeDomains(turn: Turn, previous: Turn | undefined, fallback: Domain[]): Domain[] {
  const domains = new Set<Domain>();
  for (const act of turn.acts) {
    const domain = EVALUATED_DOMAINS.find((d) => d === act.domain);
    if (domain) domains.add(domain);
  }
  for (const domain of EVALUATED_DOMAINS) {
    if (JSON.stringify(turn.belief[domain] ?? {}) !== JSON.stringify(previous?.belief[domain] ?? {})) domains.add(domain);
  }
  return domains.size > 0 ? [...domains] : fallback;
}

/**
 * An entity mention offers the DB matches of the current state; they replace the earlier offer
 * unless the earlier venues are all still among them (the last distinct mention counts).
 */
function recordOffer(offered: Map<Domain, string[]>, domain: Domain, state: BeliefState, query: NameQuery): void {
  if (!isVenueDomain(domain)) return;
  const names = query(domain, state[domain] ?? {});
  const current = offered.get(domain) ?? [];
  if (current.length === 0 || current.some((name) => !names.includes(name))) offered.set(domain, names);
}

function informed(domain: Domain, goal: DomainGoal | undefined, offered: string[] | undefined, query: NameQuery): boolean {
  if (!goal || !isVenueDomain(domain)) return true;
  // A goal that names its venue was told to the user, so the offer is taken as matched.
  if (goal.informable.name !== undefined) return true;
  // A train goal that never asks for the train id is met without an offer.
  if (!offered || offered.length === 0) return domain === 'train' && !goal.requestable.includes('trainID');
  // Every venue the state could have meant must satisfy the goal (a subset, not an overlap).
  const goalVenues = new Set(query(domain, goal.informable));
  return offered.every((name) => goalVenues.has(name));
}

/** Normalised entity names matching constraints in a domain. */
type NameQuery = (domain: VenueDomain, constraints: Record<string, string>) => string[];

/** Name queries memoised per (domain, constraints): states repeat across turns and dialogues. */
function cachedNameQuery(db: VenueDb): NameQuery {
  const cache = new Map<string, string[]>();
  return (domain, constraints) => {
    const key = `${domain}|${JSON.stringify(Object.entries(constraints).sort())}`;
    let names = cache.get(key);
    if (!names) {
      names = entityNames(domain, queryVenues(db, domain, constraints));
      cache.set(key, names);
    }
    return names;
  };
}
