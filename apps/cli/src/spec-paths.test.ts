import { resolve } from 'node:path';

import { specSchema } from '@tradeoff/experiments';
import { describe, expect, it } from 'vitest';

import { absoluteDataPaths } from './spec-paths.ts';

describe('absoluteDataPaths', () => {
  it('resolves relative paths against the cwd and keeps data: and absolute ones', () => {
    const spec = specSchema.parse({
      name: 'paths',
      task: 'multitask',
      algorithm: 'mmoe',
      dataset: {
        kind: 'census',
        train: 'local/train.csv',
        valid: { path: 'data:census-income/x.gz', rows: [0.8, 1] },
        test: '/abs/test.csv',
        tables: { users: 'users.csv' },
      },
    });
    const { dataset } = absoluteDataPaths(spec);
    expect(dataset.train).toBe(resolve('local/train.csv'));
    expect(dataset.valid).toEqual({ path: 'data:census-income/x.gz', rows: [0.8, 1] });
    expect(dataset.test).toBe('/abs/test.csv');
    expect(dataset.tables).toEqual({ users: resolve('users.csv') });
  });
});
