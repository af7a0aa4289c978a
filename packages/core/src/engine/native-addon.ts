import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The optional native kernels built from packages/core/native by its install script (native/build.mjs). */
export interface NativeAddon {
  /**
   * For each of max(batchA, batchB) items, C = act(op(A) x op(B) + bias) on float32 operands
   * given as byte offsets into `heap`: A is [batchA][m x k] ([k x m] when transposed), B is
   * [batchB][k x n] ([n x k]), C is [batch][m x n]; a batch of 1 broadcasts; bias < 0: none.
   */
  gemm(heap: Uint8Array, a: number, b: number, c: number, bias: number, batchA: number, batchB: number, m: number, n: number, k: number, flags: number): void;
  /** out[o][i] = sum over r of x[o][r][i] for float32 x viewed as [outer][reduce][inner]. */
  sumAxis(heap: Uint8Array, x: number, out: number, outer: number, reduce: number, inner: number): void;
  /** Copies `rows` rows of `rowBytes` bytes; strides and offsets in bytes. */
  copyRows(heap: Uint8Array, src: number, srcStride: number, dst: number, dstStride: number, rows: number, rowBytes: number): void;
  /** out[o][j] = x[o][indices[j]] for x viewed as [outer][dim][rowBytes]; false (nothing written) when an index is out of range. */
  gatherRows(heap: Uint8Array, x: number, out: number, outer: number, dim: number, rowBytes: number, indices: number, count: number): boolean;
  /** out[s] = sum of float32 rows x[i] with ids[i] = s; ids outside [0, segments) are dropped. */
  segmentSum(heap: Uint8Array, x: number, ids: number, out: number, rows: number, rowSize: number, segments: number): void;
  /** One Adam step of `count` float32 values (see fused-adam.ts): m and v in place, the new x to `out`. */
  adam(
    heap: Uint8Array,
    x: number,
    m: number,
    v: number,
    g: number,
    out: number,
    count: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    stepSize: number,
    secondCorrection: number,
    decay: number,
  ): void;
  /** Sets the thread count of gemm when given (default: one per core); returns the count in effect. */
  threads(count?: number): number;
}

export const GEMM_FLAGS = { transposeA: 1, transposeB: 2, relu: 4 } as const;

// Built in the workspace only: the packed package has no native/ folder and always misses it.
const ADDON_PATH = fileURLToPath(new URL('../../native/build/Release/tradeoff_native.node', import.meta.url));

let addon: NativeAddon | null | undefined;

/** The native kernels, or undefined when they were not built or do not load here. */
export function nativeAddon(): NativeAddon | undefined {
  if (addon === undefined) {
    try {
      addon = createRequire(import.meta.url)(ADDON_PATH) as NativeAddon;
    } catch {
      addon = null;
    }
  }
  return addon ?? undefined;
}

/** True when the native kernels load, so installWasmKernelFixes can route kernels to them. */
export function hasNativeKernels(): boolean {
  return nativeAddon() !== undefined;
}

// Set by installWasmKernelFixes when it routes kernels to the addon; the fused Adam step follows it.
let enabled: NativeAddon | undefined;

export function enableNativeAddon(addon: NativeAddon): void {
  enabled = addon;
}

/** The addon when installWasmKernelFixes enabled it, else undefined. */
export function enabledNativeAddon(): NativeAddon | undefined {
  return enabled;
}
