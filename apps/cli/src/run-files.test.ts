import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { defaultRunDir, readFiles, writeFiles } from './run-files.ts';

describe('run files', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes nested model files and reads back the same bytes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tradeoff-cli-'));
    const files = {
      'model.json': new TextEncoder().encode('{"format":"layers-model"}'),
      'weights/group1.bin': new Uint8Array([0, 1, 2, 255]),
    };
    await writeFiles(join(dir, 'model'), files);
    expect(await readFiles(join(dir, 'model'))).toEqual(files);
  });

  it('refuses a file name that escapes the directory', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tradeoff-cli-'));
    await expect(writeFiles(join(dir, 'model'), { '../escape.bin': new Uint8Array([1]) })).rejects.toThrow(/outside/);
  });

  it('names the default output after the spec and the time', () => {
    const path = defaultRunDir('census MMoE/v1', new Date('2026-01-02T03:04:05.678Z'));
    expect(path).toMatch(/runs\/census-MMoE-v1-20260102T030405Z$/);
  });
});
