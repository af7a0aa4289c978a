import type { PGlite } from '@electric-sql/pglite';

/**
 * Serialises the wire messages of many socket connections onto PGlite's single session.
 *
 * pglite-socket's own queue runs message by message, so when one client's Parse/Bind/Execute/Sync
 * arrives in several TCP chunks (a large Bind, e.g. a checkpoint), another client's statement can
 * run in between and replace the unnamed prepared statement: measured, that returned wrong rows
 * without any error. Here a connection's messages are held until its group is complete (Sync,
 * simple Query, Flush, ...) and the group runs as one unit. While a connection has an open
 * transaction (or flushed mid-pipeline) only that connection's groups run, so transactions from
 * different connections are serialised rather than interleaved.
 *
 * It implements the three methods PGLiteSocketHandler calls on its queue.
 */

/** Messages that never end a group: the extended-query steps before Sync, and COPY data. */
const MID_GROUP = new Set(['P', 'B', 'D', 'E', 'C', 'd'].map((c) => c.charCodeAt(0)));
const FLUSH = 'H'.charCodeAt(0);
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);
const ROLLBACK = simpleQuery('ROLLBACK');

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + text.length);
  message.write('Q', 0);
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return new Uint8Array(message);
}

interface Pending {
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
}

interface Group {
  handlerId: number;
  messages: Pending[];
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

export class SessionQueue {
  private readonly partial = new Map<number, Pending[]>();
  private ready: Group[] = [];
  private owner: number | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const messages = this.partial.get(handlerId) ?? [];
    messages.push({ message, onData });
    if (MID_GROUP.has(message[0] ?? 0)) {
      // The handler waits for this promise before reading its next message: let it go on.
      this.partial.set(handlerId, messages);
      return Promise.resolve(0);
    }
    this.partial.delete(handlerId);
    return new Promise((resolve, reject) => {
      this.ready.push({ handlerId, messages, resolve, reject });
      void this.drain();
    });
  }

  clearQueueForHandler(handlerId: number): void {
    this.partial.delete(handlerId);
    this.ready = this.ready.filter((group) => {
      if (group.handlerId !== handlerId) return true;
      group.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** A connection that goes away while it holds the session leaves it clean for the others. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    await this.db.runExclusive(async () => {
      await this.db.execProtocolRaw(SYNC);
      if (this.db.isInTransaction()) await this.db.execProtocolRaw(ROLLBACK);
    });
    this.owner = null;
    await this.drain();
  }

  private next(): Group | undefined {
    if (this.owner === null) return this.ready.shift();
    const i = this.ready.findIndex((g) => g.handlerId === this.owner);
    return i === -1 ? undefined : this.ready.splice(i, 1)[0];
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let group = this.next(); group; group = this.next()) {
        let bytes = 0;
        try {
          await this.db.runExclusive(async () => {
            const messages = group!.messages;
            for (const [i, { message, onData }] of messages.entries()) {
              await this.db.execProtocolRawStream(message, {
                syncToFs: i === messages.length - 1,
                onRawData: (data) => {
                  bytes += data.length;
                  onData(data);
                },
              });
            }
          });
        } catch (error) {
          group.reject(error as Error);
          continue;
        }
        const last = group.messages.at(-1)?.message[0];
        this.owner = this.db.isInTransaction() || last === FLUSH ? group.handlerId : null;
        group.resolve(bytes);
      }
    } finally {
      this.running = false;
    }
  }
}
