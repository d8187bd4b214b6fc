/**
 * A Redis for the distributed tests: $REDIS_URL when set (CI starts one in .ci/run), else a
 * throwaway /usr/bin/redis-server on 127.0.0.1 and a free port, stopped after the file's
 * tests. Never skipped: under CI=true without REDIS_URL the tests fail with a clear message.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

export function freePort(): Promise<number> {
  return new Promise((res, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

async function waitForPing(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const r = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    });
    r.on('error', () => undefined);
    try {
      await r.connect();
      await r.ping();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((res) => setTimeout(res, 50));
    } finally {
      r.disconnect();
    }
  }
}

/** Start redis-server on `port` (no persistence); resolves once it answers PING. */
export async function startRedisServer(port: number): Promise<ChildProcess> {
  if (!existsSync(REDIS_SERVER))
    throw new Error(
      `the distributed tests need Redis: set REDIS_URL, or install redis-server (${REDIS_SERVER} is missing; apt-get install redis-server)`,
    );
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await waitForPing(`redis://127.0.0.1:${port}`, 5000);
  return child;
}

export async function stopRedisServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  child.kill('SIGTERM');
  await exited;
}

export async function useRedis(): Promise<TestRedis> {
  const url = process.env.REDIS_URL;
  if (url) {
    await waitForPing(url, 3000);
    return { url, stop: () => Promise.resolve() };
  }
  if (process.env.CI === 'true')
    throw new Error(
      'REDIS_URL is not set under CI=true: .ci/run must start a Redis (scripts/redis-test-server.sh start) and export REDIS_URL',
    );
  const port = await freePort();
  const child = await startRedisServer(port);
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopRedisServer(child) };
}

/** A queue prefix of its own, so test files sharing one Redis do not see each other's jobs. */
export function uniquePrefix(name: string): string {
  return `test-${name}-${process.pid}-${Date.now().toString(36)}`;
}
