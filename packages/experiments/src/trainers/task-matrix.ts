import type { FeatureMatrix } from '@tradeoff/data';

/** The same rows with only the label columns of `tasks`, in that order. */
export function selectTasks(matrix: FeatureMatrix, tasks: readonly string[]): FeatureMatrix {
  if (tasks.join(',') === matrix.tasks.join(',')) return matrix;
  const columns = tasks.map((task) => {
    const k = matrix.tasks.indexOf(task);
    if (k < 0) throw new Error(`task ${task} is not in the data (tasks: ${matrix.tasks.join(', ')})`);
    return k;
  });
  const y = new Float32Array(matrix.rows * tasks.length);
  for (let i = 0; i < matrix.rows; i++) {
    columns.forEach((k, j) => {
      y[i * tasks.length + j] = matrix.y[i * matrix.tasks.length + k]!;
    });
  }
  return { ...matrix, y, tasks: [...tasks] };
}

/** Copies the rows `order[start..start+n)` into the batch buffers; returns n. */
export function fillBatch(matrix: FeatureMatrix, order: Uint32Array, start: number, x: Float32Array, y: Float32Array): number {
  const { dim } = matrix;
  const tasks = matrix.tasks.length;
  const n = Math.min(x.length / dim, order.length - start);
  for (let i = 0; i < n; i++) {
    const row = order[start + i]!;
    x.set(matrix.x.subarray(row * dim, (row + 1) * dim), i * dim);
    y.set(matrix.y.subarray(row * tasks, (row + 1) * tasks), i * tasks);
  }
  return n;
}
