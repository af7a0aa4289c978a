import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../src/cli.ts';
import { examplesDir } from '../src/paths.ts';
import { storeTargets, type TestStore } from '../src/stores.ts';

const targets = await storeTargets();

/** `tradeoff db migrate` and `tradeoff launch` against each store, including a spec the store must refuse. */
describe.each(targets)('store commands on $name', (target) => {
  let ts: TestStore;
  let dir = '';
  beforeAll(async () => {
    if (!target.available) return;
    ts = await target.open();
    dir = await mkdtemp(join(tmpdir(), 'tradeoff-store-cli-'));
  });
  afterAll(async () => {
    await ts?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(!target.available)('db migrate succeeds on an up-to-date store and says which store', async () => {
    const result = await runCli(['db', 'migrate'], { env: ts.env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(target.name === 'pglite' ? /embedded store/ : /Postgres/);
  });

  it.skipIf(!target.available)('launch queues a run, and refuses a bad spec without storing anything', async () => {
    const launched = await runCli(['launch', 'examples/census-mmoe.json', '--set', 'hyper.epochs=1'], { env: ts.env });
    expect(launched.code, launched.stderr).toBe(0);
    const runId = /^run (\S+)$/m.exec(launched.stdout)?.[1];
    const run = await ts.store.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('queued');

    const example = JSON.parse(await readFile(join(examplesDir, 'census-mmoe.json'), 'utf8')) as Record<string, unknown>;
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...example, hyper: { batchSize: 'large' } }));
    const refused = await runCli(['launch', bad], { env: ts.env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/bad\.json: hyper\.batchSize/);
    expect(await ts.store.prisma.experiment.count()).toBe(1);
  });
});
