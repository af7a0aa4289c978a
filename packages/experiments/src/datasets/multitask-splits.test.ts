import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetSchema } from '../spec';
import { loadMultitaskSplits } from './multitask-splits';

const dir = mkdtempSync(join(tmpdir(), 'tradeoff-splits-'));
const log = join(dir, 'app-log.csv');
// Another app's log: 2022-05-01 and 2022-05-02 (UTC), its own column names, two feedback signals.
writeFileSync(
  log,
  [
    'uid,item,ts,clicked,finished',
    '1,10,1651363200,1,0',
    '1,11,1651366800,0,0',
    '2,10,1651370400,1,1',
    '2,12,1651449600,1,1',
    '3,11,1651453200,0,0',
    'x,12,1651456800,1,0',
    '',
  ].join('\n'),
);

describe('kuairand data sets with a column mapping', () => {
  it('split another log by date through dataset.columns, naming and skipping its bad row', async () => {
    const dataset = datasetSchema.parse({
      kind: 'kuairand',
      train: { path: log, dates: ['20220501', '20220501'] },
      valid: { path: log, dates: ['20220501', '20220501'] },
      test: { path: log, dates: ['20220502', '20220502'] },
      columns: { columns: { user_id: 'uid', video_id: 'item', is_click: 'clicked', long_view: 'finished' }, timestamp: { column: 'ts', unit: 's' } },
    });
    await expect(loadMultitaskSplits(dataset, dir, 0.1)).rejects.toThrow('app-log.csv:7:1: field uid (user_id): expected an integer, got "x"');
    const splits = await loadMultitaskSplits({ ...dataset, skipBadRows: true }, dir, 0.1);
    expect([splits.train.rows, splits.test.rows]).toEqual([3, 2]);
    expect(splits.description[2]).toBe('test: 2 rows of app-log.csv dated 20220502..20220502, 1 bad rows skipped in app-log.csv');
    const click = splits.test.tasks.findIndex((t) => t.name === 'click');
    const like = splits.test.tasks.findIndex((t) => t.name === 'like');
    expect(Array.from(splits.test.labels[click]!)).toEqual([1, 0]);
    expect(splits.test.labels[like]!.every(Number.isNaN)).toBe(true);
    expect(() => datasetSchema.parse({ ...dataset, columns: { columns: { clicks: 'clicked' } } })).toThrow();
  });
});
