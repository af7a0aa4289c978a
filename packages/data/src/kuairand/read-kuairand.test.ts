import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataError } from '../data-error';
import { defaultDataRoot } from '../data-root';
import { type CategoricalColumn, filterDates, positiveRates } from '../table';
import { KUAIRAND_TASKS } from './columns';
import { readKuaiRand } from './read-kuairand';
import { readKuaiRandLog } from './read-log';

const dir = join(process.env.TRADEOFF_DATA_DIR ?? defaultDataRoot(), 'kuairand-pure');
const files = {
  log: join(dir, 'log_standard_2022-04-25_to_2022-05-04_pure.csv.gz'),
  users: join(dir, 'user_features_pure.csv.gz'),
  videos: join(dir, 'video_features_basic_pure.csv.gz'),
};
const value = (column: CategoricalColumn, row: number) => column.dictionary[column.codes[row]!];

describe.skipIf(!existsSync(files.log))('readKuaiRand on the shared KuaiRand-Pure files', () => {
  it('reads every impression with the documented signal rates, joined with user and video features', async () => {
    const table = await readKuaiRand(files);
    expect(table.rows).toBe(171_671);
    expect(table.skipped).toBe(0);
    expect(table.tasks.map((t) => t.name)).toEqual(KUAIRAND_TASKS);
    expect(table.tasks.at(-1)).toEqual({ name: 'play_time', type: 'regression' });
    const rates = positiveRates(table);
    expect(rates.click!.toFixed(4)).toBe('0.4433');
    expect(rates.long_view!.toFixed(4)).toBe('0.3119');
    expect(rates.like!.toFixed(4)).toBe('0.0175');
    expect(rates.profile_enter!.toFixed(4)).toBe('0.0187');

    // First row: user 712, video 5239, 2022-04-25 00:00, played 61,802 ms of a 49,866 ms video.
    const column = (name: string) => table.columns[table.features.findIndex((f) => f.name === name)]!;
    expect(value(column('user_id') as CategoricalColumn, 0)).toBe('712');
    expect(value(column('video_id') as CategoricalColumn, 0)).toBe('5239');
    expect(value(column('hour') as CategoricalColumn, 0)).toBe('0');
    expect((column('duration_ms') as Float64Array)[0]).toBe(49_866);
    expect(table.labels[KUAIRAND_TASKS.indexOf('play_time')]![0]).toBeCloseTo(Math.log1p(61_802), 5);
    expect([table.dates![0], table.users![0]]).toEqual([20220425, 712]);
    // Joined features: the user and video tables' rows for those ids.
    const userRow = gunzipSync(readFileSync(files.users)).toString().split('\n').find((l) => l.startsWith('712,'))!;
    expect(value(column('user_active_degree') as CategoricalColumn, 0)).toBe(userRow.split(',')[1]);
    expect(value(column('video_type') as CategoricalColumn, 0)).toBe('NORMAL');
    expect(table.features.filter((f) => f.state).length).toBe(3 + 30);

    // Time split of the issue: train 04-25..05-02, test 05-03..05-04, nothing lost or shared.
    const train = filterDates(table, ['20220425', '20220502']);
    const test = filterDates(table, ['20220503', '20220504']);
    expect(train.rows + test.rows).toBe(table.rows);
    expect(train.dates!.reduce((a, b) => Math.max(a, b))).toBe(20220502);
    expect(test.dates!.reduce((a, b) => Math.min(a, b))).toBe(20220503);
    expect(() => filterDates(table, ['20220505', '20220501'])).toThrow(/is empty/);
    // Every request is one user on one date.
    const seen = new Map<number, string>();
    for (let i = 0; i < table.rows; i++) {
      const key = `${table.users![i]}@${table.dates![i]}`;
      expect(seen.get(table.requests![i]!) ?? key).toBe(key);
      seen.set(table.requests![i]!, key);
    }
  }, 60_000);

  describe('a corrupt copy', () => {
    const lines = gunzipSync(readFileSync(files.log)).toString('utf8').split('\n').slice(0, 30);
    const temp = mkdtempSync(join(tmpdir(), 'tradeoff-kuairand-'));
    const write = (name: string, edit: (rows: string[][]) => void, gzip = true) => {
      const rows = lines.filter((l) => l !== '').map((l) => l.split(','));
      edit(rows);
      const text = `${rows.map((r) => r.join(',')).join('\n')}\n`;
      const path = join(temp, name);
      writeFileSync(path, gzip ? gzipSync(text) : text);
      return path;
    };

    it('names file, line, column and field of a bad value', async () => {
      const flag = write('flag.csv.gz', (rows) => {
        rows[5]![5] = '2';
      });
      await expect(readKuaiRandLog(flag)).rejects.toThrow('flag.csv.gz:6:6: field is_click: expected 0 or 1, got 2');
      await expect(readKuaiRandLog(flag)).rejects.toBeInstanceOf(DataError);
      const date = write('date.csv', (rows) => {
        rows[3]![2] = '20220231';
      }, false);
      await expect(readKuaiRandLog(date)).rejects.toThrow('date.csv:4:3: field date: expected a date YYYYMMDD, got 20220231');
      const text = write('text.csv.gz', (rows) => {
        rows[9]![12] = '1.5';
      });
      await expect(readKuaiRandLog(text)).rejects.toThrow('text.csv.gz:10:13: field play_time_ms: expected an integer, got "1.5"');
      const short = write('short.csv.gz', (rows) => {
        rows[2] = rows[2]!.slice(0, 4);
      });
      await expect(readKuaiRandLog(short)).rejects.toThrow('short.csv.gz:3: expected 19 fields as in the header, got 4');
    });

    it('reads columns by header name, and names missing ones', async () => {
      const swapped = write('swapped.csv', (rows) => {
        for (const row of rows) [row[0], row[1]] = [row[1]!, row[0]!];
      }, false);
      const log = await readKuaiRandLog(swapped);
      expect([log.columns.user_id[0], log.columns.video_id[0]]).toEqual([712, 5239]);
      const noTab = write('no-tab.csv.gz', (rows) => {
        rows[0]![18] = 'page';
      });
      await expect(readKuaiRandLog(noTab)).rejects.toThrow('no-tab.csv.gz:1: header lacks column tab');
    });

    it('skips and counts bad rows of the log and of the feature tables when asked, and names them otherwise', async () => {
      const path = write('skip.csv.gz', (rows) => {
        rows[2]![3] = '2461';
        rows[11]![0] = '';
      });
      const table = await readKuaiRand({ log: path }, { skipBadRows: true });
      expect(table.rows).toBe(lines.length - 1 - 2);
      expect(table.skipped).toBe(2);
      // A hand-written users table: user 712, a text id, then user 712 again with a non-numeric count.
      const header = gunzipSync(readFileSync(files.users)).toString().split('\n')[0]!.split(',');
      const row = (id: string, fans: string) => header.map((name) => (name === 'user_id' ? id : name === 'fans_user_num' ? fans : name.endsWith('_range') ? '0-9' : '1')).join(',');
      const users = join(temp, 'users.csv');
      writeFileSync(users, [header.join(','), row('712', '150'), row('x1', '3'), row('712', 'many'), ''].join('\n'));
      await expect(readKuaiRand({ log: path, users })).rejects.toThrow('users.csv:3:1: field user_id: expected a non-negative integer id, got "x1"');
      const joined = await readKuaiRand({ log: path, users }, { skipBadRows: true });
      expect(joined.skipped).toBe(4);
      expect(joined.skippedByFile).toEqual({ 'skip.csv.gz': 2, 'users.csv': 2 });
      // User 712 keeps its first, valid row; the other users of the log have no row.
      const fans = joined.columns[joined.features.findIndex((f) => f.name === 'fans_user_num')] as Float64Array;
      expect(fans[0]).toBe(150);
      const duplicate = join(temp, 'duplicate.csv');
      writeFileSync(duplicate, [header.join(','), row('712', '150'), row('712', '151'), ''].join('\n'));
      await expect(readKuaiRand({ log: write('clean.csv', () => {}, false), users: duplicate })).rejects.toThrow('duplicate.csv:3:1: field user_id: id 712 appears twice (first on line 2)');
    });
  });
});
