import { heartbeat, type PrismaClient } from '@tradeoff/db';

import type { Logger } from './logger.ts';

export interface Heartbeat {
  /** Beats now if the last beat is older than the interval; the trainer's reports call this. */
  poke(): void;
  /** True once a beat found the run claimed by another worker (this one was presumed dead). */
  readonly lost: boolean;
  stop(): void;
}

/**
 * Keeps the run's heartbeat fresh. A timer alone is not enough: a training step that holds the event
 * loop delays timers, so every report from the trainer also pokes it.
 */
export function startHeartbeat(opts: {
  prisma: PrismaClient;
  runId: string;
  workerId: string;
  everyMs: number;
  log: Logger;
  onLost: () => void;
}): Heartbeat {
  let lastBeatAt = Date.now();
  let inFlight = false;
  let lost = false;

  async function beat(): Promise<void> {
    if (inFlight || lost) return;
    inFlight = true;
    lastBeatAt = Date.now();
    try {
      const { owned } = await heartbeat(opts.prisma, opts.runId, opts.workerId);
      if (!owned) {
        lost = true;
        opts.onLost();
      }
    } catch (error) {
      // A missed beat is not fatal: the next one may succeed well before the run counts as stale.
      opts.log.warn({ err: error, runId: opts.runId }, 'heartbeat failed');
    } finally {
      inFlight = false;
    }
  }

  const timer = setInterval(() => void beat(), opts.everyMs);
  timer.unref();
  return {
    poke() {
      if (Date.now() - lastBeatAt >= opts.everyMs) void beat();
    },
    get lost() {
      return lost;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
