/** Spelling variants of the same value in states, goals and the DBs. */
const VARIANTS: Record<string, string> = {
  center: 'centre',
  'guest house': 'guesthouse',
  'guest houses': 'guesthouse',
  guesthouses: 'guesthouse',
  hotels: 'hotel',
  moderately: 'moderate',
  'moderately priced': 'moderate',
  expensively: 'expensive',
  free: 'yes',
  'concert hall': 'concerthall',
  'night club': 'nightclub',
  'swimming pool': 'swimmingpool',
  'multiple sports': 'mutliple sports',
  museums: 'museum',
  colleges: 'college',
  churches: 'church',
  theater: 'theatre',
};

/** Lower-case, trimmed, single-spaced, with the leading article and spelling variants folded. */
export function normalizeValue(value: string): string {
  const text = value.toLowerCase().trim().replace(/\s+/g, ' ').replace(/^the /, '').replace(/ '/g, "'");
  return VARIANTS[text] ?? text;
}

/** `5:45` / `05.45` / `0545` -> `05:45`; undefined when the text is no clock time. */
export function normalizeTime(value: string): string | undefined {
  const match = /^(\d{1,2})\s*[:.]?\s*(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** Values that leave a slot unconstrained. */
const UNCONSTRAINED = new Set(['', 'dontcare', "don't care", 'dont care', "do n't care", 'not mentioned', 'none', 'any']);

export function isConstraint(value: string): boolean {
  return !UNCONSTRAINED.has(value.toLowerCase().trim());
}
