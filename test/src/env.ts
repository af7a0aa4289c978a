import { z } from 'zod';

/** The tests' environment, parsed once. */
export const testEnv = z
  .object({
    /** The shared real data; default `<repo>/../shared/data`. */
    TRADEOFF_DATA_DIR: z.string().min(1).optional(),
    /** The browser of the end-to-end tests. */
    TRADEOFF_CHROMIUM: z.string().default('/usr/bin/chromium'),
  })
  .parse(process.env);
