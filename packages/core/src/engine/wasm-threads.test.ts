import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Runs a snippet in a fresh Node process (the wasm backend starts once per process). */
function inFreshProcess(code: string): string {
  const engine = fileURLToPath(new URL('./index.ts', import.meta.url));
  const core = fileURLToPath(new URL('../index.ts', import.meta.url));
  const compare = fileURLToPath(new URL('./compare-backends.ts', import.meta.url));
  const script = `const engine = await import(${JSON.stringify(engine)});\nconst core = await import(${JSON.stringify(core)});\nconst compare = await import(${JSON.stringify(compare)});\nconst tf = await import('@tensorflow/tfjs');\n${code}`;
  const cwd = fileURLToPath(new URL('../..', import.meta.url));
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd, timeout: 50_000 });
}

describe('startWasmWithThreads', () => {
  it('starts wasm with 2 XNNPACK threads in Node (initBackend wasmThreads), computes a dense layer and its gradients as cpu does, and lets the process exit', () => {
    const out = inFreshProcess(`
      await core.initBackend({ force: 'wasm', wasmThreads: 2 });
      const threads = (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount();
      // A layer big enough for XNNPACK to split its work between the threads.
      const layer = () => {
        const x = compare.normal([512, 96], 1);
        const w = compare.normal([96, 200], 2);
        const r = compare.normal([512, 200], 3);
        const f = (a, b) => tf.relu(tf.matMul(a, b));
        return [f(x, w), ...tf.grads((a, b) => tf.sum(tf.mul(f(a, b), r)))([x, w])];
      };
      const actual = await compare.onBackend('wasm', layer);
      const expected = await compare.onBackend('cpu', layer);
      console.log(JSON.stringify({ threads, errors: expected.map((e, i) => compare.relativeError(actual[i], e)) }));
    `);
    const { threads, errors } = JSON.parse(out.trim().split('\n').at(-1)!) as { threads: number; errors: number[] };
    expect(threads).toBe(2);
    expect(errors).toHaveLength(3);
    for (const error of errors) expect(error).toBeLessThan(1e-5);
  });

  it('refuses a bad thread count', () => {
    expect(() => inFreshProcess('await engine.startWasmWithThreads(0);')).toThrow(/expected a positive integer, got 0/);
  });
});
