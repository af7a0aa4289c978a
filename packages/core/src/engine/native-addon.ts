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
  /** Sets the thread count when given (default: one per core); returns the count in effect. */
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

/** True when the native kernels load, so installWasmKernelFixes can route matmuls to them. */
export function hasNativeKernels(): boolean {
  return nativeAddon() !== undefined;
}
