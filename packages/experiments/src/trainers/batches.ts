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
      this.numeric.set(this.set.numeric.subarray(row * numericDim, (row + 1) * numericDim), i * numericDim);
      this.categorical.set(this.set.categorical.subarray(row * fields, (row + 1) * fields), i * fields);
      this.labels.set(this.set.labels.subarray(row * tasks, (row + 1) * tasks), i * tasks);
      this.mask.set(this.set.mask.subarray(row * tasks, (row + 1) * tasks), i * tasks);
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
