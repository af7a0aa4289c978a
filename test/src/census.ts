import { join } from 'node:path';

import { loadSpecFile, type Spec } from '@tradeoff/experiments';

import { examplesDir } from './paths.ts';

/** The census example with overrides (`path=value`, as `--set` takes them), to keep test runs short. */
export function censusSpec(sets: string[] = []): Promise<Spec> {
  return loadSpecFile(join(examplesDir, 'census-mmoe.json'), sets);
}
