import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

import { cliBin, dataDir, repoRoot } from './paths.ts';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  /** Everything printed so far, both streams interleaved in arrival order. */
  output(): string;
  /** Resolves with the first output line matching `pattern`; rejects on exit or timeout. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<string>;
  exited: Promise<CliResult>;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** `tradeoff ...` as a real subprocess, exactly as a user runs it (the bin through tsx). */
export function startCli(args: string[], opts: CliOptions = {}): CliProcess {
  const child = spawn(process.execPath, [cliBin, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: { ...process.env, TRADEOFF_DATA_DIR: dataDir, FORCE_COLOR: '0', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let all = '';
  const watchers = new Set<() => void>();
  const onData = (which: 'out' | 'err') => (chunk: Buffer) => {
    const text = chunk.toString();
    if (which === 'out') stdout += text;
    else stderr += text;
    all += text;
    for (const check of watchers) check();
  };
  child.stdout?.on('data', onData('out'));
  child.stderr?.on('data', onData('err'));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    stdout,
    stderr,
  }));

  return {
    child,
    output: () => all,
    exited,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no output matching ${pattern} within ${timeoutMs} ms:\n${all.slice(-4000)}`)), timeoutMs);
        const check = () => {
          const line = all.split('\n').find((l) => pattern.test(l));
          if (line !== undefined) done(null, line);
        };
        const done = (error: Error | null, line?: string) => {
          clearTimeout(timer);
          watchers.delete(check);
          if (error) reject(error);
          else resolve(line!);
        };
        watchers.add(check);
        exited.then((result) => done(new Error(`exited (${result.signal ?? result.code}) before printing ${pattern}:\n${all.slice(-4000)}`)));
        check();
      });
    },
  };
}

/** Runs `tradeoff ...` to completion. */
export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return startCli(args, opts).exited;
}
