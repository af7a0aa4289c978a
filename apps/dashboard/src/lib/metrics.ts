const SPLIT_ORDER = ['train', 'valid', 'test'];

/** `valid/auc/income` -> group `valid/auc`, line `income`; `train/loss` -> group `train/loss`. */
function splitKey(key: string): { group: string; line: string } {
  const parts = key.split('/');
  if (parts.length <= 2) return { group: key, line: parts[parts.length - 1] ?? key };
  return { group: parts.slice(0, 2).join('/'), line: parts.slice(2).join('/') };
}

/** Metric names grouped into charts, one per `<split>/<metric>`, train before valid before test. */
export function groupKeys(keys: readonly string[]): { title: string; keys: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const { group } = splitKey(key);
    groups.set(group, [...(groups.get(group) ?? []), key]);
  }
  return [...groups.entries()]
    .map(([title, members]) => ({ title, keys: members.sort() }))
    .sort((a, b) => splitRank(a.title) - splitRank(b.title) || a.title.localeCompare(b.title));
}

/** The part of a key shown as a line's name inside its group's chart. */
export function lineName(key: string): string {
  return splitKey(key).line;
}

function splitRank(title: string): number {
  const index = SPLIT_ORDER.indexOf(title.split('/')[0] ?? '');
  return index === -1 ? SPLIT_ORDER.length : index;
}

/** Final metric names in display order: test metrics first, then the rest, alphabetically. */
export function orderMetricKeys(keys: Iterable<string>): string[] {
  const unique = [...new Set(keys)];
  const isTest = (key: string) => (key.startsWith('test/') ? 0 : 1);
  return unique.sort((a, b) => isTest(a) - isTest(b) || a.localeCompare(b));
}
