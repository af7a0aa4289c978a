import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { canConnect, sleep } from '../pg-util.ts';

/**
 * How processes sharing one TRADEOFF_HOME find the process that serves its PGlite: that process
 * writes `server.json` (port, pid); the others connect to it. A start lock file keeps two
 * processes from opening the data dir at once.
 */
export interface ServerInfo {
  port: number;
  pid: number;
  startedAt: string;
}

export const serverUrl = (port: number) => `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;

const infoPath = (home: string) => join(home, 'server.json');
const lockPath = (home: string) => join(home, 'server.lock');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readInfo(home: string): Promise<ServerInfo | null> {
  try {
    return JSON.parse(await readFile(infoPath(home), 'utf8')) as ServerInfo;
  } catch {
    return null;
  }
}

/** The URL of a live server for this home, or null when none is running. */
export async function findRunningServer(home: string): Promise<string | null> {
  const info = await readInfo(home);
  if (!info || !isAlive(info.pid)) return null;
  const url = serverUrl(info.port);
  // A live owner that does not answer may be busy starting or stopping: give it a moment.
  for (let i = 0; i < 10; i++) {
    if (await canConnect(url, 1000)) return url;
    if (!isAlive(info.pid)) return null;
    await sleep(300);
  }
  throw new Error(`the embedded store in ${home} is held by process ${info.pid}, which does not answer on port ${info.port}`);
}

export async function writeServerInfo(home: string, info: ServerInfo): Promise<void> {
  const tmp = `${infoPath(home)}.${process.pid}`;
  await writeFile(tmp, JSON.stringify(info));
  await rename(tmp, infoPath(home));
}

/** Removes server.json if it still names this process. */
export async function removeServerInfo(home: string): Promise<void> {
  const info = await readInfo(home);
  if (info?.pid === process.pid) await rm(infoPath(home), { force: true });
}

/**
 * Runs start while holding the home's start lock, unless another process is already serving it
 * (then returns that server's URL from `found`). A lock left by a dead process is taken over.
 */
export async function withStartLock<T>(home: string, found: (url: string) => Promise<T>, start: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const running = await findRunningServer(home);
    if (running) return found(running);
    try {
      const handle = await open(lockPath(home), 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(lockPath(home), 'utf8').catch(() => ''));
      if (holder && !isAlive(holder)) await rm(lockPath(home), { force: true });
      else if (Date.now() > deadline) throw new Error(`process ${holder} has been starting the embedded store in ${home} for 2 minutes`);
      else await sleep(200);
      continue;
    }
    try {
      const running = await findRunningServer(home);
      return running ? found(running) : await start();
    } finally {
      await rm(lockPath(home), { force: true });
    }
  }
}
