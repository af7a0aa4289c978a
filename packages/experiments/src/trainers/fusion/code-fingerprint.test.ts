import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashSources, predictorCodeFingerprint } from './code-fingerprint';

describe('predictor code fingerprint', () => {
  const root = mkdtempSync(join(tmpdir(), 'tradeoff-fingerprint-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('changes with a source file, and not with tests, other files or node_modules', () => {
    mkdirSync(join(root, 'models'));
    mkdirSync(join(root, 'node_modules'));
    writeFileSync(join(root, 'models', 'mohn.ts'), 'export const units = 16;');
    const before = hashSources([root]);
    writeFileSync(join(root, 'models', 'mohn.test.ts'), 'test');
    writeFileSync(join(root, 'README.md'), 'notes');
    writeFileSync(join(root, 'node_modules', 'dep.js'), 'dependency');
    expect(hashSources([root])).toBe(before);
    writeFileSync(join(root, 'models', 'mohn.ts'), 'export const units = 32;');
    expect(hashSources([root])).not.toBe(before);
  });

  it('fingerprints the installed core, data and experiments sources', () => {
    expect(predictorCodeFingerprint()).toMatch(/^[0-9a-f]{16}$/);
    expect(predictorCodeFingerprint()).toBe(predictorCodeFingerprint());
  });
});
