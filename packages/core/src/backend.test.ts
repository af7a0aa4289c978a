import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { activeBackend, initBackend } from './backend';
import { BACKEND_NAMES } from './backend-names';
import { hasNativeKernels } from './engine';

/** Runs a snippet in a fresh Node process (the backend is chosen once per process). */
function inFreshProcess(code: string): string {
  const index = fileURLToPath(new URL('./index.ts', import.meta.url));
  const script = `const core = await import(${JSON.stringify(index)});\n${code}`;
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd });
}

describe('initBackend', () => {
  it('fails clearly when a forced native binding cannot load, then falls back in preference order', async () => {
    const logs: string[] = [];
    let nodeLoaded = true;
    try {
      await initBackend({ force: 'node' });
    } catch (error) {
      nodeLoaded = false;
      expect(String(error)).toMatch(/tfjs backend node is not available/);
    }
    if (nodeLoaded) {
      expect(activeBackend()).toBe('node');
      return;
    }
    expect(activeBackend()).toBeNull();
    const chosen = await initBackend({ log: (m) => logs.push(m) });
    expect(BACKEND_NAMES).toContain(chosen);
    expect(chosen).not.toBe('node');
    expect(activeBackend()).toBe(chosen);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(new RegExp(`^tfjs backend: ${chosen}`));
    expect(logs[0]).toMatch(/skipped node-gpu: .*; node: /);
    expect(tf.add(tf.tensor1d([1, 2]), 1).arraySync()).toEqual([2, 3]);
    // The choice is made once per process.
    expect(await initBackend()).toBe(chosen);
    await expect(initBackend({ force: chosen === 'cpu' ? 'wasm' : 'cpu' })).rejects.toThrow(/already initialised/);
  });

  it('can be forced to cpu and to wasm, logging the forced choice', { timeout: 60_000 }, () => {
    for (const name of ['cpu', 'wasm'] as const) {
      const out = inFreshProcess(
        `const name = await core.initBackend({ force: '${name}', log: (m) => console.log(m) });` +
          `console.log('active=' + core.activeBackend() + ' tf=' + (await import('@tensorflow/tfjs')).getBackend());`,
      );
      expect(out).toContain(`tfjs backend: ${name} (forced)`);
      expect(out).toContain(`active=${name} tf=${name}`);
    }
  });

  it.skipIf(!hasNativeKernels())('runs the native GEMM on one thread unless asked for more', () => {
    const addon = JSON.stringify(fileURLToPath(new URL('./engine/native-addon.ts', import.meta.url)));
    const threads = (options: string) => Number(inFreshProcess(`await core.initBackend({ force: 'wasm'${options} });\nconsole.log((await import(${addon})).nativeAddon().threads());`).trim().split('\n').at(-1));
    expect(threads('')).toBe(1);
    expect(threads(', nativeThreads: 2')).toBe(2);
  });
});
