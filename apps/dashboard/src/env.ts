import { z } from 'zod';

/**
 * The dashboard's environment, parsed once. `tradeoff start` launches `next start` with the
 * store's DATABASE_URL (the embedded PGlite server's URL or the user's Postgres).
 */
const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL (tradeoff start sets it)'),
});

export type ServerEnv = z.infer<typeof envSchema>;

let parsed: ServerEnv | undefined;

/** Read on first use: `next build` runs without the store's environment. */
export function serverEnv(): ServerEnv {
  parsed ??= envSchema.parse(process.env);
  return parsed;
}
