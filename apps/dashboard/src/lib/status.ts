import type { RunStatus } from '~/trpc/types';

export const RUN_STATUSES: RunStatus[] = ['queued', 'running', 'finished', 'failed', 'cancelled'];

export const isActive = (status: RunStatus) => status === 'queued' || status === 'running';

/** How often pages refresh while runs may change, and otherwise. */
export const LIVE_POLL_MS = 1500;
export const IDLE_POLL_MS = 10_000;
