import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { enabledNativeAddon } from './native-addon';
import { heapOf, offsetOf } from './wasm-heap';

/** The scalars of one Adam step, bias corrections already folded in (as PyTorch does). */
export interface AdamCoefficients {
  beta1: number;
  beta2: number;
  epsilon: number;
  /** learningRate / (1 - beta1^t) */
  stepSize: number;
  /** sqrt(1 - beta2^t) */
  secondCorrection: number;
  /** 1 - learningRate * weightDecay (1 without decay) */
  decay: number;
}

/** True when every tensor lives on the wasm backend as float32, so the fused step applies. */
export function canFuseAdam(tensors: readonly tf.Tensor[]): boolean {
  return tf.getBackend() === 'wasm' && tensors.every((t) => t.dtype === 'float32');
}

/**
 * One Adam update of x, m and v from gradient g on the wasm heap: a single pass over the arrays
 * (native when installWasmKernelFixes enabled the addon, else in JS) instead of about ten tfjs
 * ops (and their temporaries) per variable. The moments are updated in place (their storage is
 * first copied when shared with another tensor, as after a clone or a restore). The new x goes
 * to fresh storage that x is then assigned: kernels cache work keyed by a tensor's storage
 * (XNNPACK's packed matmul weights), which an in-place change would leave stale.
 */
export function fusedAdamStep(variables: { x: tf.Variable; m: tf.Variable; v: tf.Variable; g: tf.Tensor }, c: AdamCoefficients): void {
  const backend = tf.backend() as BackendWasm;
  const { x, m, v, g } = variables;
  owned(backend, m);
  owned(backend, v);
  const next = backend.makeOutput(x.shape, 'float32');
  const addon = enabledNativeAddon();
  if (addon) {
    const offset = (t: tf.TensorInfo) => offsetOf(backend, t);
    const { beta1, beta2, epsilon, stepSize, secondCorrection, decay } = c;
    addon.adam(heapOf(backend), offset(x), offset(m), offset(v), offset(g), offset(next), x.size, beta1, beta2, epsilon, stepSize, secondCorrection, decay);
  } else {
    adamLoop(backend, { x, m, v, g }, next, c);
  }
  assignInfo(x, next);
}

type AdamTensors = { x: tf.Tensor; m: tf.Tensor; v: tf.Tensor; g: tf.Tensor };

function adamLoop(backend: BackendWasm, { x, m, v, g }: AdamTensors, next: tf.TensorInfo, c: AdamCoefficients): void {
  // Views are taken after every allocation: growing the heap detaches earlier ones.
  const xs = backend.typedArrayFromHeap(x) as Float32Array;
  const out = backend.typedArrayFromHeap(next) as Float32Array;
  const ms = backend.typedArrayFromHeap(m) as Float32Array;
  const vs = backend.typedArrayFromHeap(v) as Float32Array;
  const gs = backend.typedArrayFromHeap(g) as Float32Array;
  const { beta1, beta2, epsilon, stepSize, secondCorrection, decay } = c;
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  for (let i = 0; i < xs.length; i++) {
    const gi = gs[i]!;
    const mi = beta1 * ms[i]! + oneMinusBeta1 * gi;
    const vi = beta2 * vs[i]! + oneMinusBeta2 * gi * gi;
    ms[i] = mi;
    vs[i] = vi;
    out[i] = decay * xs[i]! - (stepSize * mi) / (Math.sqrt(vi) / secondCorrection + epsilon);
  }
}

/** Makes `info` (fresh storage) the variable's value. */
function assignInfo(variable: tf.Variable, info: tf.TensorInfo): void {
  const tensor = tf.engine().makeTensorFromTensorInfo(info);
  variable.assign(tensor);
  tensor.dispose();
}

/** Gives `variable` storage of its own when its data is shared with another tensor. */
function owned(backend: BackendWasm, variable: tf.Variable): void {
  if (backend.refCount(variable.dataId) <= 1) return;
  const copy = backend.makeOutput(variable.shape, 'float32');
  (backend.typedArrayFromHeap(copy) as Float32Array).set(backend.typedArrayFromHeap(variable) as Float32Array);
  assignInfo(variable, copy);
}
