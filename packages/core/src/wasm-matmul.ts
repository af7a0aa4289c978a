import * as tf from '@tensorflow/tfjs';

/**
 * The wasm backend's matmul kernels run ~10x slower when asked to transpose an operand, and the
 * backward pass of every dense layer asks exactly that. These wrappers transpose explicitly with
 * the wasm Transpose kernel and call the original kernel untransposed (≈4x faster training).
 */
const KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;
let installed = false;

type KernelArgs = Parameters<tf.KernelFunc>[0];
interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

export function speedUpWasmMatMul(): void {
  if (installed) return;
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!transpose) return;
  for (const kernelName of KERNELS) {
    const original = tf.getKernel(kernelName, 'wasm');
    if (!original) continue;
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({
      ...original,
      kernelFunc: (args: KernelArgs) => {
        const attrs = args.attrs as unknown as MatMulAttrs;
        if (!attrs.transposeA && !attrs.transposeB) return original.kernelFunc(args);
        const inputs = { ...args.inputs } as Record<string, tf.TensorInfo>;
        const temporary: tf.TensorInfo[] = [];
        for (const [key, flag] of [['a', attrs.transposeA], ['b', attrs.transposeB]] as const) {
          const x = inputs[key];
          if (!flag || !x) continue;
          const rank = x.shape.length;
          const perm = [...Array(rank).keys()];
          [perm[rank - 2], perm[rank - 1]] = [rank - 1, rank - 2];
          const t = transpose.kernelFunc({ inputs: { x }, backend: args.backend, attrs: { perm } }) as tf.TensorInfo;
          temporary.push(t);
          inputs[key] = t;
        }
        const out = original.kernelFunc({
          ...args,
          inputs,
          attrs: { ...args.attrs, transposeA: false, transposeB: false },
        });
        const backend = args.backend as tf.KernelBackend;
        for (const t of temporary) backend.disposeData(t.dataId);
        return out;
      },
    });
  }
  installed = true;
}
