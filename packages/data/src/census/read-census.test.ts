import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataError } from '../data-error';
import { defaultDataRoot } from '../data-root';
import { positiveRates, sliceRows } from '../table';
import { CENSUS_COLUMNS, CENSUS_FEATURES } from './columns';
import { readCensus } from './read-census';

const dir = join(process.env.TRADEOFF_DATA_DIR ?? defaultDataRoot(), 'census-income');
const shared = join(dir, 'census-income.test.part1_of_2.data.gz');
let sharedTable: ReturnType<typeof readCensus> | undefined;
const readShared = () => (sharedTable ??= readCensus(shared));

describe.skipIf(!existsSync(shared))('readCensus on the shared Census-Income file', () => {
  it('reads every row with the documented task rates', async () => {
    const table = await readShared();
    expect(table.rows).toBe(49_881);
    expect(table.skipped).toBe(0);
    expect(table.synthetic).toBe(false);
    expect(table.source).toBe('census-income.test.part1_of_2.data.gz');
    const rates = positiveRates(table);
    expect((rates.income! * 100).toFixed(2)).toBe('6.30');
    expect((rates.never_married! * 100).toFixed(2)).toBe('43.11');
    expect(table.labels[0]!.reduce((s, v) => s + v, 0)).toBe(3_143);
    expect(table.labels[1]!.reduce((s, v) => s + v, 0)).toBe(21_502);
    // First line: age 38, ..., "Married-civilian spouse present", "- 50000.".
    expect((table.columns[0] as Float64Array)[0]).toBe(38);
    expect(table.labels[0]![0]).toBe(0);
    expect(table.labels[1]![0]).toBe(0);
    // Third line is a never-married child.
    expect(table.labels[1]![2]).toBe(1);
  });

  it('uses the column names of columns.json and drops instance_weight and both label sources', () => {
    const names = JSON.parse(readFileSync(join(dir, 'columns.json'), 'utf8')).columns;
    expect([...CENSUS_COLUMNS]).toEqual(names);
    const features = CENSUS_FEATURES.map((f) => f.name);
    expect(features).toHaveLength(39);
    for (const gone of ['instance_weight', 'income_50k', 'marital_stat']) expect(features).not.toContain(gone);
    expect(CENSUS_FEATURES.filter((f) => f.kind === 'numeric').map((f) => f.name)).toEqual([
      'age', 'wage_per_hour', 'capital_gains', 'capital_losses', 'stock_dividends', 'num_emp', 'weeks_worked',
    ]);
  });

  it('splits by row fraction into complementary parts', async () => {
    const table = await readShared();
    const train = sliceRows(table, [0, 0.8]);
    const test = sliceRows(table, [0.8, 1]);
    expect(train.rows).toBe(39_904);
    expect(train.rows + test.rows).toBe(table.rows);
    expect((test.columns[0] as Float64Array)[0]).toBe((table.columns[0] as Float64Array)[39_904]);
    expect(() => sliceRows(table, [0.5, 0.2])).toThrow(/0 <= from <= to <= 1/);
  });

  describe('a corrupt copy', () => {
    const lines = gunzipSync(readFileSync(shared)).toString('utf8').split('\n').slice(0, 20);
    const temp = mkdtempSync(join(tmpdir(), 'tradeoff-census-'));
    const write = (name: string, edit: (fields: string[][]) => void, gzip = true) => {
      const rows = lines.map((l) => l.split(', '));
      edit(rows);
      const text = `${rows.map((r) => r.join(', ')).join('\n')}\n`;
      const path = join(temp, name);
      writeFileSync(path, gzip ? gzipSync(text) : text);
      return path;
    };

    it('names file, line and field of a bad number', async () => {
      const path = write('census.data.gz', (rows) => {
        rows[16]![0] = 'abc';
      });
      await expect(readCensus(path)).rejects.toThrow('census.data.gz:17:1: field age: expected a number, got "abc"');
      await expect(readCensus(path)).rejects.toBeInstanceOf(DataError);
    });

    it('names a bad label and a short line, in plain text files too', async () => {
      const badLabel = write('label.data', (rows) => {
        rows[4]![41] = 'rich.';
      }, false);
      await expect(readCensus(badLabel)).rejects.toThrow('label.data:5:42: field income_50k: expected "- 50000." or "50000+.", got "rich."');
      const short = write('short.data.gz', (rows) => {
        rows[9] = rows[9]!.slice(0, 7);
      });
      await expect(readCensus(short)).rejects.toThrow('short.data.gz:10: expected 42 fields separated by ", ", got 7');
    });

    it('skips and counts bad rows when asked', async () => {
      const path = write('skip.data.gz', (rows) => {
        rows[2]![5] = 'n/a';
        rows[11] = ['garbage'];
      });
      const table = await readCensus(path, { skipBadRows: true });
      expect(table.rows).toBe(18);
      expect(table.skipped).toBe(2);
    });

    it('reports a missing file by name', async () => {
      await expect(readCensus(join(temp, 'absent.gz'))).rejects.toThrow(/absent\.gz/);
    });
  });
});
