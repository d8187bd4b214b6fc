/**
 * `chokepoint serve` as a real child process, for the load test, the crash test and their
 * scripts (bench/load.ts, bench/crash.ts): started on 127.0.0.1 with `--port 0`, its URL read
 * from the first line it prints, stopped (or killed with SIGKILL) by its pid only.
 *
 * `entry: 'source'` runs the TypeScript sources through tsx (test/load/cli-main.ts), so tests need
 * no build; `entry: 'dist'` runs the installed command, bin/chokepoint.js (dist/, `npm run build`).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

export interface ServerProcessOptions {
  /** The store (`--db`): a SQLite file or a postgres:// URL. Also passed as CHOKEPOINT_DB. */
  db?: string | undefined;
  /** Default 'source'. */
  entry?: 'source' | 'dist';
  /** With `entry: 'dist'`: another installed command than this repository's bin/chokepoint.js. */
  bin?: string | undefined;
  /** More arguments after `serve --port 0 --host 127.0.0.1` (e.g. `--dataset DIR`). */
  args?: string[];
  /** Milliseconds to wait for the URL line. Default 60 s. */
  startTimeoutMs?: number;
  /**
   * Another program instead of chokepoint (Node's arguments, e.g. a peer server for the
   * benchmark); it must print `http://127.0.0.1:PORT/` as chokepoint does.
   */
  argv?: string[];
}

export interface ServerProcess {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  url: string;
  pid: number;
  child: ChildProcess;
  /** What the server printed on stderr so far. */
  stderr(): string;
  /** Resolves when the process has exited: its exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (SIGKILL after 5 s), then wait for the exit. Safe to call twice. */
  stop(): Promise<void>;
}

/** Resident set size of a process in bytes (Linux /proc), or undefined once it is gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const entry = options.entry ?? 'source';
  const argv =
    entry === 'source'
      ? ['--import', 'tsx', join(REPO_ROOT, 'test/load/cli-main.ts')]
      : [options.bin ?? join(REPO_ROOT, 'bin/chokepoint.js')];
  const serveArgs = ['serve', '--port', '0', '--host', '127.0.0.1', ...(options.args ?? [])];
  if (options.db !== undefined) serveArgs.push('--db', options.db);
  const command = options.argv ?? [...argv, ...serveArgs];
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Never the user's default store: an explicit one, or a variable that says so.
  if (options.db !== undefined) env.CHOKEPOINT_DB = options.db;
  const child = spawn(process.execPath, command, {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
    child.once('exit', (code, signal) => ok({ code, signal })),
  );
  const waitExit = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${command.join(' ')} printed no URL within the time limit; stderr: ${err}`),
      );
    }, options.startTimeoutMs ?? 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume(); // keep draining whatever it prints later
      resolve({
        url: m[1]!,
        pid: child.pid!,
        child,
        stderr: () => err,
        exited,
        kill: () => waitExit('SIGKILL'),
        stop: async () => {
          const t = setTimeout(() => child.kill('SIGKILL'), 5000);
          await waitExit('SIGTERM');
          clearTimeout(t);
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${command.join(' ')} exited (${signal ?? `code ${code}`}) before printing its URL: ${err}${out}`,
        ),
      );
    });
  });
}
