import type { z } from 'zod';

import type { trackingSeriesInput } from '../schemas/tracking.ts';

export type SeriesBatch = z.infer<typeof trackingSeriesInput>;

interface Columns {
  steps: number[];
  values: number[];
  times: number[];
}

/** Points waiting to be sent, kept per metric as columns: the shape `tracking.log` takes. */
export class MetricBuffer {
  private series = new Map<string, Columns>();
  size = 0;

  add(key: string, step: number, value: number, time: number): void {
    let columns = this.series.get(key);
    if (!columns) {
      columns = { steps: [], values: [], times: [] };
      this.series.set(key, columns);
    }
    columns.steps.push(step);
    columns.values.push(value);
    columns.times.push(time);
    this.size += 1;
  }

  /** Removes and returns up to `max` points, oldest first within each metric. */
  take(max: number): SeriesBatch[] {
    const batch: SeriesBatch[] = [];
    let room = max;
    for (const [key, columns] of this.series) {
      if (room === 0) break;
      const n = Math.min(room, columns.steps.length);
      batch.push({ key, steps: columns.steps.splice(0, n), values: columns.values.splice(0, n), times: columns.times.splice(0, n) });
      if (columns.steps.length === 0) this.series.delete(key);
      room -= n;
    }
    this.size -= max - room;
    return batch;
  }
}
