import { responsePlaceholders } from './features';

/** The reasoning checks MORE treats as constraints, each scoring a response 0 or 1 (or a share). */
export const REASONING_CHECKS = ['entity', 'request', 'booking', 'count'] as const;
export type ReasoningCheck = (typeof REASONING_CHECKS)[number];

/** What a system turn must be consistent with: the DB result and the user's needs at that point. */
export interface TurnFacts {
  /** The domain the turn is about (a venue domain, `taxi`, ...), when known. */
  domain?: string;
  /** DB matches of the belief state in `domain` (undefined for domains without a DB). */
  matches?: number;
  /** The user asks for a venue: the reference offers one, so a name is expected when the DB has some. */
  expectsOffer: boolean;
  /** Placeholders the user asked for (`[value_phone]`, `[value_address]`, ...). */
  requested: readonly string[];
  /** A booking was made in this turn. */
  booked: boolean;
}

function offersEntity(placeholders: readonly string[]): boolean {
  return placeholders.some((p) => p.endsWith('_name]') || p === '[train_id]');
}

/**
 * Per-response checks:
 * - entity: no venue named when the DB has no match; a venue named when matches exist and one is expected;
 * - request: the share of requested attributes the response provides;
 * - booking: a reference exactly when a booking was made;
 * - count: `[value_count]` only when the DB has matches.
 */
export function reasoningScores(response: string, facts: TurnFacts): Record<ReasoningCheck, number> {
  const placeholders = responsePlaceholders(response);
  const has = (p: string) => placeholders.includes(p);
  const offered = offersEntity(placeholders);
  const noMatch = facts.matches === 0;
  const entity = (offered && noMatch) || (facts.expectsOffer && (facts.matches ?? 0) > 0 && !offered) ? 0 : 1;
  const request = facts.requested.length === 0 ? 1 : facts.requested.filter(has).length / facts.requested.length;
  const booking = facts.booked === has('[value_reference]') ? 1 : 0;
  const count = has('[value_count]') && noMatch ? 0 : 1;
  return { entity, request, booking, count };
}
