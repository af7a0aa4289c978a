import type * as tfjs from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { sizeOf } from './kernel-registry';

/**
 * UnsortedSegmentSum for the wasm backend, which has none: without it the gradient of tf.gather
 * (every embedding lookup) throws there. One pass over the rows, straight on the wasm heap.
 * out[s, ...] = sum of x[i, ...] over i with segmentIds[i] = s; ids outside [0, numSegments) are
 * dropped, as the cpu kernel does. segmentIds may have any rank; its shape prefixes x's.
 */
function unsortedSegmentSum(args: Parameters<tfjs.KernelFunc>[0]): tfjs.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, segmentIds } = args.inputs as { x: tfjs.TensorInfo; segmentIds: tfjs.TensorInfo };
  const numSegments = args.attrs?.numSegments as number;
  const rowShape = x.shape.slice(segmentIds.shape.length);
  const rowSize = sizeOf(rowShape);
  const rows = sizeOf(segmentIds.shape);
  const out = backend.makeOutput([numSegments, ...rowShape], x.dtype);
  // Views are taken after the allocation: growing the heap detaches earlier ones.
  const values = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  const sums = backend.typedArrayFromHeap(out);
  sums.fill(0);
  for (let row = 0; row < rows; row++) {
    const segment = ids[row]!;
    if (segment < 0 || segment >= numSegments) continue;
    const from = row * rowSize;
    const to = segment * rowSize;
    for (let j = 0; j < rowSize; j++) sums[to + j]! += values[from + j]!;
  }
  return out;
}

export const unsortedSegmentSumWasm: tfjs.KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as tfjs.KernelFunc,
};
