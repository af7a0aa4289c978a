import type { Span, Turn } from './types';

/** Slots whose token names the domain, as in the standard evaluator (`[hotel_name]`, `[train_id]`). */
const DOMAIN_TOKEN_SLOTS = new Set(['name', 'id']);

/**
 * The placeholder for a span: `[<domain>_name]`, `[train_id]`, else `[value_<slot>]`
 * (`[value_phone]`, `[value_reference]`, ...). Booking acts have no venue domain, so their
 * reference is credited through the booked domains of the turn.
 */
export function placeholder(span: Pick<Span, 'domain' | 'slot'>): string {
  if (DOMAIN_TOKEN_SLOTS.has(span.slot) && span.domain !== 'booking' && span.domain !== 'general') {
    return `[${span.domain}_${span.slot}]`;
  }
  return `[value_${span.slot}]`;
}

/** The text with every annotated span replaced by its placeholder (overlapping spans: the first wins). */
export function delexicalize(text: string, spans: readonly Span[]): string {
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  for (const span of ordered) {
    if (span.start < cursor) continue;
    out += text.slice(cursor, span.start) + placeholder(span);
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

/** Act slots whose values the evaluator looks for; worth locating when the span annotation missed them. */
const LOCATED_SLOTS = new Set(['name', 'id', 'phone', 'address', 'postcode', 'reference']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Spans for act values of entity slots that the annotation left unlocated: the first whole-word,
 * case-insensitive occurrence of the value not already covered by a span.
 */
export function locateActValues(turn: Pick<Turn, 'text' | 'spans' | 'acts'>): Span[] {
  const found: Span[] = [];
  const covered = (start: number, end: number) =>
    [...turn.spans, ...found].some((span) => start < span.end && span.start < end);
  for (const act of turn.acts) {
    const value = act.value.trim();
    if (!LOCATED_SLOTS.has(act.slot) || value.length < 2 || value === 'none') continue;
    const pattern = new RegExp(`(?<![\\w])${escapeRegExp(value)}(?![\\w])`, 'gi');
    for (const match of turn.text.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (covered(match.index, end)) continue;
      found.push({ ...act, start: match.index, end });
      break;
    }
  }
  return found;
}

/** The delexicalized text of a turn: annotated spans plus located entity values. */
export function delexicalizeTurn(turn: Pick<Turn, 'text' | 'spans' | 'acts'>): string {
  return delexicalize(turn.text, [...turn.spans, ...locateActValues(turn)]);
}

/** Placeholders in a delexicalized response, in order. */
export function placeholdersIn(response: string): string[] {
  return response.match(/\[[a-z]+_[a-z ]+\]/g) ?? [];
}
