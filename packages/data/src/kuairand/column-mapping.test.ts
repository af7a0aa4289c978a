import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { positiveRates } from '../table';
import type { LogColumnMapping } from './column-mapping';
import { KUAIRAND_TASKS } from './columns';
import { readKuaiRand } from './read-kuairand';
import { readKuaiRandLog } from './read-log';

const temp = mkdtempSync(join(tmpdir(), 'tradeoff-mapping-'));
const write = (name: string, lines: string[], gzip = false) => {
  const path = join(temp, name);
  const text = `${lines.join('\n')}\n`;
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
};

// Another app's impression log: its own names, a Unix time in seconds, three feedback signals.
// 1651363200 is 2022-05-01 00:00:00 UTC.
const SHOP_LOG = [
  'uid,item,ts,clicked,liked,watch_ms,surface',
  '7,100,1651363200,1,0,5400,2',
  '7,101,1651363260,0,0,0,2',
  '9,100,1651449599,1,1,12000,1',
  '9,102,1651453200,1,0,800,1',
];
const SHOP_MAPPING = {
  columns: { user_id: 'uid', video_id: 'item', is_click: 'clicked', is_like: 'liked', play_time_ms: 'watch_ms', tab: 'surface' },
  timestamp: { column: 'ts', unit: 's' as const },
};

describe('a generic column mapping onto the KuaiRand log schema', () => {
  it('reads another log: renamed columns, time from a timestamp, absent signals unlabelled', async () => {
    const path = write('shop.csv.gz', SHOP_LOG, true);
    const log = await readKuaiRandLog(path, { mapping: SHOP_MAPPING });
    expect(log.rows).toBe(4);
    expect(Array.from(log.columns.user_id)).toEqual([7, 7, 9, 9]);
    expect(Array.from(log.columns.video_id)).toEqual([100, 101, 100, 102]);
    expect(Array.from(log.columns.date)).toEqual([20220501, 20220501, 20220501, 20220502]);
    expect(Array.from(log.columns.hourmin)).toEqual([0, 1, 2359, 100]);
    expect(Array.from(log.columns.time_ms)).toEqual([1651363200000, 1651363260000, 1651449599000, 1651453200000]);
    expect(Array.from(log.columns.tab)).toEqual([2, 2, 1, 1]);
    expect(Array.from(log.columns.is_rand)).toEqual([0, 0, 0, 0]);
    expect(log.columns.long_view.every(Number.isNaN)).toBe(true);
    expect(log.columns.duration_ms.every(Number.isNaN)).toBe(true);

    const table = await readKuaiRand({ log: path }, { mapping: SHOP_MAPPING });
    expect(table.tasks.map((t) => t.name)).toEqual(KUAIRAND_TASKS);
    const rates = positiveRates(table);
    expect(rates.click).toBe(0.75);
    expect(rates.like).toBe(0.25);
    // Signals the log does not have are missing labels, not negatives.
    expect(table.labels[KUAIRAND_TASKS.indexOf('long_view')]!.every(Number.isNaN)).toBe(true);
    expect(table.labels[KUAIRAND_TASKS.indexOf('play_time')]![0]).toBeCloseTo(Math.log1p(5400), 5);
    // User 9's impressions at 23:59 and 01:00 fall on two dates: two requests.
    expect(new Set(table.requests).size).toBe(3);
  });

  it('takes date/hourmin/time_ms columns under other names, and millisecond timestamps', async () => {
    const named = write('named.csv', ['u,v,day,hm,t,click', '1,2,20220503,930,1651570200000,1']);
    const log = await readKuaiRandLog(named, { mapping: { columns: { user_id: 'u', video_id: 'v', date: 'day', hourmin: 'hm', time_ms: 't', is_click: 'click' } } });
    expect([log.columns.date[0], log.columns.hourmin[0], log.columns.is_click[0]]).toEqual([20220503, 930, 1]);
    const ms = write('ms.csv', ['user_id,video_id,when,long_view', '1,2,1651570200000,1']);
    const fromMs = await readKuaiRandLog(ms, { mapping: { timestamp: { column: 'when', unit: 'ms' } } });
    expect([fromMs.columns.date[0], fromMs.columns.hourmin[0], fromMs.columns.long_view[0]]).toEqual([20220503, 930, 1]);
  });

  it('names what the header lacks and the file:line:column of a bad value', async () => {
    const path = write('shop.csv', SHOP_LOG);
    const read = (mapping: LogColumnMapping, file = path) => readKuaiRandLog(file, { mapping });
    await expect(read({ ...SHOP_MAPPING, columns: { ...SHOP_MAPPING.columns, is_like: 'hearts' } })).rejects.toThrow('shop.csv:1: header lacks column hearts (mapped to is_like)');
    await expect(read({ columns: { video_id: 'item' }, timestamp: SHOP_MAPPING.timestamp })).rejects.toThrow('shop.csv:1: header lacks column user_id (map another column to it with columns.user_id)');
    await expect(read({ columns: SHOP_MAPPING.columns })).rejects.toThrow('shop.csv:1: header lacks column date (or name a timestamp column)');
    await expect(read({ columns: { user_id: 'uid', video_id: 'item' }, timestamp: SHOP_MAPPING.timestamp })).rejects.toThrow('header lacks any feedback column');
    await expect(read({ columns: { userid: 'uid' } } as never)).rejects.toThrow(/userid/);

    const bad = write('bad.csv', [...SHOP_LOG.slice(0, 3), '9,100,-5,1,1,12000,1', '9,102,1651453200,yes,0,800,1']);
    await expect(read(SHOP_MAPPING, bad)).rejects.toThrow('bad.csv:4:3: field ts: expected a Unix time in s from 1970 on, got -5');
    const skipped = await readKuaiRandLog(bad, { mapping: SHOP_MAPPING, skipBadRows: true });
    expect([skipped.rows, skipped.skipped]).toEqual([2, 2]);
    const flag = write('flag.csv', [...SHOP_LOG.slice(0, 2), '9,102,1651453200,yes,0,800,1']);
    await expect(read(SHOP_MAPPING, flag)).rejects.toThrow('flag.csv:3:4: field clicked (is_click): expected an integer, got "yes"');
  });
});
