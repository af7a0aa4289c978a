import { emailInput } from '@tradeoff/api';
import { z } from 'zod';

/** The CLI's environment, parsed once; command flags take precedence over it. */
export const cliEnvSchema = z.object({
  /** Postgres URL of the experiment store; unset means the embedded store under TRADEOFF_HOME. */
  DATABASE_URL: z.string().url().optional(),
  TRADEOFF_HOME: z.string().min(1).optional(),
  /** Base URL of a running Tradeoff server, for `launch` through the API instead of the store. */
  TRADEOFF_URL: z.string().url().optional(),
  TRADEOFF_TOKEN: z.string().min(1).optional(),
  /** The first admin `tradeoff start` creates when no account can sign in yet. */
  TRADEOFF_ADMIN_EMAIL: emailInput.default('admin@localhost'),
  /** That admin's password; a random one (printed once) when unset. */
  TRADEOFF_ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type CliEnv = z.infer<typeof cliEnvSchema>;

let parsed: CliEnv | undefined;

export function cliEnv(): CliEnv {
  parsed ??= cliEnvSchema.parse(process.env);
  return parsed;
}
