import { KUAIRAND_OBJECTIVES } from '@tradeoff/data';
import { z } from 'zod';
import { defaultObjectives } from '../../datasets/dataset-tasks';
import type { AlgorithmInfo, SpecProblem } from '../../registry';
import type { TrainerModule } from '../../run-types';
import type { Spec, SpecInput } from '../../spec';

/** Multi-task predictors a fusion run can stand on. */
export const FUSION_PREDICTORS = ['mohn', 'mmoe', 'ple', 'shared-bottom'] as const;

/** The stage-1 predictor: trained once per (algorithm, hyper, data, objectives, seed) and cached. */
export const predictorSchema = z
  .object({
    algorithm: z.enum(FUSION_PREDICTORS).default('mohn'),
    /** The predictor's own hyperparameters (its registry schema fills the defaults). */
    hyper: z.record(z.string(), z.unknown()).default({}),
    seed: z.number().int().min(0).default(0),
    /** Trained predictors are kept here under the hash of their spec, relative to the working directory. */
    cacheDir: z.string().min(1).default('.tradeoff/cache/predictors'),
  })
  .strict();

/** Settings every fusion run shares: predictor, goal, request grouping, Pareto sweep, simulator. */
export const fusionPipelineShape = {
  predictor: predictorSchema.prefault({}),
  /** Objective -> weight of the composite (test/composite); unlisted objectives weigh 0, an empty map means equal weights. */
  preference: z.record(z.string(), z.number().min(0)).default({}),
  /**
   * The last days of the train range fit the policy and are held out from the predictor, so the
   * policy learns from out-of-sample predictions; 0 fits both on the whole range.
   */
  policyDays: z.number().int().min(0).max(30).default(2),
  /** NDCG and prior cut-off. */
  k: z.number().int().min(1).max(100).default(10),
  form: z.enum(['sum', 'product']).default('sum'),
  /** A gap this long between one user's impressions starts a new request. */
  requestGapMinutes: z.number().positive().max(24 * 60).default(30),
  historySteps: z.number().int().min(1).max(200).default(20),
  /** Requests with fewer candidates rank nothing and are left out. */
  minCandidates: z.number().int().min(2).max(100).default(2),
  /** The Pareto sweep's preference grid: steps of 1/frontDivisions. */
  frontDivisions: z.number().int().min(1).max(20).default(10),
  simulator: z
    .object({
      repeats: z.number().int().min(1).max(100).default(5),
      seed: z.number().int().min(0).default(0),
    })
    .strict()
    .prefault({}),
};

const pipelineSchema = z.object(fusionPipelineShape).strict();
export type FusionPipelineHyper = z.infer<typeof pipelineSchema>;

/** The hyper schema of a fusion algorithm: the pipeline settings plus the policy's own under `policy`. */
export function fusionHyperSchema<P extends z.ZodObject>(policy: P) {
  return z.object({ ...fusionPipelineShape, policy: policy.prefault({} as z.input<P>) }).strict();
}

/** The objectives a fusion spec ranks by (the spec's, else the data set's defaults). */
export function fusionObjectives(spec: Spec): string[] {
  return spec.objectives ?? defaultObjectives(spec.dataset.kind);
}

/** The composite's objective weights, normalised; equal when the spec gives none. */
export function fusionPreference(spec: Spec, hyper: Pick<FusionPipelineHyper, 'preference'>): Float32Array {
  const objectives = fusionObjectives(spec);
  const given = objectives.map((o) => hyper.preference[o] ?? 0);
  const total = given.reduce((a, b) => a + b, 0);
  return Float32Array.from(total > 0 ? given.map((w) => w / total) : objectives.map(() => 1 / objectives.length));
}

function checkFusion(spec: Spec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const objectives = fusionObjectives(spec);
  objectives.forEach((name, i) => {
    const known = KUAIRAND_OBJECTIVES[name];
    if (!known) problems.push({ path: ['objectives', i], problem: `not a KuaiRand signal (signals: ${Object.keys(KUAIRAND_OBJECTIVES).join(', ')})` });
    else if (known.type !== 'binary') problems.push({ path: ['objectives', i], problem: `fusion ranks by binary signals; ${name} is a ${known.type} target` });
  });
  const preference = (spec.hyper.preference ?? {}) as Record<string, number>;
  for (const name of Object.keys(preference)) {
    if (!objectives.includes(name)) problems.push({ path: ['hyper', 'preference', name], problem: `not one of the objectives (${objectives.join(', ')})` });
  }
  if (!spec.dataset.valid) problems.push({ path: ['dataset', 'valid'], problem: 'fusion policies select on a validation split: give one (e.g. a later date range of the same log)' });
  const sources = { train: spec.dataset.train, valid: spec.dataset.valid, test: spec.dataset.test };
  const first = typeof spec.dataset.train === 'string' ? spec.dataset.train : spec.dataset.train.path;
  for (const [split, source] of Object.entries(sources)) {
    if (source === undefined) continue;
    if (typeof source === 'string' || !source.dates || source.rows) {
      problems.push({ path: ['dataset', split], problem: 'fusion splits are date ranges of one log: { "path": ..., "dates": [from, to] } without "rows"' });
    } else if (source.path !== first) {
      problems.push({ path: ['dataset', split, 'path'], problem: `every split must read the same log as train (${first}): history crosses split boundaries` });
    }
  }
  return problems;
}

const LOG = 'data:kuairand-pure/log_standard_2022-04-25_to_2022-05-04_pure.csv.gz';

/** The MoHN of examples/kuairand-mohn.json. */
const EXAMPLE_PREDICTOR_HYPER = { bottomUnits: [128, 32], stateUnits: 8, attentionUnits: 8, towerUnits: 16, embeddingDim: 16, minCount: 3, epochs: 3, batchSize: 512, learningRate: 0.001 };

/** The shared KuaiRand split: train 04-25..05-02, valid 05-03, test 05-04. */
export function kuairandFusionExample(algorithm: string, title: string, policy: Record<string, unknown> = {}): SpecInput {
  return {
    name: `${title} fusion on KuaiRand-Pure`,
    task: 'fusion',
    algorithm,
    dataset: {
      kind: 'kuairand',
      train: { path: LOG, dates: ['20220425', '20220502'] },
      valid: { path: LOG, dates: ['20220503', '20220503'] },
      test: { path: LOG, dates: ['20220504', '20220504'] },
      tables: { users: 'data:kuairand-pure/user_features_pure.csv.gz', videos: 'data:kuairand-pure/video_features_basic_pure.csv.gz' },
    },
    objectives: ['click', 'long_view', 'like'],
    hyper: { predictor: { algorithm: 'mohn', hyper: EXAMPLE_PREDICTOR_HYPER }, preference: { click: 0.4, long_view: 0.4, like: 0.2 }, policy },
    seed: 0,
  };
}

/** A registry entry for a fusion policy; they all share the fusion trainer. */
export function fusionAlgorithm(info: Pick<AlgorithmInfo, 'name' | 'title' | 'description' | 'exampleSpec'> & { policySchema: z.ZodObject }): AlgorithmInfo {
  const { policySchema, ...rest } = info;
  return {
    ...rest,
    task: 'fusion',
    hyperSchema: fusionHyperSchema(policySchema),
    datasetKinds: ['kuairand'],
    check: checkFusion,
    // The comments keep bundlers (Next) from pulling TensorFlow.js into apps that only read the registry.
    loadTrainer: async () => (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '../../trainers/fusion/train.ts')) as TrainerModule,
  };
}
