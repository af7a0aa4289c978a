import { describe, expect, test } from 'vitest';

import { formatJson } from './format-json';

describe('formatJson', () => {
  const spec = {
    name: 'a "quoted", name',
    dataset: { kind: 'census', train: { path: 'x.csv', rows: [0, 0.8] }, tables: {} },
    hyper: { units: [64, 32], weights: { income: 1 }, nested: [{ a: 1 }, { b: [true, null] }], empty: [] },
    seed: 0,
  };

  test('is JSON that parses back to the same value', () => {
    expect(JSON.parse(formatJson(spec))).toEqual(spec);
  });

  test('puts arrays of scalars on one line and indents objects', () => {
    const text = formatJson(spec);
    expect(text).toContain('"rows": [0, 0.8]');
    expect(text).toContain('"units": [64, 32]');
    expect(text).toContain('\n    "train": {\n      "path": "x.csv",');
    expect(text).toContain('"tables": {}');
  });

  test('drops undefined properties like JSON.stringify', () => {
    expect(formatJson({ a: undefined, b: 1 })).toBe('{\n  "b": 1\n}');
  });
});
