// The inputs of the `tracking` procedures, shared by the router and the SDK of the client-only
// entry (`@tradeoff/api/client`, which uses their types): imports nothing but zod.
import { z } from 'zod';

import { metricKeySchema } from './metric-key.ts';
import { DEFAULT_PROJECT } from './project.ts';
import { MAX_ARTIFACT_BYTES, MAX_LOG_POINTS } from './tracking-limits.ts';

const paramValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

export const trackingStartRunInput = z.object({
  project: z.string().trim().min(1).max(100).default(DEFAULT_PROJECT),
  /** Created in the project on first use; later runs with the same name join it. */
  experiment: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200).optional(),
  /** Hyperparameters; shown as the run's hyperparameters in the dashboard. */
  params: z.record(z.string().min(1).max(200), paramValue).default({}),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  notes: z.string().max(10_000).optional(),
  seed: z.number().int().default(0),
});

/** Any number, NaN and ±Infinity included (a diverging loss is worth recording); checked in one pass. */
const numberArray = z.custom<number[]>(
  (v) => Array.isArray(v) && v.every((x) => typeof x === 'number'),
  'expected an array of numbers',
);

/** One metric's points, as columns: far cheaper to serialise and validate than one object per point. */
export const trackingSeriesInput = z
  .object({
    key: metricKeySchema,
    steps: z.array(z.number().int().min(0)),
    values: numberArray,
    /** Wall times in ms since the epoch; the server's clock when absent. */
    times: z.array(z.number()).optional(),
  })
  .refine((s) => s.values.length === s.steps.length && (s.times === undefined || s.times.length === s.steps.length), {
    message: 'steps, values and times must have the same length',
  });

export const trackingLogInput = z
  .object({ runId: z.string().min(1), series: z.array(trackingSeriesInput).min(1).max(10_000) })
  .refine((input) => input.series.reduce((n, s) => n + s.steps.length, 0) <= MAX_LOG_POINTS, {
    message: `at most ${MAX_LOG_POINTS} points per request`,
    path: ['series'],
  });

/** Decoded size of a base64 string, without decoding it. */
function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

export const trackingArtifactInput = z
  .object({
    runId: z.string().min(1),
    kind: z
      .string()
      .regex(/^[\w-]+$/, 'expected a word like "model" or "report"')
      .max(50)
      .default('artifact'),
    name: z.string().trim().min(1).max(200),
    step: z.number().int().min(0).optional(),
    files: z
      .array(z.object({ path: z.string().min(1).max(500), base64: z.base64() }))
      .min(1)
      .max(1000),
  })
  .refine((input) => input.files.reduce((n, f) => n + base64Bytes(f.base64), 0) <= MAX_ARTIFACT_BYTES, {
    message: `an artifact may hold at most ${MAX_ARTIFACT_BYTES} bytes`,
    path: ['files'],
  });

export const trackingEndRunInput = z.object({
  runId: z.string().min(1),
  status: z.enum(['finished', 'failed']),
  /** Final metrics, e.g. `{ "test/auc/income": 0.95 }`; what `tradeoff ci --baseline` compares against. */
  final: z.record(metricKeySchema, z.number()).default({}),
  error: z.string().max(10_000).optional(),
});
