/**
 * PostgreSQL for the store tests, never silently skipped:
 * - DATABASE_URL set: use it (CI starts a server, see scripts/pg-test-server.sh);
 * - CI=true without DATABASE_URL: fail, naming the fix;
 * - otherwise: start a throwaway server (initdb into a temporary folder, 127.0.0.1 on a free
 *   port, fsync off), and stop and delete it afterwards. As root, initdb and pg_ctl run as the
 *   `postgres` user (initdb refuses root).
 * Each store gets its own schema (`PostgresStore.open(url, { schema })`), so tests and parallel
 * files never see each other's rows.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  url: string;
  /** Where the URL came from, for test names and messages. */
  origin: 'DATABASE_URL' | 'throwaway';
  stop(): Promise<void>;
}

function findBin(name: string): string {
  const roots = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  for (const dir of [process.env.PG_BIN, ...roots, '/usr/local/bin', '/usr/bin']) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(
    `PostgreSQL's ${name} was not found (looked in /usr/lib/postgresql/*/bin and /usr/local/bin). ` +
      'Install it (apt-get install postgresql) or set DATABASE_URL to a server for the store tests.',
  );
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() =>
        typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port')),
      );
    });
  });
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export async function startTestPostgres(): Promise<TestPostgres> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, origin: 'DATABASE_URL', stop: async () => undefined };
  if (process.env.CI === 'true')
    throw new Error(
      'The PostgreSQL store tests need DATABASE_URL, and CI=true: .ci/run must install ' +
        'postgresql and start it (scripts/pg-test-server.sh start) before npm test.',
    );
  const initdb = findBin('initdb');
  const pgCtl = findBin('pg_ctl');
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (argv: string[]) => {
    if (asRoot) {
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', argv.map(shellQuote).join(' ')], {
        stdio: 'pipe',
      });
    } else execFileSync(argv[0]!, argv.slice(1), { stdio: 'pipe' });
  };
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), -1);
  const port = await freePort();
  const stop = async () => {
    try {
      run([pgCtl, '-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped or never started
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run([initdb, '-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    run([
      pgCtl,
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off`,
      '-w',
      'start',
    ]);
  } catch (err) {
    await stop();
    const e = err as { stderr?: Buffer; message: string };
    throw new Error(
      `could not start a throwaway PostgreSQL (${e.stderr?.toString().trim() || e.message}); ` +
        'set DATABASE_URL to a server for the store tests instead',
      { cause: err },
    );
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, origin: 'throwaway', stop };
}

let counter = 0;

/** A schema name no other test (or test file, or earlier run) uses. */
export function uniqueSchema(prefix = 't'): string {
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}
