import { readdir, readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc/<pid>/stat times: 100 on Linux. */
const TICKS = 100;

/** CPU seconds spent so far by each Postgres backend serving `database` (same machine, /proc). */
async function backendSeconds(database: string): Promise<Map<string, number>> {
  const seconds = new Map<string, number>();
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.startsWith('postgres:') || !cmdline.includes(` ${database} `)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / TICKS);
  }
  return seconds;
}

export interface CpuReading {
  own: number;
  backends: Map<string, number>;
}

/**
 * CPU used by this process (client, API server, and the embedded PGlite when it is served here)
 * plus the Postgres backends of `database`. On a busy machine wall time says little; CPU time per
 * point is what the same work would cost on an idle one.
 */
export async function readCpu(database?: string): Promise<CpuReading> {
  const own = process.cpuUsage();
  return { own: (own.user + own.system) / 1e6, backends: database ? await backendSeconds(database) : new Map() };
}

/** CPU seconds between two readings; a backend that started in between counts from zero. */
export function cpuBetween(before: CpuReading, after: CpuReading): number {
  let seconds = after.own - before.own;
  for (const [pid, total] of after.backends) seconds += total - (before.backends.get(pid) ?? 0);
  return seconds;
}
