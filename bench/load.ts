/**
 * Load benchmark on loopback: the real server (`chokepoint serve`, a child process) under
 * autocannon, bounded in time, beside a peer (bench/load-peer.ts: bare node:http answering the
 * same bytes, precomputed). Issue 8's proof: requests per second and p99 latency for reads and
 * for simulations, zero errors, memory flat over the run.
 *
 *   node --import tsx bench/load.ts [--seconds 15] [--warmup 2] [--source]
 *        [--scenario japan-korea-2019] [--read-connections 10] [--sim-connections 4] [--no-save]
 *        [--per-endpoint] [--bin PATH/bin/chokepoint.js]
 *
 * Phases, each a warm-up (not counted) then `--seconds` of load, Chokepoint and peer in turn:
 *   reads     GET /api/items, /api/overview, /api/items/<id>, /api/concentration (each
 *             connection cycles through the four);
 *   simulate  POST /api/simulate with a library scenario's YAML (data/scenarios/);
 *   save      POST /api/simulate?save=true into a fresh SQLite store, when the server supports
 *             it (201 with Chokepoint-Run-Id); afterwards every acknowledged run id must be in
 *             the store with its results, and the file must pass its integrity check. No peer:
 *             the floor has no store.
 *   --per-endpoint adds a phase per read endpoint (Chokepoint and peer).
 * The server's resident memory (VmRSS) is sampled every second; "flat" compares the mean of the
 * last third of a phase's samples with the first third.
 *
 * By default the server is the installed command, bin/chokepoint.js (dist/: `npm run build`
 * first), or `--bin PATH` another build's; `--source` runs the TypeScript sources through tsx
 * instead (its loader adds about 60 MiB of memory). Prints tables and writes
 * bench/out/load.json. Exits 1 if any request failed (an error, a timeout or a non-2xx answer).
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { CannonRequest, PhaseFigures } from '../test/load/cannon.js';
import { cannon, figures } from '../test/load/cannon.js';
import type { ServerProcess } from '../test/load/server-process.js';
import { REPO_ROOT, rssBytes, startServerProcess } from '../test/load/server-process.js';
import { SqliteStore } from '../src/store/sqlite.js';

const { values: opt } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '2' },
    source: { type: 'boolean', default: false },
    bin: { type: 'string' },
    scenario: { type: 'string', default: 'japan-korea-2019' },
    'read-connections': { type: 'string', default: '10' },
    'sim-connections': { type: 'string', default: '4' },
    'no-save': { type: 'boolean', default: false },
    'per-endpoint': { type: 'boolean', default: false },
    out: { type: 'string', default: join(REPO_ROOT, 'bench/out/load.json') },
  },
});
const positive = (name: string, v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
};
const SECONDS = positive('seconds', opt.seconds);
const WARMUP = positive('warmup', opt.warmup);
const READ_CONNECTIONS = positive('read-connections', opt['read-connections']);
const SIM_CONNECTIONS = positive('sim-connections', opt['sim-connections']);

/** Newest modification time of the .ts sources the build compiles. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

interface RssSample {
  t: number;
  bytes: number;
}

/** Samples a process's RSS every second until stopped. */
function rssSampler(pid: number) {
  const samples: RssSample[] = [];
  const take = () => {
    const bytes = rssBytes(pid);
    if (bytes !== undefined) samples.push({ t: Date.now(), bytes });
  };
  take();
  const timer = setInterval(take, 1000);
  return {
    samples,
    between: (from: number, to: number) => samples.filter((s) => s.t >= from && s.t <= to),
    stop: () => clearInterval(timer),
  };
}

interface Memory {
  samples: number;
  firstMiB: number;
  lastMiB: number;
  minMiB: number;
  maxMiB: number;
  /** Mean of the last third over the mean of the first third. */
  growth: number;
  /** Least-squares trend of RSS over time, MiB per minute. */
  slopeMiBPerMin: number;
}

const MiB = 1024 * 1024;
function memory(samples: RssSample[]): Memory {
  const b = samples.map((s) => s.bytes);
  const ts = samples.map((s) => (s.t - samples[0]!.t) / 60_000);
  const mt = ts.reduce((a, x) => a + x, 0) / ts.length;
  const mb = b.reduce((a, x) => a + x, 0) / b.length;
  const cov = ts.reduce((a, t, i) => a + (t - mt) * (b[i]! - mb), 0);
  const vt = ts.reduce((a, t) => a + (t - mt) ** 2, 0);
  const third = Math.max(1, Math.floor(b.length / 3));
  const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
  const first = mean(b.slice(0, third));
  const last = mean(b.slice(-third));
  return {
    samples: b.length,
    firstMiB: first / MiB,
    lastMiB: last / MiB,
    minMiB: Math.min(...b) / MiB,
    maxMiB: Math.max(...b) / MiB,
    growth: last / first,
    slopeMiBPerMin: vt > 0 ? cov / vt / MiB : 0,
  };
}

interface SaveCheck {
  supported: boolean;
  acknowledged?: number;
  /** Acknowledged runs absent from the store, or present without results. */
  missing?: number;
  runsInStore?: number;
  integrity?: string[];
}

interface Phase extends PhaseFigures {
  target: 'chokepoint' | 'peer';
  memory: Memory;
  /** Start and end of the measured part (ms since the epoch). */
  window: [number, number];
}

async function phase(
  target: 'chokepoint' | 'peer',
  name: string,
  server: ServerProcess,
  sampler: ReturnType<typeof rssSampler>,
  requests: CannonRequest[],
  connections: number,
  verifyBody?: (body: string) => boolean,
): Promise<Phase> {
  process.stderr.write(`  ${target} ${name}: ${WARMUP} s warm-up, ${SECONDS} s measured ...\n`);
  await cannon({ url: server.url, duration: WARMUP, connections, requests });
  const t0 = Date.now();
  const result = await cannon({
    url: server.url,
    duration: SECONDS,
    connections,
    requests,
    ...(verifyBody ? { verifyBody } : {}),
  });
  const t1 = Date.now();
  return {
    target,
    ...figures(name, result),
    memory: memory(sampler.between(t0, t1)),
    window: [t0, t1],
  };
}

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

async function main(): Promise<number> {
  const entry = opt.source ? 'source' : 'dist';
  if (entry === 'dist') {
    const root = opt.bin ? join(opt.bin, '../..') : REPO_ROOT;
    const built = statSync(join(root, 'dist/cli/main.js'), { throwIfNoEntry: false });
    if (!built) throw new Error('dist/ is missing: run `npm run build`, or pass --source');
    if (newestSource(join(root, 'src')) > built.mtimeMs)
      process.stderr.write(
        'warning: src/ has changed since dist/ was built; run `npm run build` (or --source)\n',
      );
  }
  const scenarioFile = join(REPO_ROOT, 'data/scenarios', `${opt.scenario}.yaml`);
  const scenarioText = readFileSync(scenarioFile, 'utf8');
  const tmp = mkdtempSync(join(tmpdir(), 'chokepoint-load-'));
  const started: ServerProcess[] = [];
  const samplers: ReturnType<typeof rssSampler>[] = [];
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeGiB: Math.round(freemem() / 2 ** 30),
    node: process.version,
    loadAverageStart: loadavg()[0]!,
    loadAverageEnd: 0,
  };
  try {
    const db = join(tmp, 'store.db');
    const chk = await startServerProcess({ db, entry, bin: opt.bin });
    started.push(chk);
    const chkRss = rssSampler(chk.pid);
    samplers.push(chkRss);

    const items = (await (await fetch(`${chk.url}/api/items`)).json()) as { id: string }[];
    const item = items.find((i) => i.id === 'lithography-tools')?.id ?? items[0]!.id;
    const reads: CannonRequest[] = [
      { path: '/api/items' },
      { path: '/api/overview' },
      { path: `/api/items/${item}` },
      { path: '/api/concentration' },
    ];
    const simulate: CannonRequest = {
      method: 'POST',
      path: '/api/simulate',
      headers: { 'content-type': 'application/yaml' },
      body: scenarioText,
    };

    // The peer's answers: exactly the bytes Chokepoint gives for the same requests.
    const manifest: Record<string, string> = {};
    for (const [i, r] of [...reads, simulate].entries()) {
      const res = await fetch(`${chk.url}${r.path}`, {
        method: r.method ?? 'GET',
        ...(r.headers ? { headers: r.headers } : {}),
        ...(r.body !== undefined ? { body: r.body } : {}),
      });
      if (res.status !== 200) throw new Error(`${r.method ?? 'GET'} ${r.path}: ${res.status}`);
      const file = join(tmp, `answer-${i}.json`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      manifest[`${r.method ?? 'GET'} ${r.path}`] = file;
    }
    const manifestFile = join(tmp, 'manifest.json');
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const peer = await startServerProcess({
      argv: ['--import', 'tsx', join(REPO_ROOT, 'bench/load-peer.ts'), manifestFile],
    });
    started.push(peer);
    const peerRss = rssSampler(peer.pid);
    samplers.push(peerRss);

    const simBytes = statSync(manifest[`POST /api/simulate`]!).size;
    const isReport = (body: string) => body.length === simBytes && body.startsWith('{');
    process.stderr.write(
      `Chokepoint ${chk.url} (pid ${chk.pid}, ${entry}), peer ${peer.url} (pid ${peer.pid})\n`,
    );
    const phases: Phase[] = [];
    const t0 = Date.now();
    phases.push(await phase('chokepoint', 'reads', chk, chkRss, reads, READ_CONNECTIONS));
    phases.push(await phase('peer', 'reads', peer, peerRss, reads, READ_CONNECTIONS));
    phases.push(
      await phase('chokepoint', 'simulate', chk, chkRss, [simulate], SIM_CONNECTIONS, isReport),
    );
    phases.push(await phase('peer', 'simulate', peer, peerRss, [simulate], SIM_CONNECTIONS));

    // Per endpoint (optional): where the read time goes.
    if (opt['per-endpoint']) {
      for (const r of reads) {
        phases.push(await phase('chokepoint', `GET ${r.path}`, chk, chkRss, [r], READ_CONNECTIONS));
        phases.push(await phase('peer', `GET ${r.path}`, peer, peerRss, [r], READ_CONNECTIONS));
      }
    }

    // Saving runs, when the server does: every acknowledged run must be in the store.
    let save: SaveCheck = { supported: false };
    if (!opt['no-save']) {
      const probe = await fetch(`${chk.url}/api/simulate?save=true`, {
        method: 'POST',
        headers: simulate.headers!,
        body: scenarioText,
      });
      await probe.arrayBuffer();
      if (probe.status === 201 && probe.headers.get('chokepoint-run-id')) {
        const acked: string[] = [probe.headers.get('chokepoint-run-id')!];
        const p = await phase(
          'chokepoint',
          'simulate + save',
          chk,
          chkRss,
          [
            {
              ...simulate,
              path: '/api/simulate?save=true',
              onResponse: (status, _body, headers) => {
                const id = headers['chokepoint-run-id'];
                if (status === 201 && id) acked.push(id);
              },
            },
          ],
          SIM_CONNECTIONS,
          isReport,
        );
        phases.push(p);
        await chk.stop();
        const store = SqliteStore.open(db);
        try {
          let missing = 0;
          for (const id of acked) {
            const run = await store.getRun(id);
            if (!run || run.status !== 'ok' || run.results === null) missing += 1;
          }
          save = {
            supported: true,
            acknowledged: acked.length,
            missing,
            runsInStore: (await store.listRuns({ limit: 10_000 })).length,
            integrity: await store.integrityProblems(),
          };
        } finally {
          await store.close();
        }
      } else {
        process.stderr.write(
          `  (no save phase: POST /api/simulate?save=true answered ${probe.status} without Chokepoint-Run-Id)\n`,
        );
      }
    }
    machine.loadAverageEnd = loadavg()[0]!;

    // Tables.
    const rows = phases.map((p) => {
      const peer =
        p.target === 'chokepoint'
          ? phases.find((q) => q.target === 'peer' && q.title === p.title)
          : undefined;
      return {
        ...p,
        rpsRatio: peer ? p.rps / peer.rps : undefined,
        p99Ratio: peer ? p.p99Ms / Math.max(peer.p99Ms, 1) : undefined,
      };
    });
    const out: string[] = [];
    out.push(
      `\nLoad on loopback: ${machine.cpus} x ${machine.cpu}, Node ${machine.node}, ` +
        `${SECONDS} s per phase after ${WARMUP} s warm-up, scenario ${opt.scenario} ` +
        `(${fmt(simBytes / 1024)} KiB report), server ${entry}; load average ` +
        `${machine.loadAverageStart.toFixed(1)} -> ${machine.loadAverageEnd.toFixed(1)}\n`,
    );
    out.push(
      '| phase | server | conn. | requests | req/s | p50 ms | p99 ms | max ms | errors | timeouts | non-2xx | bad bodies | req/s vs peer | p99 vs peer | RSS first -> last third (MiB) |',
    );
    out.push(
      '| ----- | ------ | ----: | -------: | ----: | -----: | -----: | -----: | -----: | -------: | ------: | ---------: | ------------: | ----------: | ----------------------------: |',
    );
    for (const r of rows) {
      out.push(
        `| ${r.title} | ${r.target === 'chokepoint' ? 'Chokepoint' : 'peer (node:http)'} | ${r.connections} | ${fmt(r.requests)} | ${fmt(r.rps, r.rps < 100 ? 1 : 0)} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.errors} | ${r.timeouts} | ${r.non2xx} | ${r.mismatches} | ${r.rpsRatio === undefined ? '' : r.rpsRatio.toFixed(2)} | ${r.p99Ratio === undefined ? '' : r.p99Ratio.toFixed(1)} | ${fmt(r.memory.firstMiB)} -> ${fmt(r.memory.lastMiB)} (x${r.memory.growth.toFixed(2)}) |`,
      );
    }
    const chkEnd = Math.max(
      ...phases.filter((p) => p.target === 'chokepoint').map((p) => p.window[1]),
    );
    const whole = memory(chkRss.between(t0, chkEnd));
    out.push(
      `\nChokepoint RSS over the whole run (every phase, warm-ups and the peer's turns included): ${whole.samples} samples, ` +
        `min ${fmt(whole.minMiB)} MiB, max ${fmt(whole.maxMiB)} MiB, first third ${fmt(whole.firstMiB)} -> ` +
        `last third ${fmt(whole.lastMiB)} MiB (x${whole.growth.toFixed(2)}), trend ` +
        `${whole.slopeMiBPerMin.toFixed(1)} MiB/min`,
    );
    if (save.supported)
      out.push(
        `Saves (warm-up included): ${save.acknowledged} acknowledged (201), ${save.missing} of them ` +
          `missing or incomplete in the store, ${save.runsInStore} runs in the store (requests in ` +
          `flight when the load stopped may add a few), integrity check: ` +
          `${save.integrity!.length === 0 ? 'ok' : save.integrity!.join('; ')}`,
      );
    process.stdout.write(`${out.join('\n')}\n`);

    mkdirSync(join(opt.out, '..'), { recursive: true });
    writeFileSync(
      opt.out,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          command: `node --import tsx bench/load.ts ${process.argv.slice(2).join(' ')}`.trim(),
          machine,
          server: entry,
          scenario: opt.scenario,
          item,
          phases: rows,
          chokepointRssWhole: whole,
          save,
          rssSamples: {
            chokepoint: chkRss.samples,
            peer: peerRss.samples,
          },
        },
        null,
        2,
      )}\n`,
    );
    process.stderr.write(`wrote ${relative(process.cwd(), opt.out)}\n`);
    const failed = rows.some(
      (r) => r.errors + r.timeouts + r.non2xx + r.mismatches > 0 || r.requests === 0,
    );
    const lost =
      save.supported && (save.runsInStore! < save.acknowledged! || save.integrity!.length > 0);
    return failed || lost ? 1 : 0;
  } finally {
    for (const s of samplers) s.stop();
    for (const s of started) await s.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
