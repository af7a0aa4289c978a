import { stat } from 'node:fs/promises';
import type { TurnFacts } from '@tradeoff/core';
import {
  type BeliefState,
  type BookedDomainsTable,
  type Dialogue,
  delexicalizeTurn,
  dialoguesInIdRange,
  isVenueDomain,
  loadVenueDb,
  placeholdersIn,
  queryVenues,
  readBookedDomains,
  readConvlabDialogues,
  resolveDataPath,
  type VenueDb,
  type VenueDomain,
} from '@tradeoff/data';
import type { DataSource, DatasetSpec } from '../spec';

/** The extra tables a `multiwoz` data set needs, by name in `dataset.tables`. */
export const MULTIWOZ_TABLES = { db: 'data:multiwoz22/db', booked: 'data:multiwoz22/mwzeval/booked_domains_train_dev.json.gz' };

/** One system turn as the policy sees it: context features, the DB result and its gold response. */
export interface PolicyTurn {
  dialogueId: string;
  /** Index among the dialogue's system turns. */
  index: number;
  /** Context feature names: user words, active domain, DB match bucket, belief slots, bookings, previous acts. */
  context: string[];
  facts: TurnFacts;
  gold: string;
}

export interface MultiwozData {
  dialogues: Dialogue[];
  turns: PolicyTurn[];
}

export interface MultiwozResources {
  db: VenueDb;
  booked?: BookedDomainsTable;
}

/** Reads the venue DB and the booked-domains table named by the spec (defaults: the shared copies). */
export async function loadMultiwozResources(dataset: DatasetSpec, dataRoot: string): Promise<MultiwozResources> {
  const tables = { ...MULTIWOZ_TABLES, ...dataset.tables };
  const db = await loadVenueDb(resolveDataPath(tables.db, dataRoot));
  const booked = tables.booked ? await readBookedDomains(resolveDataPath(tables.booked, dataRoot)) : undefined;
  return { db, booked };
}

/** Parsed dialogue files of this process, keyed by path, size and modification time. */
const parsedFiles = new Map<string, Promise<Dialogue[]>>();

/** The dialogues of one source: a ConvLab file, narrowed to a fraction range of its ids. */
export async function loadDialogueSource(source: DataSource, dataRoot: string): Promise<Dialogue[]> {
  const { path, range } = typeof source === 'string' ? { path: source, range: undefined } : { path: source.path, range: source.dialogues };
  if (typeof source !== 'string' && (source.rows || source.dates)) throw new Error(`dataset source ${path}: a dialogue file takes \`dialogues\`, not \`rows\` or \`dates\``);
  const resolved = resolveDataPath(path, dataRoot);
  const { size, mtimeMs } = await stat(resolved).catch(() => ({ size: 0, mtimeMs: 0 }));
  const key = `${resolved}|${size}|${mtimeMs}`;
  let whole = parsedFiles.get(key);
  if (!whole) {
    whole = readConvlabDialogues(resolved);
    parsedFiles.set(key, whole);
    // A failed read is not kept, so a fixed file is read again.
    whole.catch(() => parsedFiles.delete(key));
  }
  const dialogues = await whole;
  return range ? dialoguesInIdRange(dialogues, range) : dialogues;
}

const MATCH_BUCKETS = [0, 1, 2, 4, 11];
function matchBucket(count: number): number {
  return MATCH_BUCKETS.filter((edge) => count >= edge).length - 1;
}

/** Request act slots whose answer the evaluator checks, and the placeholder that answers them. */
const REQUEST_PLACEHOLDERS: Record<string, (domain: string) => string> = {
  phone: () => '[value_phone]',
  address: () => '[value_address]',
  postcode: () => '[value_postcode]',
  id: () => '[train_id]',
};

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+|\?/g) ?? [];
}

/** Domains whose belief changed since the previous system turn; else the previous active domain. */
function activeDomain(belief: BeliefState, previous: BeliefState, fallback: string | undefined): string | undefined {
  const changed = (Object.keys(belief) as (keyof BeliefState)[]).filter((d) => JSON.stringify(belief[d]) !== JSON.stringify(previous[d]));
  if (changed.length === 0 || (fallback && changed.includes(fallback as keyof BeliefState))) return fallback;
  return changed.sort((a, b) => Object.keys(belief[b] ?? {}).length - Object.keys(belief[a] ?? {}).length)[0];
}

/** System turns of the dialogues as policy inputs, with the facts the reasoning checks need. */
export function policyTurns(dialogues: readonly Dialogue[], { db, booked }: MultiwozResources): PolicyTurn[] {
  const out: PolicyTurn[] = [];
  // Belief states repeat across turns and dialogues; a DB scan of the trains is the costly part.
  const counts = new Map<string, number>();
  const matchCount = (domain: VenueDomain, belief: BeliefState) => {
    const key = `${domain}|${JSON.stringify(belief[domain] ?? {})}`;
    let count = counts.get(key);
    if (count === undefined) {
      count = queryVenues(db, domain, belief[domain] ?? {}).length;
      counts.set(key, count);
    }
    return count;
  };
  for (const dialogue of dialogues) {
    const table = booked?.[dialogue.id.toLowerCase().replace(/\.json$/, '')];
    let previousBelief: BeliefState = {};
    let previousBooked: string[] = [];
    let previousActs: string[] = [];
    let domain: string | undefined;
    let index = 0;
    dialogue.turns.forEach((turn, position) => {
      if (turn.speaker !== 'system') return;
      const user = dialogue.turns[position - 1];
      const belief = turn.belief;
      domain = activeDomain(belief, previousBelief, domain);
      const matches = domain && isVenueDomain(domain) ? matchCount(domain, belief) : undefined;
      const bookedNow = [...(table?.[index] ?? turn.bookedDomains ?? [])];
      const newlyBooked = bookedNow.filter((d) => !previousBooked.includes(d));
      const gold = delexicalizeTurn(turn).toLowerCase();
      const goldPlaceholders = placeholdersIn(gold);
      const requested = new Set<string>();
      for (const act of user?.acts ?? []) {
        const answer = act.intent === 'request' ? REQUEST_PLACEHOLDERS[act.slot] : undefined;
        if (answer) requested.add(answer(act.domain));
      }
      const context = [
        'bias',
        ...new Set(words(user?.text ?? '').map((w) => `u:${w}`)),
        `dom:${domain ?? 'none'}`,
        `db:${domain ?? 'none'}:${matches === undefined ? 'na' : matchBucket(matches)}`,
        ...Object.entries(belief).flatMap(([d, slots]) => [`bs:${d}`, ...Object.keys(slots ?? {}).map((s) => `bs:${d}:${s}`)]),
        ...newlyBooked.map((d) => `booked:${d}`),
        ...[...requested].map((p) => `req:${p}`),
        `turn:${Math.min(index, 6)}`,
        ...previousActs.map((p) => `prev:${p}`),
      ];
      out.push({
        dialogueId: dialogue.id,
        index,
        context,
        facts: {
          domain,
          matches,
          expectsOffer: domain !== undefined && goldPlaceholders.some((p) => p === `[${domain}_name]` || (domain === 'train' && p === '[train_id]')),
          requested: [...requested],
          booked: newlyBooked.length > 0,
        },
        gold,
      });
      previousBelief = belief;
      previousBooked = bookedNow;
      previousActs = [...new Set(goldPlaceholders)];
      index++;
    });
  }
  return out;
}

/** Train / valid / test dialogues and policy turns of a `multiwoz` data set. */
export async function loadMultiwozSplits(dataset: DatasetSpec, dataRoot: string) {
  const resources = await loadMultiwozResources(dataset, dataRoot);
  const split = async (source: DataSource | undefined): Promise<MultiwozData | undefined> => {
    if (!source) return undefined;
    const dialogues = await loadDialogueSource(source, dataRoot);
    return { dialogues, turns: policyTurns(dialogues, resources) };
  };
  const [train, valid, test] = await Promise.all([split(dataset.train), split(dataset.valid), split(dataset.test)]);
  if (!train || !test) throw new Error('a multiwoz data set needs train and test sources');
  return { resources, train, valid, test };
}
