import { z } from 'zod';

/** The tests' environment, parsed once. */
export const testEnv = z
  .object({
    /** The shared real data; default `<repo>/../shared/data`. */
    TRADEOFF_DATA_DIR: z.string().min(1).optional(),
    /** Server of the real-Postgres cases; they are skipped when it does not answer. */
    TRADEOFF_TEST_POSTGRES_URL: z.string().default('postgres://postgres@127.0.0.1:5432/test'),
    /** The browser of the end-to-end tests. */
    TRADEOFF_CHROMIUM: z.string().default('/usr/bin/chromium'),
  })
  .parse(process.env);
