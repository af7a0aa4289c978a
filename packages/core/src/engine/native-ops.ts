import { backend_util, type DataType, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { sizeOf } from './kernel-registry';
import type { NativeAddon } from './native-addon';
import { elementBytes, heapOf, offsetOf } from './wasm-heap';

/**
 * Native versions of the memory-bound wasm kernels the MMoE train step spends most time in
 * once matmuls are native: Sum over outer axes (bias gradients, expert mixing), which wasm runs
 * as a transpose plus a reduction; Unpack/SplitV/Concat/Pack (stack and concat and their
 * gradients), which wasm runs as generic strided slices or a row-by-row JS loop; GatherV2 along
 * one axis (embedding lookups) and UnsortedSegmentSum (their gradient). Each works in place on
 * the wasm heap and hands what it does not cover to `fallback`.
 */
type Wrap = (addon: NativeAddon, fallback: KernelFunc) => KernelFunc;
type Args = Parameters<KernelFunc>[0];

const backendOf = (args: Args) => args.backend as BackendWasm;

/** One byte size for all of `tensors`, or undefined when their dtypes differ or are not movable. */
function commonBytes(tensors: TensorInfo[]): number | undefined {
  const dtype: DataType | undefined = tensors[0]?.dtype;
  return dtype && tensors.every((t) => t.dtype === dtype) ? elementBytes(dtype) : undefined;
}

const sum: Wrap = (addon, fallback) => (args) => {
  const { x } = args.inputs as { x: TensorInfo };
  const { axis, keepDims } = args.attrs as { axis: number | number[] | null; keepDims: boolean };
  if (x.dtype !== 'float32' || sizeOf(x.shape) === 0 || x.shape.length === 0) return fallback(args);
  const axes = [...new Set(util.parseAxisParam(axis ?? x.shape.map((_, i) => i), x.shape))].sort((a, b) => a - b);
  if (axes.length === 0) return fallback(args);
  const first = axes[0]!;
  const last = axes.at(-1)!;
  if (last - first + 1 !== axes.length) return fallback(args); // not one run of axes
  const reduced = (i: number) => i >= first && i <= last;
  const outShape = keepDims ? x.shape.map((d, i) => (reduced(i) ? 1 : d)) : x.shape.filter((_, i) => !reduced(i));
  const backend = backendOf(args);
  const out = backend.makeOutput(outShape, 'float32');
  const [outer, reduce, inner] = [x.shape.slice(0, first), x.shape.slice(first, last + 1), x.shape.slice(last + 1)].map(sizeOf);
  addon.sumAxis(heapOf(backend), offsetOf(backend, x), offsetOf(backend, out), outer!, reduce!, inner!);
  return out;
};

/**
 * Copies the pieces of x along `axis` (sizes `sizes`) into new tensors: x is viewed as
 * [outer][sum of sizes][inner], piece j as [outer][sizes[j]][inner].
 */
function splitAlong(addon: NativeAddon, backend: BackendWasm, x: TensorInfo, axis: number, sizes: number[], bytes: number): TensorInfo[] {
  const outer = sizeOf(x.shape.slice(0, axis));
  const unit = sizeOf(x.shape.slice(axis + 1)) * bytes;
  const rowBytes = x.shape[axis]! * unit;
  const pieces = sizes.map((size) => backend.makeOutput(x.shape.map((d, i) => (i === axis ? size : d)), x.dtype));
  const heap = heapOf(backend);
  let start = offsetOf(backend, x);
  for (const [j, piece] of pieces.entries()) {
    const pieceBytes = sizes[j]! * unit;
    if (pieceBytes > 0 && outer > 0) addon.copyRows(heap, start, rowBytes, offsetOf(backend, piece), pieceBytes, outer, pieceBytes);
    start += pieceBytes;
  }
  return pieces;
}

/** Copies `inputs` side by side along `axis` into a tensor of `outShape` (the inverse of splitAlong). */
function joinAlong(addon: NativeAddon, backend: BackendWasm, inputs: TensorInfo[], axis: number, outShape: number[], bytes: number): TensorInfo {
  const out = backend.makeOutput(outShape, inputs[0]!.dtype);
  const outer = sizeOf(outShape.slice(0, axis));
  const rowBytes = sizeOf(outShape.slice(axis)) * bytes;
  const heap = heapOf(backend);
  let start = offsetOf(backend, out);
  for (const input of inputs) {
    const inputBytes = (sizeOf(input.shape) / Math.max(outer, 1)) * bytes;
    if (inputBytes > 0 && outer > 0) addon.copyRows(heap, offsetOf(backend, input), inputBytes, start, rowBytes, outer, inputBytes);
    start += inputBytes;
  }
  return out;
}

const unpack: Wrap = (addon, fallback) => (args) => {
  const { value } = args.inputs as { value: TensorInfo };
  const bytes = elementBytes(value.dtype);
  if (!bytes) return fallback(args);
  const axis = util.parseAxisParam((args.attrs as { axis: number }).axis, value.shape)[0]!;
  const pieces = splitAlong(addon, backendOf(args), value, axis, Array(value.shape[axis]!).fill(1), bytes);
  const shape = value.shape.filter((_, i) => i !== axis);
  return pieces.map((piece) => ({ ...piece, shape }));
};

const splitV: Wrap = (addon, fallback) => (args) => {
  const { x } = args.inputs as { x: TensorInfo };
  const { numOrSizeSplits, axis } = args.attrs as { numOrSizeSplits: number | number[]; axis: number };
  const bytes = elementBytes(x.dtype);
  if (!bytes) return fallback(args);
  const $axis = util.parseAxisParam(axis, x.shape)[0]!;
  return splitAlong(addon, backendOf(args), x, $axis, backend_util.prepareSplitSize(x, numOrSizeSplits, $axis), bytes);
};

const concat: Wrap = (addon, fallback) => (args) => {
  const inputs = args.inputs as unknown as TensorInfo[];
  const bytes = commonBytes(inputs);
  if (!bytes || inputs.length < 2) return fallback(args);
  const axis = util.parseAxisParam((args.attrs as { axis: number }).axis, inputs[0]!.shape)[0]!;
  const shapes = inputs.map((t) => t.shape);
  backend_util.assertParamsConsistent(shapes, axis);
  return joinAlong(addon, backendOf(args), inputs, axis, backend_util.computeOutShape(shapes, axis), bytes);
};

const pack: Wrap = (addon, fallback) => (args) => {
  const inputs = args.inputs as unknown as TensorInfo[];
  const bytes = commonBytes(inputs);
  const shape = inputs[0]?.shape ?? [];
  if (!bytes || inputs.length < 2 || !inputs.every((t) => util.arraysEqual(t.shape, shape))) return fallback(args);
  const axis = util.parseAxisParam((args.attrs as { axis: number }).axis, [...shape, 1])[0]!;
  const outShape = [...shape.slice(0, axis), inputs.length, ...shape.slice(axis)];
  return joinAlong(addon, backendOf(args), inputs, axis, outShape, bytes);
};

const gatherV2: Wrap = (addon, fallback) => (args) => {
  const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
  const { axis, batchDims } = args.attrs as { axis: number; batchDims?: number };
  const bytes = elementBytes(x.dtype);
  const count = sizeOf(indices.shape);
  if (!bytes || indices.dtype !== 'int32' || (batchDims ?? 0) !== 0 || sizeOf(x.shape) === 0 || count === 0) return fallback(args);
  const $axis = util.parseAxisParam(axis, x.shape)[0]!;
  const backend = backendOf(args);
  const out = backend.makeOutput([...x.shape.slice(0, $axis), ...indices.shape, ...x.shape.slice($axis + 1)], x.dtype);
  const outer = sizeOf(x.shape.slice(0, $axis));
  const rowBytes = sizeOf(x.shape.slice($axis + 1)) * bytes;
  const offset = (t: TensorInfo) => offsetOf(backend, t);
  if (addon.gatherRows(heapOf(backend), offset(x), offset(out), outer, x.shape[$axis]!, rowBytes, offset(indices), count)) return out;
  // An index out of range: the stock kernel raises tfjs's own error.
  backend.disposeData(out.dataId);
  return fallback(args);
};

const unsortedSegmentSum: Wrap = (addon, fallback) => (args) => {
  const { x, segmentIds } = args.inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const numSegments = (args.attrs as { numSegments: number }).numSegments;
  if (x.dtype !== 'float32' || segmentIds.dtype !== 'int32') return fallback(args);
  const rowShape = x.shape.slice(segmentIds.shape.length);
  const backend = backendOf(args);
  const out = backend.makeOutput([numSegments, ...rowShape], 'float32');
  const offset = (t: TensorInfo) => offsetOf(backend, t);
  addon.segmentSum(heapOf(backend), offset(x), offset(segmentIds), offset(out), sizeOf(segmentIds.shape), sizeOf(rowShape), numSegments);
  return out;
};

/** Kernel name -> native wrapper. */
export const NATIVE_OPS: Record<string, Wrap> = {
  Sum: sum,
  Unpack: unpack,
  SplitV: splitV,
  Concat: concat,
  Pack: pack,
  GatherV2: gatherV2,
  UnsortedSegmentSum: unsortedSegmentSum,
};
