import { z } from 'zod';

const unsetWhenEmpty = (v: unknown) => (v === '' ? undefined : v);

const dbEnvSchema = z.object({
  /** A Postgres URL; when unset the store is an embedded PGlite under TRADEOFF_HOME. */
  DATABASE_URL: z.preprocess(unsetWhenEmpty, z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional()),
  /** Where the embedded store keeps its data; default `<cwd>/.tradeoff`. */
  TRADEOFF_HOME: z.preprocess(unsetWhenEmpty, z.string().optional()),
});

export type DbEnv = z.infer<typeof dbEnvSchema>;

let parsed: DbEnv | undefined;

/** The store's settings from the environment, parsed once. */
export function dbEnv(): DbEnv {
  parsed ??= dbEnvSchema.parse(process.env);
  return parsed;
}
