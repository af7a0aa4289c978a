import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

import { censusFile } from './paths.ts';

/** The real census rows, one string per line, as in the shared file. */
export async function censusLines(): Promise<string[]> {
  const lines: string[] = [];
  const input = createReadStream(censusFile).pipe(createGunzip());
  for await (const line of createInterface({ input, crlfDelay: Infinity })) if (line.trim() !== '') lines.push(line);
  return lines;
}

/**
 * Writes real census rows [from, to) to a plain file; `corruptLine` (1-based, in the new file)
 * is replaced by a row with too few fields.
 */
export async function writeCensusRows(path: string, lines: string[], from: number, to: number, corruptLine?: number) {
  const rows = lines.slice(from, to);
  if (corruptLine !== undefined) rows[corruptLine - 1] = '73, Not in universe, 0, 0, High school graduate';
  await writeFile(path, `${rows.join('\n')}\n`);
}
