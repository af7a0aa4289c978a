import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON lines on stdout: one line per event, easy to grep and to ship. */
export function createLogger(level: string = 'info'): Logger {
  return pino({ name: 'worker', level });
}
