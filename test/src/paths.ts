import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { testEnv } from './env.ts';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const cliBin = join(repoRoot, 'apps', 'cli', 'bin', 'tradeoff.mjs');
export const examplesDir = join(repoRoot, 'examples');

export const dataDir = resolve(testEnv.TRADEOFF_DATA_DIR ?? join(repoRoot, '..', 'shared', 'data'));
export const censusFile = join(dataDir, 'census-income', 'census-income.test.part1_of_2.data.gz');
export const hasCensus = existsSync(censusFile);
