import type { MultiTaskBatch } from '@tradeoff/core';
import type { FeatureMatrix } from '@tradeoff/data';

/** Reusable typed-array buffers that batches are copied into: no per-row objects while training. */
export class BatchBuffer {
  private readonly numeric: Float32Array;
  private readonly categorical: Int32Array;
  private readonly labels: Float32Array;
  private readonly mask: Float32Array;

  constructor(
    private readonly set: FeatureMatrix,
    private readonly batchSize: number,
  ) {
    this.numeric = new Float32Array(batchSize * set.numericDim);
    this.categorical = new Int32Array(batchSize * set.fields);
    this.labels = new Float32Array(batchSize * set.tasks.length);
    this.mask = new Float32Array(batchSize * set.tasks.length);
  }

  /** The rows `order[start..start + batchSize)` (fewer at the end) as a batch over the buffers. */
  fill(order: Uint32Array, start: number): MultiTaskBatch {
    const { numericDim, fields } = this.set;
    const tasks = this.set.tasks.length;
    const rows = Math.min(this.batchSize, order.length - start);
    for (let i = 0; i < rows; i++) {
      const row = order[start + i]!;
      copyRow(this.set.numeric, this.numeric, row, i, numericDim);
      copyRow(this.set.categorical, this.categorical, row, i, fields);
      copyRow(this.set.labels, this.labels, row, i, tasks);
      copyRow(this.set.mask, this.mask, row, i, tasks);
    }
    return {
      rows,
      numeric: this.numeric.subarray(0, rows * numericDim),
      categorical: this.categorical.subarray(0, rows * fields),
      labels: this.labels.subarray(0, rows * tasks),
      mask: this.mask.subarray(0, rows * tasks),
    };
  }
}

/** Row `from` of a row-major matrix into row `to` of another, element by element (no subarray views per row). */
function copyRow<T extends Float32Array | Int32Array>(source: T, target: T, from: number, to: number, width: number): void {
  const offset = from * width;
  const into = to * width;
  for (let j = 0; j < width; j++) target[into + j] = source[offset + j]!;
}
