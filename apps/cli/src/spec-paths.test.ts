import { resolve } from 'node:path';

import { specSchema } from '@tradeoff/experiments';
import { describe, expect, it } from 'vitest';

import { absoluteDataPaths } from './spec-paths.ts';

describe('absoluteDataPaths', () => {
  it('makes relative paths of files here absolute and leaves data:, absolute and non-file sources alone', () => {
    const spec = specSchema.parse({
      name: 'paths',
      task: 'multitask',
      algorithm: 'mmoe',
      dataset: {
        kind: 'census',
        train: 'package.json',
        valid: { path: 'data:census-income/x.gz', rows: [0.8, 1] },
        test: { path: 'synthetic', rows: [0.8, 1] },
        tables: { users: 'tsconfig.json', missing: '/abs/users.csv' },
      },
    });
    const { dataset } = absoluteDataPaths(spec);
    expect(dataset.train).toBe(resolve('package.json'));
    expect(dataset.valid).toEqual({ path: 'data:census-income/x.gz', rows: [0.8, 1] });
    expect(dataset.test).toEqual({ path: 'synthetic', rows: [0.8, 1] });
    expect(dataset.tables).toEqual({ users: resolve('tsconfig.json'), missing: '/abs/users.csv' });
  });
});
