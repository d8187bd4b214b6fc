/**
 * Redis connections for the distributed commands: a fast reachability check (so a wrong URL
 * or a stopped server is reported within seconds, never a hang) and the connections BullMQ
 * is given. Every connection made here is closed by whoever opened it.
 */
import { Redis } from 'ioredis';

/** Raised when Redis cannot be reached; `code` lets the CLI report it as a user error (exit 1). */
export class RedisUnreachableError extends Error {
  readonly code = 'EREDISUNREACHABLE';
  constructor(url: string, reason: string, hint: string) {
    super(`cannot reach Redis at ${redactUrl(url)} (${reason}). ${hint}`);
    this.name = 'RedisUnreachableError';
  }
}

export const RUN_LOCALLY_HINT =
  'Start Redis or check the URL, or run the same command without --redis to compute locally (same results).';

/** The URL with any password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

function checkUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RedisUnreachableError(url, 'not a URL', 'Write it as redis://HOST:PORT[/DB].');
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new RedisUnreachableError(
      url,
      `unsupported scheme ${u.protocol}`,
      'Write it as redis://HOST:PORT[/DB].',
    );
}

/** How long the reachability check waits, in ms. */
export const CONNECT_DEADLINE_MS = 3000;

/**
 * Connect once, PING and quit; throws RedisUnreachableError after at most `deadlineMs`.
 * No retries and no offline queue: the answer is fast either way.
 */
export async function checkRedis(
  url: string,
  deadlineMs = CONNECT_DEADLINE_MS,
  hint = RUN_LOCALLY_HINT,
): Promise<void> {
  checkUrl(url);
  const r = new Redis(url, {
    lazyConnect: true,
    connectTimeout: deadlineMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    reconnectOnError: () => false,
  });
  let lastError = 'no answer';
  r.on('error', (e: Error) => {
    lastError = describe(e);
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await r.connect();
        await r.ping();
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${(deadlineMs / 1000).toFixed(0)} s`)),
          deadlineMs,
        );
      }),
    ]);
  } catch (e) {
    // The socket's own error (ECONNREFUSED, ENOTFOUND, ...) says more than "Connection is closed".
    const reason =
      lastError !== 'no answer' ? lastError : e instanceof Error ? describe(e) : lastError;
    throw new RedisUnreachableError(url, reason, hint);
  } finally {
    if (timer) clearTimeout(timer);
    r.disconnect();
  }
}

function describe(e: Error): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
}

/**
 * A connection for BullMQ. `blocking` (workers) sets `maxRetriesPerRequest: null` as BullMQ
 * requires; the producer side fails commands after a few retries instead of waiting forever.
 */
export function openConnection(url: string, role: 'producer' | 'worker'): Redis {
  const r = new Redis(url, {
    connectTimeout: CONNECT_DEADLINE_MS,
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    // Reconnect with a growing delay (a Redis restart is survived), capped at 2 s.
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
  });
  // Errors surface through the commands that fail; without a listener ioredis logs them.
  r.on('error', () => undefined);
  return r;
}

/** Quit politely, or drop the socket if Redis is gone. */
export async function closeConnection(r: Redis): Promise<void> {
  if (r.status === 'end') return;
  try {
    await Promise.race([r.quit(), new Promise((res) => setTimeout(res, 1000).unref())]);
  } catch {
    // already closed
  }
  r.disconnect();
}
