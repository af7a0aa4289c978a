/**
 * Parses a sweep field: comma-separated values, each a number, true/false, or text. Empty input is
 * no sweep over that hyperparameter.
 */
export function parseSweepValues(text: string, numeric: boolean): (number | string | boolean)[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      if (part === 'true' || part === 'false') return part === 'true';
      const n = Number(part);
      return numeric && !Number.isNaN(n) ? n : part;
    });
}

/** Seeds from "0, 1, 2" or a range "0-4"; invalid parts are kept out and reported. */
export function parseSeeds(text: string): { seeds: number[]; invalid: string[] } {
  const seeds: number[] = [];
  const invalid: string[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const range = part.match(/^(\d+)\s*-\s*(\d+)$/);
    if (range) {
      const [lo, hi] = [Number(range[1]), Number(range[2])];
      if (hi >= lo && hi - lo < 1000) for (let s = lo; s <= hi; s++) seeds.push(s);
      else invalid.push(part);
    } else if (/^\d+$/.test(part)) seeds.push(Number(part));
    else invalid.push(part);
  }
  return { seeds: [...new Set(seeds)], invalid };
}

/** Runs a grid creates: the product of the value counts, times the number of seeds (at least one). */
export function sweepRunCount(grid: Record<string, readonly unknown[]>, seeds: readonly number[]): number {
  return Object.values(grid).reduce((n, values) => n * values.length, 1) * Math.max(1, seeds.length);
}
