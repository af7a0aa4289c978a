import type { PrismaClient, Run } from './generated/prisma/client.ts';

/**
 * Run lifecycle. Each transition is one conditional UPDATE judged by the database clock, so
 * workers on different machines agree and two claims of one run cannot both succeed.
 */

/**
 * The worker id of a run that a program outside the workers executes and reports through the API
 * (the SDK's tracking runs). Its liveness is that program's business: no worker claims or reaps it.
 */
export const EXTERNAL_WORKER = 'external';
const NOT_EXTERNAL = `worker_id is distinct from '${EXTERNAL_WORKER}'`;

/**
 * Takes the run for workerId when it is queued, or running with a heartbeat older than
 * staleAfterMs (its worker died). Returns the claimed run, or null when another worker has it,
 * it is finished, or it was cancelled (a cancelled queued or stale run is marked cancelled here).
 */
export async function claimRun(prisma: PrismaClient, runId: string, workerId: string, staleAfterMs: number): Promise<Run | null> {
  const claimable = `(status = 'queued' or (status = 'running' and ${NOT_EXTERNAL} and (heartbeat_at is null or heartbeat_at < now() - $2 * interval '1 millisecond')))`;
  await prisma.$executeRawUnsafe(
    `update run set status = 'cancelled', finished_at = now(), updated_at = now()
     where id = $1 and cancel_requested and ${claimable}`,
    runId,
    staleAfterMs,
  );
  const claimed = await prisma.$queryRawUnsafe<{ id: string }[]>(
    `update run set status = 'running', worker_id = $3, heartbeat_at = now(), started_at = now(),
       finished_at = null, error = null, attempt = attempt + 1, updated_at = now()
     where id = $1 and not cancel_requested and ${claimable}
     returning id`,
    runId,
    staleAfterMs,
    workerId,
  );
  if (claimed.length === 0) return null;
  return prisma.run.findUnique({ where: { id: runId } });
}

export interface HeartbeatResult {
  /** False when the run is no longer this worker's (taken over as stale, or ended). */
  owned: boolean;
  cancelRequested: boolean;
}

/** Marks the run alive, optionally with progress (0..1); tells the worker whether to go on. */
export async function heartbeat(
  prisma: PrismaClient,
  runId: string,
  workerId: string,
  progress?: { fraction: number; label?: string },
): Promise<HeartbeatResult> {
  const rows = await prisma.$queryRawUnsafe<{ cancel_requested: boolean }[]>(
    `update run set heartbeat_at = now(), updated_at = now(),
       progress = coalesce($3::float8, progress), progress_label = coalesce($4::text, progress_label)
     where id = $1 and worker_id = $2 and status = 'running'
     returning cancel_requested`,
    runId,
    workerId,
    progress?.fraction ?? null,
    progress?.label ?? null,
  );
  const row = rows[0];
  return row ? { owned: true, cancelRequested: row.cancel_requested } : { owned: false, cancelRequested: false };
}

async function endRun(prisma: PrismaClient, runId: string, workerId: string, status: 'finished' | 'failed' | 'cancelled', set: string, ...params: unknown[]): Promise<boolean> {
  const n = await prisma.$executeRawUnsafe(
    `update run set status = '${status}', finished_at = now(), updated_at = now()${set}
     where id = $1 and worker_id = $2 and status = 'running'`,
    runId,
    workerId,
    ...params,
  );
  return n === 1;
}

/** The run succeeded; final holds its final metrics. False if the run was not this worker's. */
export function finishRun(prisma: PrismaClient, runId: string, workerId: string, final?: Record<string, number>): Promise<boolean> {
  return endRun(prisma, runId, workerId, 'finished', ', progress = 1, final = $3::jsonb', JSON.stringify(final ?? {}));
}

export function failRun(prisma: PrismaClient, runId: string, workerId: string, error: string): Promise<boolean> {
  return endRun(prisma, runId, workerId, 'failed', ', error = $3', error);
}

/** The worker stopped the run because cancel was requested. */
export function markRunCancelled(prisma: PrismaClient, runId: string, workerId: string): Promise<boolean> {
  return endRun(prisma, runId, workerId, 'cancelled', '');
}

/**
 * Asks for a run to stop. A queued run is cancelled at once; a running one gets the flag its
 * worker sees on the next heartbeat. Returns the run's status afterwards (null if no such run).
 */
export async function requestCancel(prisma: PrismaClient, runId: string): Promise<Run['status'] | null> {
  await prisma.$executeRawUnsafe(
    `update run set cancel_requested = true, updated_at = now(),
       status = case when status = 'queued' then 'cancelled'::"RunStatus" else status end,
       finished_at = case when status = 'queued' then now() else finished_at end
     where id = $1 and status in ('queued', 'running')`,
    runId,
  );
  const run = await prisma.run.findUnique({ where: { id: runId }, select: { status: true } });
  return run?.status ?? null;
}

/** Puts a failed or cancelled run back in the queue; it resumes from its checkpoint if it has one. */
export async function requeueRun(prisma: PrismaClient, runId: string): Promise<boolean> {
  const n = await prisma.$executeRawUnsafe(
    `update run set status = 'queued', cancel_requested = false, worker_id = null, heartbeat_at = null,
       error = null, finished_at = null, updated_at = now()
     where id = $1 and status in ('failed', 'cancelled')`,
    runId,
  );
  return n === 1;
}

/** Running runs whose worker has not sent a heartbeat for staleAfterMs: candidates to re-enqueue. */
export async function findStaleRuns(prisma: PrismaClient, staleAfterMs: number): Promise<Run[]> {
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(
    `select id from run where status = 'running' and ${NOT_EXTERNAL} and (heartbeat_at is null or heartbeat_at < now() - $1 * interval '1 millisecond')`,
    staleAfterMs,
  );
  if (rows.length === 0) return [];
  return prisma.run.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
}

/** Queued runs, oldest first: a worker starting up enqueues them in case their job was lost. */
export function findQueuedRuns(prisma: PrismaClient): Promise<Run[]> {
  return prisma.run.findMany({ where: { status: 'queued' }, orderBy: { createdAt: 'asc' } });
}

export interface RunLogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  time?: Date;
}

export async function appendRunLog(prisma: PrismaClient, runId: string, lines: RunLogLine | RunLogLine[]): Promise<void> {
  const data = (Array.isArray(lines) ? lines : [lines]).map((l) => ({ runId, level: l.level, message: l.message, time: l.time ?? new Date() }));
  if (data.length > 0) await prisma.runLog.createMany({ data });
}

/** The last `limit` log lines of a run, oldest first. */
export async function tailRunLog(prisma: PrismaClient, runId: string, limit = 200) {
  const rows = await prisma.runLog.findMany({ where: { runId }, orderBy: { id: 'desc' }, take: limit });
  return rows.reverse();
}
