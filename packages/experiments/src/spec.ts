import { logColumnMappingSchema } from '@tradeoff/data';
import { z } from 'zod';

/**
 * A data file, optionally narrowed. Paths starting with `data:` resolve against the data root
 * (`TRADEOFF_DATA_DIR`, default `<repo>/../shared/data`); other relative paths against the cwd.
 */
export const dataSourceSchema = z.union([
  z.string().min(1),
  z
    .object({
      path: z.string().min(1),
      /** Inclusive date range (YYYYMMDD) for logs with a date column. */
      dates: z.tuple([z.string().regex(/^\d{8}$/), z.string().regex(/^\d{8}$/)]).optional(),
      /** Half-open fraction range of the file's rows, e.g. [0, 0.8] for the first 80%. */
      rows: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).optional(),
      /** Half-open fraction range of a dialogue file's ids in hash order, e.g. [0.9, 1] for the test tenth. */
      dialogues: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).optional(),
    })
    .strict(),
]);
export type DataSource = z.infer<typeof dataSourceSchema>;

/** Size and seed of the generated set behind kind `synthetic-multitask`. */
export const syntheticSchema = z
  .object({
    rows: z.number().int().min(100).max(5_000_000).default(20_000),
    seed: z.number().int().min(0).default(0),
  })
  .strict();

export const datasetSchema = z
  .object({
    kind: z.enum(['census', 'kuairand', 'synthetic-multitask', 'multiwoz']),
    train: dataSourceSchema,
    valid: dataSourceSchema.optional(),
    test: dataSourceSchema,
    /** Leave out malformed rows (counted and logged) instead of failing on the first one. */
    skipBadRows: z.boolean().default(false),
    /** Extra tables a kind needs (e.g. KuaiRand user/video features). */
    tables: z.record(z.string(), z.string()).optional(),
    /** Kind `kuairand`: how another impression log's columns map onto the KuaiRand log schema. */
    columns: logColumnMappingSchema.optional(),
    /** The generated set behind kind `synthetic-multitask` (whose sources use the path `synthetic`). */
    synthetic: syntheticSchema.optional(),
  })
  .strict();
export type DatasetSpec = z.infer<typeof datasetSchema>;
export type DatasetKind = DatasetSpec['kind'];

export const taskSchema = z.enum(['multitask', 'fusion', 'dialogue']);

/** The experiment spec: one schema for the API, the CLI, the worker and the dashboard's form. */
export const specSchema = z
  .object({
    name: z.string().min(1).max(200),
    task: taskSchema,
    algorithm: z.string().min(1),
    dataset: datasetSchema,
    objectives: z.array(z.string().min(1)).min(1).optional(),
    /** Algorithm hyperparameters; validated further by the algorithm's own schema in the registry. */
    hyper: z.record(z.string(), z.unknown()).default({}),
    seed: z.number().int().min(0).default(0),
    /** Grid sweep: hyper path -> values; one run per combination (and per seed in `seeds`). */
    sweep: z
      .object({
        grid: z.record(z.string(), z.array(z.union([z.number(), z.string(), z.boolean()])).min(1)).default({}),
        seeds: z.array(z.number().int().min(0)).min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Spec = z.infer<typeof specSchema>;
export type SpecInput = z.input<typeof specSchema>;
