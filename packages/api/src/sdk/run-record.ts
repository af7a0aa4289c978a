/** A run's lifecycle state. */
export type RunStatus = 'queued' | 'running' | 'finished' | 'failed' | 'cancelled';

/**
 * What `t.tracking.getRun` answers: `runs.get` as the server returns it, written out so the
 * client-only entry carries no server types (a type test in client.test.ts keeps them in step).
 */
export interface RunRecord {
  id: string;
  experimentId: string;
  /** Position within the experiment (sweep point). */
  index: number;
  status: RunStatus;
  seed: number;
  workerId: string | null;
  heartbeatAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  attempt: number;
  cancelRequested: boolean;
  error: string | null;
  /** Fraction done, 0..1. */
  progress: number;
  progressLabel: string | null;
  /** Final metrics, `{ name: value }`; null until the run ends. */
  final: Record<string, number> | null;
  createdAt: Date;
  tags: string[];
  notes: string | null;
  /** The spec the run executes (JSON); a tracked run's `hyper` holds its params. */
  spec: unknown;
  experiment: { id: string; name: string; algorithm: string };
  /** The newest point of each metric, sorted by name. */
  latest: { key: string; step: number; value: number; time: Date }[];
}
