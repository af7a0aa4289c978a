import type { z } from 'zod';
import { DATASET_TABLES, DATASET_TASKS } from './datasets/dataset-tasks';
import { algorithms, getAlgorithm, type SpecProblem } from './registry';
import { type DataSource, type Spec, specSchema } from './spec';
import { fieldPath, SpecError } from './spec-error';

const SYNTHETIC_PATH = 'synthetic';

/**
 * Validates a spec with the common schema and then with its algorithm's hyper schema (filling the
 * hyper defaults). Throws SpecError naming `source` and the field path of the first problem.
 */
export function parseSpec(input: unknown, source = 'spec'): Spec {
  const base = specSchema.safeParse(input);
  if (!base.success) throw SpecError.fromZod(source, base.error);
  const spec = base.data;

  const algorithm = getAlgorithm(spec.algorithm);
  if (!algorithm) {
    throw new SpecError(source, 'algorithm', `unknown algorithm "${spec.algorithm}" (known: ${algorithms.map((a) => a.name).join(', ')})`);
  }
  if (spec.task !== algorithm.task) {
    throw new SpecError(source, 'task', `algorithm ${algorithm.name} does task "${algorithm.task}", not "${spec.task}"`);
  }
  if (!algorithm.datasetKinds.includes(spec.dataset.kind)) {
    throw new SpecError(source, 'dataset.kind', `algorithm ${algorithm.name} reads ${algorithm.datasetKinds.join(' or ')}, not ${spec.dataset.kind}`);
  }
  const hyper = algorithm.hyperSchema.safeParse(spec.hyper);
  if (!hyper.success) throw SpecError.fromZod(source, hyper.error, ['hyper']);
  const parsed: Spec = { ...spec, hyper: hyper.data };

  const problems = [...datasetProblems(parsed), ...sweepProblems(parsed, algorithm.hyperSchema), ...(algorithm.check?.(parsed) ?? [])];
  const first = problems[0];
  if (first) throw new SpecError(source, fieldPath(first.path), first.problem);
  return parsed;
}

function datasetProblems(spec: Spec): SpecProblem[] {
  const { dataset } = spec;
  const problems: SpecProblem[] = [];
  const sources = { train: dataset.train, valid: dataset.valid, test: dataset.test };
  for (const [split, source] of Object.entries(sources) as [string, DataSource | undefined][]) {
    if (source === undefined) continue;
    const path = typeof source === 'string' ? source : source.path;
    const at = typeof source === 'string' ? ['dataset', split] : ['dataset', split, 'path'];
    const synthetic = dataset.kind === 'synthetic-multitask';
    if (synthetic !== (path === SYNTHETIC_PATH)) {
      problems.push({ path: at, problem: synthetic ? `synthetic data sets use the path "${SYNTHETIC_PATH}", not "${path}"` : `"${SYNTHETIC_PATH}" is only a path for kind synthetic-multitask` });
    }
    if (typeof source !== 'string' && source.rows && source.rows[0] > source.rows[1]) {
      problems.push({ path: ['dataset', split, 'rows'], problem: `[${source.rows.join(', ')}] is empty: from must not exceed to` });
    }
    if (typeof source !== 'string' && source.dates && (dataset.kind === 'census' || dataset.kind === 'synthetic-multitask')) {
      problems.push({ path: ['dataset', split, 'dates'], problem: `${dataset.kind} rows have no date column` });
    }
    if (typeof source !== 'string' && source.dates && source.dates[0] > source.dates[1]) {
      problems.push({ path: ['dataset', split, 'dates'], problem: `[${source.dates.join(', ')}] is empty: from must not be after to` });
    }
  }
  const knownTables = DATASET_TABLES[dataset.kind] ?? [];
  for (const name of Object.keys(dataset.tables ?? {})) {
    if (!knownTables.includes(name)) {
      const known = knownTables.length ? `tables: ${knownTables.join(', ')}` : 'it joins no tables';
      problems.push({ path: ['dataset', 'tables', name], problem: `not a table of ${dataset.kind} (${known})` });
    }
  }
  if (dataset.synthetic && dataset.kind !== 'synthetic-multitask') {
    problems.push({ path: ['dataset', 'synthetic'], problem: 'only for kind synthetic-multitask' });
  }
  const tasks = DATASET_TASKS[dataset.kind];
  spec.objectives?.forEach((objective, i) => {
    if (tasks && !tasks.includes(objective)) {
      problems.push({ path: ['objectives', i], problem: `"${objective}" is not a task of ${dataset.kind} (tasks: ${tasks.join(', ')})` });
    }
  });
  return problems;
}

/** Every sweep key must be a hyperparameter, and every value must pass its schema. */
function sweepProblems(spec: Spec, hyperSchema: z.ZodObject): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const [key, values] of Object.entries(spec.sweep?.grid ?? {})) {
    if (!(key in hyperSchema.shape)) {
      problems.push({ path: ['sweep', 'grid', key], problem: `not a hyperparameter of ${spec.algorithm} (known: ${Object.keys(hyperSchema.shape).join(', ')})` });
      continue;
    }
    values.forEach((value, i) => {
      const result = hyperSchema.safeParse({ ...spec.hyper, [key]: value });
      if (!result.success) problems.push({ path: ['sweep', 'grid', key, i], problem: result.error?.issues[0]?.message.replace(/^Invalid input: /, '') ?? 'invalid' });
    });
  }
  return problems;
}
