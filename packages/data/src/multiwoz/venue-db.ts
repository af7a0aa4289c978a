import { join } from 'node:path';
import { z } from 'zod';
import { isConstraint, normalizeTime, normalizeValue } from './normalize';
import { readJsonFile } from './read-json';
import type { BeliefState } from './types';

/** The domains whose entities are looked up in a DB by constraints. */
export const VENUE_DOMAINS = ['restaurant', 'hotel', 'attraction', 'train'] as const;
export type VenueDomain = (typeof VENUE_DOMAINS)[number];

export type Venue = Record<string, unknown>;
export type VenueDb = Record<VenueDomain, Venue[]>;

const venueListSchema = z.array(z.record(z.string(), z.unknown()));

/** Loads `<dir>/<domain>_db.json(.gz)` for the venue domains. */
export async function loadVenueDb(dir: string): Promise<VenueDb> {
  const entries = await Promise.all(
    VENUE_DOMAINS.map(async (domain) => {
      const file = join(dir, `${domain}_db.json.gz`);
      const parsed = venueListSchema.safeParse(await readJsonFile(file));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues[0]?.message ?? 'not a list of venues'}`);
      return [domain, parsed.data] as const;
    }),
  );
  return Object.fromEntries(entries) as VenueDb;
}

export function isVenueDomain(domain: string): domain is VenueDomain {
  return (VENUE_DOMAINS as readonly string[]).includes(domain);
}

/** The DB field that names an entity: what an offer of this domain refers to. */
export function entityKey(domain: VenueDomain): string {
  return domain === 'train' ? 'trainID' : 'name';
}

/**
 * The venues of `domain` that satisfy every constraint. Unconstrained values (`dontcare`,
 * `not mentioned`, empty) and booking slots are ignored; trains must leave at or after `leaveAt`
 * and arrive at or before `arriveBy`; other slots match after normalisation.
 */
export function queryVenues(db: VenueDb, domain: VenueDomain, constraints: Record<string, string>): Venue[] {
  const checks = Object.entries(constraints).filter(([slot, value]) => !slot.startsWith('book_') && isConstraint(value));
  return db[domain].filter((venue) => checks.every(([slot, value]) => matches(venue, slot, value)));
}

function matches(venue: Venue, slot: string, wanted: string): boolean {
  const field = venue[slot];
  if (typeof field !== 'string') return !(slot in venue); // slots the DB lacks do not filter
  if (slot === 'leaveAt' || slot === 'arriveBy') {
    const want = normalizeTime(wanted);
    const have = normalizeTime(field);
    if (!want || !have) return false;
    return slot === 'leaveAt' ? have >= want : have <= want;
  }
  return normalizeValue(field) === normalizeValue(wanted);
}

/** Entity names (or train ids) of a query result, normalised for comparison. */
export function entityNames(domain: VenueDomain, venues: Venue[]): string[] {
  const key = entityKey(domain);
  return venues.flatMap((venue) => (typeof venue[key] === 'string' ? [normalizeValue(venue[key])] : []));
}

/** How many venues of each venue domain match the belief state: the DB result a policy conditions on. */
export function venueMatchCounts(db: VenueDb, belief: BeliefState): Record<VenueDomain, number> {
  const counts = {} as Record<VenueDomain, number>;
  for (const domain of VENUE_DOMAINS) counts[domain] = queryVenues(db, domain, belief[domain] ?? {}).length;
  return counts;
}
