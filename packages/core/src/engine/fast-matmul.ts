import type * as tfjs from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { broadcastShape, type KernelRegistry, sizeOf } from './kernel-registry';
import { matMulShapes } from './matmul-shapes';

/**
 * The wasm BatchMatMul/_FusedMatMul kernels reach XNNPACK only for one untransposed product
 * (batch 1, transposeA = transposeB = false); everything else runs a scalar loop 10-50x slower.
 * The backward pass of every dense layer asks for transposed products, so these wrappers
 * rewrite each call into XNNPACK-shaped ones:
 * - transposes become explicit Transpose kernels (a copy: far cheaper than the scalar loop);
 * - a batch of products with one shared right operand is folded into a single product;
 * - a few large independent products are run one by one.
 * Batches of small products (e.g. gate-weighted sums of experts) stay on the stock loop: there
 * XNNPACK's per-call overhead would dominate, and a plain JS loop measured no faster.
 */

type KernelArgs = Parameters<tfjs.KernelFunc>[0];
type Transpose = (x: tfjs.TensorInfo, backend: BackendWasm) => tfjs.TensorInfo;

/** Smallest product (multiply-adds) worth a separate XNNPACK call when splitting a batch. */
const SPLIT_MIN_MACS = 1 << 16;

function matMulKernel(original: tfjs.KernelFunc, transposeLastTwo: Transpose, fused: boolean): tfjs.KernelFunc {
  return (args: KernelArgs) => {
    const backend = args.backend as BackendWasm;
    const { a, b } = args.inputs as { a: tfjs.TensorInfo; b: tfjs.TensorInfo };
    const attrs = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return original(args);
    const { m, k, n, outerA, outerB, batchA, batchB, sameOuter } = matMulShapes(a, b, attrs.transposeA, attrs.transposeB);
    if (!attrs.transposeA && !attrs.transposeB && batchA === 1 && batchB === 1) return original(args); // XNNPACK already
    const fold = batchB === 1;
    const split = !fold && (sameOuter || batchA === 1) && m * k * n >= SPLIT_MIN_MACS && !(fused && args.inputs.preluActivationWeights);
    if (!fold && !split) return original(args);

    const outShape = [...broadcastShape(outerA, outerB), m, n];
    const temporary: tfjs.TensorInfo[] = [];
    const untransposed = (x: tfjs.TensorInfo, transposed: boolean): tfjs.TensorInfo => {
      if (!transposed) return x;
      const t = transposeLastTwo(x, backend);
      temporary.push(t);
      return t;
    };
    const left = untransposed(a, attrs.transposeA);
    const right = untransposed(b, attrs.transposeB);
    const product = (x: tfjs.TensorInfo, y: tfjs.TensorInfo) =>
      original({
        ...args,
        inputs: { ...args.inputs, a: x, b: y },
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      }) as tfjs.TensorInfo;

    let out: tfjs.TensorInfo;
    if (fold) {
      // [batch, m, k] x [k, n] is one [batch*m, k] x [k, n] product with the same memory layout.
      out = product({ ...left, shape: [1, batchA * m, k] }, { ...right, shape: [1, k, n] });
    } else {
      const batch = Math.max(batchA, batchB);
      out = backend.makeOutput([batch, m, n], 'float32');
      for (let i = 0; i < batch; i++) {
        const x = batchA === 1 ? undefined : copyBlock(backend, left, i, [1, m, k]);
        const y = copyBlock(backend, right, i, [1, k, n]);
        const z = product(x ?? { ...left, shape: [1, m, k] }, y);
        backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(z), i * m * n);
        for (const t of [x, y, z]) if (t) backend.disposeData(t.dataId);
      }
    }
    for (const t of temporary) backend.disposeData(t.dataId);
    return { ...out, shape: outShape };
  };
}

/** Copies block `index` of a batched tensor into a new tensor of `shape`. */
function copyBlock(backend: BackendWasm, x: tfjs.TensorInfo, index: number, shape: number[]): tfjs.TensorInfo {
  const block = backend.makeOutput(shape, x.dtype);
  const size = sizeOf(shape);
  backend.typedArrayFromHeap(block).set(backend.typedArrayFromHeap(x).subarray(index * size, (index + 1) * size));
  return block;
}

/** Wraps the stock wasm BatchMatMul (`fused` false) or _FusedMatMul kernel with the rewrites above. */
export function fastMatMul(tf: KernelRegistry): (original: tfjs.KernelFunc, fused: boolean) => tfjs.KernelFunc {
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!transpose) throw new Error('kernel Transpose is not registered on wasm');
  const transposeLastTwo: Transpose = (x, backend) => {
    const perm = x.shape.map((_, i) => i);
    perm.splice(-2, 2, perm.length - 1, perm.length - 2);
    return transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as tfjs.TensorInfo;
  };
  return (original, fused) => matMulKernel(original, transposeLastTwo, fused);
}
