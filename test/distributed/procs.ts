/**
 * Helpers of the distributed tests: worker processes (test/distributed/worker-process.ts), a
 * CLI context that captures stdout and stderr, and a frozen copy of the bundled dataset (so a
 * test compares the local and the distributed run on the same files even while data/ is being
 * edited; it also makes the workers read a non-bundled dataset by path).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Context } from '../../src/cli/context.js';
import { BUNDLED, REPO } from '../support.js';

const WORKER_FILE = join(REPO, 'test/distributed/worker-process.ts');

export interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

/** A worker process on `url`/`prefix`; resolves once it is connected and its threads are up. */
export async function workerProcess(
  url: string,
  prefix: string,
  opts: { lockMs?: number; delayMs?: number; threads?: number } = {},
): Promise<Proc> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      WORKER_FILE,
      url,
      prefix,
      String(opts.lockMs ?? 5000),
      String(opts.delayMs ?? 0),
      String(opts.threads ?? 1),
    ],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  await new Promise<void>((res, reject) => {
    const timer = setInterval(() => {
      if (stdout.includes('ready\n')) {
        clearInterval(timer);
        res();
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`worker process exited (${code}) before it was ready: ${stderr}`));
    });
  });
  return { child, out: () => stdout, err: () => stderr, exited };
}

/** Kill every worker process still running (afterAll). */
export function killWorkers(): void {
  for (const c of children.splice(0))
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** SIGTERM, and the exit code. */
export async function stopWorker(p: Proc): Promise<number | null> {
  p.child.kill('SIGTERM');
  return p.exited;
}

/** Batches a worker process logged, by kind ("batch 1234abcd/3: 7 rank item(s)"). */
export function batchesOf(p: Proc, kind?: string): number {
  return p
    .out()
    .split('\n')
    .filter((l) => l.startsWith('batch ') && (kind === undefined || l.endsWith(` ${kind} item(s)`)))
    .length;
}

/** A JSON-format context on `dataset`, capturing stdout and stderr. */
export function jsonContext(dataset?: string): {
  ctx: Context;
  out: () => string;
  err: () => string;
} {
  let stdout = '';
  let stderr = '';
  const ctx = new Context(
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
    },
    dataset === undefined ? { format: 'json' } : { format: 'json', dataset },
  );
  return { ctx, out: () => stdout, err: () => stderr };
}

/** A copy of the bundled dataset (with its scenario library) in a temporary folder. */
export function frozenDataset(): { dir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'chokepoint-dist-'));
  const dir = join(root, 'data');
  cpSync(BUNDLED, dir, { recursive: true });
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
