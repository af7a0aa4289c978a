/** The benchmarked model and batch: the MMoE of DESIGN.md section 6 (~0.93 M parameters). */
export const MMOE_BENCH = {
  numeric: 64,
  categorical: 4,
  vocab: 10_000,
  embeddingDim: 16,
  experts: 4,
  expertUnits: [256, 128],
  tasks: 3,
  towerUnits: 64,
  batch: 1024,
  learningRate: 1e-3,
} as const;

export type MMoEBenchConfig = typeof MMOE_BENCH;
