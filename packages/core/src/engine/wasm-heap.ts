import type * as tfjs from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** What the wasm backend exposes at run time beyond its typings: the heap and each tensor's place in it. */
interface WasmInternals {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
}

/** The whole wasm heap. Take it after allocating outputs: growing the heap replaces it. */
export function heapOf(backend: BackendWasm): Uint8Array {
  return (backend as unknown as WasmInternals).wasm.HEAPU8;
}

/** Byte offset of a tensor's data in the wasm heap. */
export function offsetOf(backend: BackendWasm, tensor: tfjs.TensorInfo): number {
  return (backend as unknown as WasmInternals).dataIdMap.get(tensor.dataId)!.memoryOffset;
}

/** Bytes per element on the wasm heap of the dtypes native kernels move, else undefined. */
export function elementBytes(dtype: tfjs.DataType): number | undefined {
  return dtype === 'float32' || dtype === 'int32' ? 4 : dtype === 'bool' ? 1 : undefined;
}
