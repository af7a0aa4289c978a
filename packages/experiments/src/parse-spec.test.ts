import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applySet, loadSpecFile } from './load-spec-file';
import { parseSpec } from './parse-spec';
import { algorithms, getAlgorithm } from './registry';
import { SpecError } from './spec-error';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'tradeoff-spec-'));
const mmoe = getAlgorithm('mmoe')!;
const valid = () => structuredClone(mmoe.exampleSpec) as Record<string, unknown> & { hyper: Record<string, unknown>; dataset: Record<string, unknown> };

function specError(fn: () => unknown): SpecError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return error as SpecError;
  }
  throw new Error('expected a SpecError');
}

describe('parseSpec', () => {
  it('accepts the example specs and fills hyper defaults', async () => {
    const census = await loadSpecFile(join(examples, 'census-mmoe.json'));
    expect(census.dataset.kind).toBe('census');
    const synthetic = await loadSpecFile(join(examples, 'synthetic-mmoe.json'));
    expect(synthetic).toEqual(parseSpec(mmoe.exampleSpec));
    expect(synthetic.hyper).toMatchObject({ epochs: 5, experts: 8, batchSize: 512, taskWeights: {}, checkpointEvery: 100 });
    for (const data of ['census', 'kuairand']) {
      for (const algorithm of ['shared-bottom', 'mmoe', 'ple', 'mohn']) {
        const spec = await loadSpecFile(join(examples, `${data}-${algorithm}.json`));
        expect([spec.algorithm, spec.dataset.kind]).toEqual([algorithm, data]);
      }
    }
  });

  it('names the source and field path of a wrong type', () => {
    const spec = valid();
    spec.hyper.learningRate = 'fast';
    expect(specError(() => parseSpec(spec, 'examples/x.json')).message).toBe('examples/x.json: hyper.learningRate: expected number, received string');
    const rows = valid();
    rows.dataset.train = { path: 'synthetic', rows: [0, 2] };
    expect(specError(() => parseSpec(rows)).message).toMatch(/^spec: dataset\.train\.rows\[1\]: Too big: expected number to be <=1/);
  });

  it('names unknown keys at any level', () => {
    expect(specError(() => parseSpec({ ...valid(), colour: 'red' }, 'a.json')).message).toBe('a.json: unknown key "colour"');
    const nested = valid();
    nested.dataset.format = 'csv';
    expect(specError(() => parseSpec(nested, 'b.json')).message).toBe('b.json: dataset: unknown key "format"');
    const hyper = valid();
    hyper.hyper.expertz = 4;
    expect(specError(() => parseSpec(hyper, 'c.yaml')).message).toBe('c.yaml: hyper: unknown key "expertz"');
  });

  it('names an unknown algorithm with the list of known ones', () => {
    const error = specError(() => parseSpec({ ...valid(), algorithm: 'xgboost' }, 'd.json'));
    expect(error.message).toBe(`d.json: algorithm: unknown algorithm "xgboost" (known: ${algorithms.map((a) => a.name).join(', ')})`);
    expect(error.field).toBe('algorithm');
  });

  it('checks task, dataset kind, task names and sweep keys against the algorithm', () => {
    expect(specError(() => parseSpec({ ...valid(), task: 'dialogue' })).message).toMatch(/task: algorithm mmoe does task "multitask", not "dialogue"/);
    const weights = valid();
    weights.hyper.taskWeights = { income: 2 };
    expect(specError(() => parseSpec(weights)).message).toMatch(/hyper\.taskWeights\.income: not a task of synthetic-multitask \(tasks: synthetic_a, synthetic_b\)/);
    expect(specError(() => parseSpec({ ...valid(), objectives: ['synthetic_a', 'clicks'] })).message).toMatch(/objectives\[1\]: "clicks" is not a task/);
    expect(specError(() => parseSpec({ ...valid(), sweep: { grid: { depth: [1, 2] } } })).message).toMatch(/sweep\.grid\.depth: not a hyperparameter of mmoe/);
    expect(specError(() => parseSpec({ ...valid(), sweep: { grid: { experts: [4, -1] } } })).message).toMatch(/sweep\.grid\.experts\[1\]: Too small/);
    const census = valid();
    census.dataset = { kind: 'census', train: 'synthetic', test: 'x.gz' };
    expect(specError(() => parseSpec(census)).message).toMatch(/dataset\.train: "synthetic" is only a path for kind synthetic-multitask/);
  });
});

describe('kuairand specs', () => {
  const kuairand = () => ({
    name: 'k',
    task: 'multitask',
    algorithm: 'ple',
    dataset: { kind: 'kuairand', train: { path: 'data:k/log.csv.gz', dates: ['20220425', '20220502'] }, test: 'other.csv', tables: { users: 'u.csv' } },
    objectives: ['click', 'play_time'],
  });

  it('take date ranges, the user and video tables, and KuaiRand objectives by name', () => {
    const spec = parseSpec(kuairand());
    expect(spec.dataset.train).toEqual({ path: 'data:k/log.csv.gz', dates: ['20220425', '20220502'] });
    expect(spec.hyper).toMatchObject({ levels: 2, embeddingDim: 8 });
  });

  it('name an empty date range, an unknown table and an unknown objective', () => {
    const dates = kuairand();
    dates.dataset.train.dates = ['20220502', '20220425'];
    expect(specError(() => parseSpec(dates)).message).toBe('spec: dataset.train.dates: [20220502, 20220425] is empty: from must not be after to');
    const tables = kuairand() as ReturnType<typeof kuairand> & { dataset: { tables: Record<string, string> } };
    tables.dataset.tables.stats = 's.csv';
    expect(specError(() => parseSpec(tables)).message).toBe('spec: dataset.tables.stats: not a table of kuairand (tables: users, videos)');
    expect(specError(() => parseSpec({ ...kuairand(), objectives: ['clicks'] })).message).toMatch(/objectives\[0\]: "clicks" is not a task of kuairand \(tasks: click, long_view, like, follow, comment, forward, hate, profile_enter, play_time\)/);
    const census = valid();
    census.dataset = { kind: 'census', train: 'a.gz', test: 'b.gz', tables: { users: 'u.csv' } };
    expect(specError(() => parseSpec(census)).message).toMatch(/dataset\.tables\.users: not a table of census \(it joins no tables\)/);
  });
});

describe('loadSpecFile', () => {
  it('reports malformed JSON and YAML with the file name', async () => {
    writeFileSync(join(temp, 'broken.json'), '{ "name": "x", ');
    await expect(loadSpecFile(join(temp, 'broken.json'))).rejects.toThrow(new RegExp(`^${join(temp, 'broken.json')}: malformed JSON: `));
    writeFileSync(join(temp, 'broken.yaml'), 'name: [unclosed\n');
    await expect(loadSpecFile(join(temp, 'broken.yaml'))).rejects.toThrow(/broken\.yaml: malformed YAML: /);
    await expect(loadSpecFile(join(temp, 'absent.json'))).rejects.toThrow(/absent\.json: cannot read: ENOENT/);
  });

  it('reads YAML and applies --set overrides (JSON values, else strings)', async () => {
    const yaml = [
      'name: yaml spec',
      'task: multitask',
      'algorithm: mmoe',
      'dataset:',
      '  kind: census',
      '  train: { path: "data:census-income/census-income.test.part1_of_2.data.gz", rows: [0, 0.8] }',
      '  test: { path: "data:census-income/census-income.test.part1_of_2.data.gz", rows: [0.8, 1] }',
      'hyper:',
      '  epochs: 3',
    ].join('\n');
    writeFileSync(join(temp, 'spec.yaml'), yaml);
    const spec = await loadSpecFile(join(temp, 'spec.yaml'), ['hyper.learningRate=0.01', 'dataset.test=/tmp/other file.gz', 'hyper.taskWeights.income=2', 'dataset.train.rows=[0,0.5]', 'name=123abc']);
    expect(spec.hyper).toMatchObject({ epochs: 3, learningRate: 0.01, taskWeights: { income: 2 } });
    expect(spec.dataset.test).toBe('/tmp/other file.gz');
    expect(spec.dataset.train).toEqual({ path: 'data:census-income/census-income.test.part1_of_2.data.gz', rows: [0, 0.5] });
    expect(spec.name).toBe('123abc');
    await expect(loadSpecFile(join(temp, 'spec.yaml'), ['hyper.learningRate="high"'])).rejects.toThrow(/spec\.yaml: hyper\.learningRate: expected number, received string/);
  });

  it('rejects malformed --set arguments', () => {
    expect(() => applySet({}, 'novalue')).toThrow(/--set novalue: expected path=value/);
    expect(() => applySet({ name: 'x' }, 'name.first=1')).toThrow(/name: --set name.first=1: cannot set a key inside a string/);
    expect(() => applySet({}, '__proto__.polluted=1')).toThrow(/invalid path/);
  });
});

describe('the package index', () => {
  it('does not load TensorFlow.js', () => {
    const index = fileURLToPath(new URL('./index.ts', import.meta.url));
    const script = `const m = await import(${JSON.stringify(index)}); console.log(m.algorithms.map((a) => a.name).join(','), typeof globalThis._tfengine);`;
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd });
    // Every registered algorithm is listed, and TensorFlow.js's engine was never created.
    const [names = '', engine] = out.trim().split(' ');
    expect(names.split(',')).toEqual(expect.arrayContaining(['mmoe', 'shared-bottom', 'ple', 'mohn', 'dialogue-sl', 'fixed-mix', 'more']));
    expect(engine).toBe('undefined');
  }, 60_000);
});
