import { describe, expect, it } from 'vitest';

import { frontObjectiveIndex } from './front-match';

describe('frontObjectiveIndex', () => {
  it('matches a metric to a front objective by name or by its last segment', () => {
    expect(frontObjectiveIndex('click', ['click', 'watch'])).toBe(0);
    expect(frontObjectiveIndex('test/ndcg@10/watch', ['click', 'watch'])).toBe(1);
    expect(frontObjectiveIndex('test/ndcg@10/like', ['click', 'watch'])).toBe(-1);
  });
});
