import { BACKEND_NAMES } from '@tradeoff/core/pure';
import { defaultDataRoot } from '@tradeoff/data';
import { z } from 'zod';

const envSchema = z.object({
  /** Root for `data:` paths in specs (default `<repo>/../shared/data`). */
  TRADEOFF_DATA_DIR: z.string().min(1).optional(),
  /** Force a TensorFlow.js backend instead of the first that loads. */
  TRADEOFF_BACKEND: z.enum(BACKEND_NAMES).optional(),
});

export interface ExperimentsEnv {
  dataRoot: string;
  backend: z.infer<typeof envSchema>['TRADEOFF_BACKEND'];
}

let parsed: ExperimentsEnv | undefined;

/** The environment this package reads, parsed once. */
export function experimentsEnv(): ExperimentsEnv {
  if (parsed) return parsed;
  const result = envSchema.safeParse(process.env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`environment: ${issue?.path.join('.')}: ${issue?.message.replace(/^Invalid input: /, '')}`);
  }
  parsed = { dataRoot: result.data.TRADEOFF_DATA_DIR ?? defaultDataRoot(), backend: result.data.TRADEOFF_BACKEND };
  return parsed;
}
