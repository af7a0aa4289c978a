import type * as tfjs from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { broadcastShape, sizeOf } from './kernel-registry';
import { matMulShapes } from './matmul-shapes';
import { GEMM_FLAGS, type NativeAddon } from './native-addon';
import { heapOf, offsetOf } from './wasm-heap';

type KernelArgs = Parameters<tfjs.KernelFunc>[0];
interface MatMulInputs {
  a: tfjs.TensorInfo;
  b: tfjs.TensorInfo;
  bias?: tfjs.TensorInfo;
  preluActivationWeights?: tfjs.TensorInfo;
}
interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation?: string;
}

/** Activations the native epilogue applies; others (sigmoid, prelu, ...) go to the fallback. */
const ACTIVATION_FLAGS: Partial<Record<string, number>> = { linear: 0, relu: GEMM_FLAGS.relu };

/**
 * BatchMatMul/_FusedMatMul by the native GEMM, reading and writing tensors in place on the wasm
 * heap: transposed operands are read with strides (no copies) and bias + relu are applied as
 * each output tile is stored. Cases it does not cover go to `fallback`: other dtypes or
 * activations, a bias not of shape [n], batch shapes other than equal or one of them 1.
 */
export function nativeMatMul(addon: NativeAddon, fallback: tfjs.KernelFunc): tfjs.KernelFunc {
  return (args: KernelArgs) => {
    const { a, b, bias, preluActivationWeights } = args.inputs as unknown as MatMulInputs;
    const { transposeA, transposeB, activation = 'linear' } = args.attrs as unknown as MatMulAttrs;
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return fallback(args);
    const { m, k, kB, n, outerA, outerB, batchA, batchB, sameOuter } = matMulShapes(a, b, transposeA, transposeB);
    const activationFlag = ACTIVATION_FLAGS[activation];
    const biasFits = !bias || (bias.dtype === 'float32' && bias.shape.length === 1 && bias.shape[0] === n);
    if (k !== kB || activationFlag === undefined || preluActivationWeights || !biasFits || !(sameOuter || batchA === 1 || batchB === 1)) {
      return fallback(args);
    }

    const backend = args.backend as BackendWasm;
    const out = backend.makeOutput([...broadcastShape(outerA, outerB), m, n], 'float32');
    if (sizeOf(out.shape) === 0) return out;
    const offset = (t: tfjs.TensorInfo) => offsetOf(backend, t);
    const flags = (transposeA ? GEMM_FLAGS.transposeA : 0) | (transposeB ? GEMM_FLAGS.transposeB : 0) | activationFlag;
    addon.gemm(heapOf(backend), offset(a), offset(b), offset(out), bias ? offset(bias) : -1, batchA, batchB, m, n, k, flags);
    return out;
  };
}
