/**
 * kill -9 the server while it saves runs: the harness of server-crash.test.ts and bench/crash.ts.
 *
 * A cycle: clients POST `/api/simulate?save=true` to a real `chokepoint serve` process and keep
 * the run id of every acknowledged save (a 201 with `Chokepoint-Run-Id`: the server answers
 * only after the store committed) with a digest of the report it answered; once enough saves
 * are acknowledged and requests are in flight, the server gets SIGKILL. Then, with the server
 * dead, the store is opened directly: every save acknowledged so far must be there, complete
 * (its results equal the report the client received), and the database must pass the
 * integrity checks (integrity.ts). The server is restarted on the same store and must serve
 * every acknowledged run (`GET /api/runs/<id>`, and in `GET /api/runs`) and accept new saves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, sha256Hex } from '../../src/store/hash.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import type { ServerProcess } from '../load/server-process.js';
import { REPO_ROOT, startServerProcess } from '../load/server-process.js';
import { postgresIntegrityProblems, sqliteIntegrityProblems } from './integrity.js';
import { dropSchema, uniqueSchema } from './pg-server.js';
import pg from 'pg';

/** A store the server is started on, and the same store opened directly. */
export interface CrashStore {
  backend: 'sqlite' | 'postgres';
  /** The server's `--db`. */
  db: string;
  open(): Promise<Store>;
  integrityProblems(): Promise<string[]>;
  dispose(): Promise<void>;
}

export function sqliteCrashStore(dir: string): CrashStore {
  const file = join(dir, 'store.db');
  return {
    backend: 'sqlite',
    db: file,
    open: async () => SqliteStore.open(file),
    integrityProblems: () => sqliteIntegrityProblems(file),
    dispose: async () => undefined,
  };
}

/**
 * A fresh schema in the database at `url`; the server reaches it through the URL's `options`
 * (`-c search_path=SCHEMA`), since `chokepoint serve --db URL` takes no schema of its own.
 */
export async function postgresCrashStore(url: string): Promise<CrashStore> {
  const schema = uniqueSchema('crash');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await c.end();
  }
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    backend: 'postgres',
    db: u.toString(),
    open: () => PostgresStore.open(url, { schema }),
    integrityProblems: () => postgresIntegrityProblems(url, schema),
    dispose: () => dropSchema(url, schema),
  };
}

export interface Ack {
  id: string;
  /** SHA-256 of the canonical JSON of the report the server answered. */
  digest: string;
}

const digest = (value: unknown) => sha256Hex(canonicalJson(value));

/** The scenario the clients save, and the perspectives they rotate through (distinct results). */
const SCENARIO = readFileSync(join(REPO_ROOT, 'data/scenarios/japan-korea-2019.yaml'), 'utf8');
const COUNTRIES = ['CHN', 'USA', 'JPN', 'KOR', 'DEU', 'NLD', 'TWN'];

async function saveOnce(base: string, n: number): Promise<Response> {
  return fetch(`${base}/api/simulate?save=true&country=${COUNTRIES[n % COUNTRIES.length]}`, {
    method: 'POST',
    headers: { 'content-type': 'application/yaml' },
    body: SCENARIO,
  });
}

/** Read an acknowledged save's answer: its run id and report digest, or why it is not one. */
async function ackOf(res: Response): Promise<Ack | string> {
  const text = await res.text();
  const id = res.headers.get('chokepoint-run-id');
  if (res.status !== 201 || !id)
    return `${res.status} ${id ?? '(no Chokepoint-Run-Id)'} ${text.slice(0, 200)}`;
  if (res.headers.get('location') !== `/api/runs/${id}`)
    return `201 for ${id} with Location ${res.headers.get('location')}`;
  return { id, digest: digest(JSON.parse(text)) };
}

export interface KillResult {
  /** Saves acknowledged in this cycle (a 201 received in full, even just after the kill). */
  acked: Ack[];
  /** Requests sent and unanswered when SIGKILL was sent. */
  inFlightAtKill: number;
  /** Requests that failed after the kill (connections reset). */
  lostInFlight: number;
  /** Answers other than a 201 acknowledgement, or failures before the kill: must be none. */
  unexpected: string[];
  /** How the server ended: SIGKILL. */
  signal: NodeJS.Signals | null;
}

/**
 * `clients` loops save until `acks` saves are acknowledged, then (after `delayMs`) SIGKILL the
 * server while a request is in flight, and wait until every client has its answer or its error.
 */
export async function saveUntilKilled(
  server: ServerProcess,
  options: { acks: number; clients: number; delayMs?: number },
): Promise<KillResult> {
  const acked: Ack[] = [];
  const unexpected: string[] = [];
  let inFlight = 0;
  let inFlightAtKill = -1;
  let lostInFlight = 0;
  let sent = 0;
  let killed = false;
  let exit: Promise<{ signal: NodeJS.Signals | null }> | undefined;
  const kill = () => {
    if (killed) return;
    killed = true;
    inFlightAtKill = inFlight;
    exit = server.kill();
  };
  // Once enough saves are acknowledged: wait `delayMs` (so the kill lands at a different point
  // of a save each cycle), then kill as soon as a request is in flight.
  let scheduled = false;
  const killSoon = () => {
    if (killed) return;
    if (inFlight > 0) kill();
    else setTimeout(killSoon, 1);
  };
  const client = async () => {
    while (!killed) {
      inFlight += 1;
      let res: Response | undefined;
      try {
        res = await saveOnce(server.url, sent++);
        const ack = await ackOf(res);
        inFlight -= 1;
        if (typeof ack === 'string') unexpected.push(ack);
        else acked.push(ack);
      } catch (err) {
        inFlight -= 1;
        if (killed) lostInFlight += 1;
        else unexpected.push(`request failed before the kill: ${(err as Error).message}`);
        continue;
      }
      if (!scheduled && acked.length >= options.acks) {
        scheduled = true;
        if (options.delayMs) setTimeout(killSoon, options.delayMs);
        else killSoon();
      }
      // A server that answers but does not save: stop rather than loop forever.
      if (unexpected.length >= 10) kill();
    }
  };
  // The server dying on its own must not leave the clients looping.
  void server.exited.then(() => {
    if (!killed) {
      unexpected.push(`the server exited by itself: ${server.stderr()}`);
      killed = true;
    }
  });
  await Promise.all(Array.from({ length: options.clients }, client));
  const signal = exit ? (await exit).signal : null;
  return { acked, inFlightAtKill, lostInFlight, unexpected, signal };
}

/** Every acknowledged save is in the store, complete; returns the problems. */
export async function checkInStore(
  store: Store,
  acked: readonly Ack[],
): Promise<{ problems: string[]; runs: number }> {
  const problems: string[] = [];
  for (const a of acked) {
    const run = await store.getRun(a.id);
    if (!run) problems.push(`acknowledged run ${a.id} is missing from the store`);
    else if (run.status !== 'ok' || run.kind !== 'simulate')
      problems.push(`run ${a.id}: ${run.kind} ${run.status}`);
    else if (digest(run.results) !== a.digest)
      problems.push(`run ${a.id}: stored results differ from the acknowledged report`);
  }
  const listed = new Set((await store.listRuns({ limit: 10_000 })).map((r) => r.id));
  for (const a of acked) if (!listed.has(a.id)) problems.push(`run ${a.id} is not in listRuns`);
  return { problems, runs: listed.size };
}

/** Every acknowledged save through the server: `GET /api/runs/<id>` and `GET /api/runs`. */
export async function checkThroughServer(base: string, acked: readonly Ack[]): Promise<string[]> {
  const problems: string[] = [];
  for (const a of acked) {
    const res = await fetch(`${base}/api/runs/${a.id}`);
    if (res.status !== 200) {
      problems.push(`GET /api/runs/${a.id}: ${res.status}`);
      await res.arrayBuffer();
      continue;
    }
    const run = (await res.json()) as { id?: string; status?: string; results?: unknown };
    if (run.id !== a.id || run.status !== 'ok')
      problems.push(`GET /api/runs/${a.id}: id ${run.id}, status ${run.status}`);
    else if (digest(run.results) !== a.digest)
      problems.push(`GET /api/runs/${a.id}: results differ from the acknowledged report`);
  }
  const list = await fetch(`${base}/api/runs?limit=10000`);
  const body = (await list.json()) as { runs?: { id: string }[] };
  if (list.status !== 200 || !Array.isArray(body.runs))
    problems.push(`GET /api/runs: ${list.status}`);
  else {
    const ids = new Set(body.runs.map((r) => r.id));
    for (const a of acked) if (!ids.has(a.id)) problems.push(`GET /api/runs lacks ${a.id}`);
  }
  return problems;
}

export interface CycleReport {
  acked: number;
  /** Milliseconds between the last needed acknowledgement and the kill. */
  delayMs: number;
  inFlightAtKill: number;
  lostInFlight: number;
  signal: NodeJS.Signals | null;
  /** Runs in the store after the crash, acknowledged or not (in flight, committed, unanswered). */
  runsAfterCrash: number;
  /** Acknowledged saves checked in the store after this crash (all so far). */
  checked: number;
}

export interface CrashReport {
  backend: 'sqlite' | 'postgres';
  cycles: CycleReport[];
  /** Acknowledged saves in all (including one save after each restart). */
  acknowledged: number;
  /** Checks of an acknowledged save in the store after a crash (a save is checked after every later crash too). */
  checks: number;
  /** Everything wrong: missing or incomplete runs, integrity problems, unexpected answers. */
  problems: string[];
}

export interface CrashOptions {
  cycles: number;
  /** Acknowledged saves before each kill. */
  acks: number;
  /** Concurrent clients. */
  clients: number;
  entry?: 'source' | 'dist';
  /** With `entry: 'dist'`: another build's bin/chokepoint.js. */
  bin?: string | undefined;
  log?: (line: string) => void;
}

/** Run `cycles` kill/check/restart cycles on one store; the server is stopped at the end. */
export async function crashCycles(target: CrashStore, o: CrashOptions): Promise<CrashReport> {
  const log = o.log ?? (() => undefined);
  const acked: Ack[] = [];
  const problems: string[] = [];
  const cycles: CycleReport[] = [];
  let checks = 0;
  const start = () => startServerProcess({ db: target.db, entry: o.entry ?? 'source', bin: o.bin });
  let server: ServerProcess | undefined = await start();
  try {
    for (let i = 1; i <= o.cycles; i++) {
      // 0, 47, 94 ... 235, 42 ... ms after the last needed acknowledgement.
      const delayMs = ((i - 1) * 47) % 240;
      const k = await saveUntilKilled(server, { acks: o.acks, clients: o.clients, delayMs });
      server = undefined;
      acked.push(...k.acked);
      problems.push(...k.unexpected.map((u) => `cycle ${i}: ${u}`));
      if (k.signal !== 'SIGKILL') problems.push(`cycle ${i}: the server ended by ${k.signal}`);
      if (k.inFlightAtKill < 1) problems.push(`cycle ${i}: no request was in flight at the kill`);

      // The server is dead: the store as the crash left it.
      const integrity = await target.integrityProblems();
      problems.push(...integrity.map((p) => `cycle ${i}: integrity: ${p}`));
      const store = await target.open();
      let runs = 0;
      try {
        const r = await checkInStore(store, acked);
        runs = r.runs;
        problems.push(...r.problems.map((p) => `cycle ${i}: ${p}`));
      } finally {
        await store.close();
      }
      checks += acked.length;
      const checked = acked.length;

      // Restart on the same store: it serves every acknowledged run and saves again.
      server = await start();
      problems.push(
        ...(await checkThroughServer(server.url, acked)).map((p) => `cycle ${i}: ${p}`),
      );
      const again = await ackOf(await saveOnce(server.url, i));
      if (typeof again === 'string') problems.push(`cycle ${i}: save after restart: ${again}`);
      else acked.push(again);

      const c: CycleReport = {
        acked: k.acked.length,
        delayMs,
        inFlightAtKill: k.inFlightAtKill,
        lostInFlight: k.lostInFlight,
        signal: k.signal,
        runsAfterCrash: runs,
        checked,
      };
      cycles.push(c);
      log(
        `${target.backend} cycle ${i}: ${c.acked} acknowledged, SIGKILL ${delayMs} ms later with ` +
          `${c.inFlightAtKill} in flight, ` +
          `${runs} runs in the store after the crash, ${checked} acknowledged saves checked, ` +
          `${problems.length} problems so far`,
      );
    }
    await server.stop();
    server = undefined;
    // Stopped cleanly: the last check, with the final save of the last restart.
    problems.push(...(await target.integrityProblems()).map((p) => `final: integrity: ${p}`));
    const store = await target.open();
    try {
      problems.push(...(await checkInStore(store, acked)).problems.map((p) => `final: ${p}`));
    } finally {
      await store.close();
    }
    checks += acked.length;
  } finally {
    await server?.kill();
  }
  return { backend: target.backend, cycles, acknowledged: acked.length, checks, problems };
}
