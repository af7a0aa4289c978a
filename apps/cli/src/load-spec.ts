import { loadSpecFile, type Spec } from '@tradeoff/experiments';

import { CliError, EXIT } from './cli-error.ts';

/**
 * Reads and validates a spec file with its `--set` overrides. Any failure here is bad input
 * (exit 2); the SpecError message already names the file and the field.
 */
export async function loadSpec(path: string, sets: string[]): Promise<Spec> {
  try {
    return await loadSpecFile(path, sets);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT.badInput);
  }
}

/** Commander collector for repeatable `--set path=value`. */
export function collectSet(value: string, previous: string[]): string[] {
  return [...previous, value];
}
