import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { censusLines, writeCensusRows } from '../src/census-files.ts';
import { runCli } from '../src/cli.ts';
import { examplesDir, hasCensus } from '../src/paths.ts';

/** Bad specs exit 2 before anything runs, naming the file and the field; a bad data row exits 1 naming file:line. */
describe('tradeoff train on bad input', () => {
  let dir = '';
  let example: Record<string, unknown>;
  const specFile = async (name: string, body: string) => {
    const path = join(dir, name);
    await writeFile(path, body);
    return path;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tradeoff-bad-'));
    example = JSON.parse(await readFile(join(examplesDir, 'census-mmoe.json'), 'utf8')) as Record<string, unknown>;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('malformed JSON names the file', async () => {
    const path = await specFile('broken.json', '{ "name": "x", ');
    const result = await runCli(['train', path, '--out', join(dir, 'o1')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.json: .*JSON/);
  });

  it('a field of the wrong type names file and field', async () => {
    const path = await specFile('typo.json', JSON.stringify({ ...example, hyper: { learningRate: 'fast' } }));
    const result = await runCli(['train', path, '--out', join(dir, 'o2')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/typo\.json: hyper\.learningRate: expected number/);
  });

  it('an unknown key in a YAML spec names file and key', async () => {
    const path = await specFile('extra.yaml', 'name: x\ntask: multitask\nalgorithm: mmoe\ndataset: { kind: census, train: a, test: b }\nepochs: 3\n');
    const result = await runCli(['train', path, '--out', join(dir, 'o3')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/extra\.yaml: .*epochs/);
  });

  it('an unknown algorithm is named with the known ones', async () => {
    const path = await specFile('unknown.json', JSON.stringify({ ...example, algorithm: 'mmoe-xl' }));
    const result = await runCli(['train', path, '--out', join(dir, 'o4')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown\.json: algorithm: .*"mmoe-xl".*mmoe/);
  });

  it('a bad --set value names the field', async () => {
    const result = await runCli(['train', 'examples/census-mmoe.json', '--set', 'hyper.epochs=0', '--out', join(dir, 'o5')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/census-mmoe\.json: hyper\.epochs/);
  });

  it.skipIf(!hasCensus)('a corrupt CSV row fails the run naming file:line, and writes no model', async () => {
    const data = join(dir, 'census-corrupt.data');
    await writeCensusRows(data, await censusLines(), 0, 3000, 1234);
    const out = join(dir, 'o6');
    const result = await runCli(['train', 'examples/census-mmoe.json', '--set', `dataset.train=${data}`, '--set', `dataset.test=${data}`, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/census-corrupt\.data:1234\b/);
    await expect(readFile(join(out, 'metrics.json'))).rejects.toThrow(/ENOENT/);
  });
});
