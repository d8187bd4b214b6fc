/**
 * Benchmark of distributed Monte Carlo (`risk --redis`, docs/distributed.md) beside its named
 * peer, the same Monte Carlo in one local process:
 *
 *   node --import tsx bench/distributed.bench.ts [--runs N] [--quick]
 *
 * Workload: the bundled dataset (a frozen copy, read by path like any non-bundled dataset)
 * and a generated risk model of 24 events (each supplier of 6 restricting one of 4 areas to
 * CHN, probability 0.3), so almost every run is its own equilibrium; seed 1.
 *
 * 1. Local: the distinct sets evaluated one after another in this process (what
 *    `risk --workers 1` does), twice, the faster pass kept: equilibria per second.
 * 2. Per-batch overhead: one worker process (one compute thread) takes the same sets in
 *    batches of 1 set and in one batch of all: the difference over the difference in batches
 *    is the cost per batch (queue round trips, encoding, thread hand-off); one batch minus
 *    the local time is the fixed cost per command (session, dataset hash, polling tail).
 *    Every distributed figure is the faster of two runs.
 * 3. The batch size that keeps the per-batch cost under 5% of a batch's work:
 *    b >= 19 c / t, with c the cost per batch and t the time of one equilibrium.
 * 4. Two worker processes (one thread each; the machine has 2 cores): throughput with the
 *    default batch size and with the batch size of 3, and the speed-up over local.
 *
 * Every distributed result is aggregated and compared with the local JSON: the bench fails if
 * a byte differs. Timings are single runs on a shared machine. Results: bench/out/distributed.json.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { evaluateInRedis } from '../src/cli/distributed/client.js';
import { defaultBatchSize } from '../src/cli/distributed/protocol.js';
import { stableJson } from '../src/cli/output.js';
import { compileDataset } from '../src/core/compile.js';
import { resolvePerspective } from '../src/core/perspective.js';
import type { RunOutcome } from '../src/core/risk/index.js';
import {
  aggregateRisk,
  createRiskContext,
  drawRiskRuns,
  evaluateEvents,
} from '../src/core/risk/index.js';
import { loadDataset } from '../src/io/read-dataset.js';
import { readRiskFile } from '../src/io/read-risk.js';
import { freePort, startRedisServer, stopRedisServer } from '../test/distributed/redis-server.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : quick ? 120 : 400;
const SEED = 1;

const tmp = mkdtempSync(join(os.tmpdir(), 'chokepoint-bench-dist-'));
const dataDir = join(tmp, 'data');
cpSync(join(ROOT, 'data'), dataDir, { recursive: true });

function manyEventsModel(): string {
  const suppliers = ['USA', 'JPN', 'NLD', 'DEU', 'KOR', 'TWN'];
  const areas = ['ic', 'machine-tools', 'basic-software', 'instruments'];
  const lines = ['id: bench-24-events', 'perspective: CHN', 'events:'];
  for (const k of suppliers)
    for (const a of areas)
      lines.push(
        `  - id: ${k.toLowerCase()}-${a}`,
        '    probability: 0.3',
        `    shocks: [ { restrict: { from: [${k}], to: [CHN], areas: [${a}] } } ]`,
      );
  const file = join(tmp, 'many-events.yaml');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const dataset = loadDataset(dataDir).dataset;
const c = compileDataset(dataset);
const model = readRiskFile(manyEventsModel()).model;
const p = resolvePerspective(c, 'CHN');
const draws = drawRiskRuns(model, RUNS, SEED);
const sets = draws.distinct;
const report = (outcomes: RunOutcome[]) =>
  stableJson(aggregateRisk(c, model, p, draws, outcomes, SEED, undefined));

// 1. Local, one process, one thread.
const ctx = createRiskContext(c, model, p);
// Twice, keeping the faster: the first pass also warms the JIT up.
let t0 = 0;
let localMs = Infinity;
let localOutcomes: RunOutcome[] = [];
for (let pass = 0; pass < 2; pass++) {
  t0 = performance.now();
  localOutcomes = sets.map((events) => evaluateEvents(ctx, events));
  localMs = Math.min(localMs, performance.now() - t0);
}
const localJson = report(localOutcomes);
console.log(
  `load average at start: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
const perEq = localMs / sets.length;
console.log(
  `local: ${sets.length} equilibria (${RUNS} runs) in ${(localMs / 1000).toFixed(2)} s, ${((1000 * sets.length) / localMs).toFixed(1)} equilibria/s, ${perEq.toFixed(1)} ms each`,
);

// Redis and worker processes.
const port = await freePort();
const server = await startRedisServer(port);
const url = `redis://127.0.0.1:${port}`;
const prefix = `bench-${process.pid}`;
const workers: ChildProcess[] = [];

async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench/distributed-worker.ts'), url, prefix, '1'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  workers.push(child);
  await new Promise<void>((res, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready\n')) res();
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
  return child;
}

const setup = {
  dataset,
  datasetPath: dataDir,
  bundled: false,
  model,
  perspective: 'CHN',
  nAreas: c.areaIds.length,
};

async function distributed(batchSize: number, subset = sets): Promise<number> {
  t0 = performance.now();
  const outcomes = await evaluateInRedis(setup, subset, { redis: url, prefix, batchSize });
  const ms = performance.now() - t0;
  if (subset === sets && report(outcomes) !== localJson)
    throw new Error(`batch size ${batchSize}: the distributed JSON differs from the local JSON`);
  return ms;
}

/** The faster of two runs: the machine is shared, and the minimum is the least disturbed. */
async function best(batchSize: number): Promise<number> {
  return Math.min(await distributed(batchSize), await distributed(batchSize));
}

interface Row {
  workers: number;
  batchSize: number;
  batches: number;
  ms: number;
}
const rows: Row[] = [];
try {
  // 2. One worker process: the cost per batch, from batches of 1 against one batch of all.
  await startWorkerProcess();
  await distributed(1, sets.slice(0, 4)); // the worker loads and compiles the dataset once
  const one = async (b: number): Promise<Row> => {
    const ms = await best(b);
    const row = { workers: 1, batchSize: b, batches: Math.ceil(sets.length / b), ms };
    rows.push(row);
    console.log(
      `1 worker, batches of ${b} (${row.batches} batches): ${(ms / 1000).toFixed(2)} s, ${((1000 * sets.length) / ms).toFixed(1)} equilibria/s, ${(ms / localMs).toFixed(3)}x local`,
    );
    return row;
  };
  const small = await one(1);
  const whole = await one(sets.length);
  const perBatch = Math.max(0, (small.ms - whole.ms) / (small.batches - whole.batches));
  const fixed = whole.ms - localMs;
  // 3. Overhead under 5%: perBatch / (b * perEq) <= 0.05.
  const needed = Math.max(1, Math.ceil((19 * perBatch) / perEq));
  console.log(
    `cost per batch ${perBatch.toFixed(1)} ms, fixed cost per command ${fixed.toFixed(0)} ms; overhead under 5% from ${needed} equilibria (${((needed * perEq) / 1000).toFixed(2)} s of work) per batch`,
  );

  // 4. Two worker processes.
  await startWorkerProcess();
  await distributed(1, sets.slice(0, 4));
  const two: Row[] = [];
  for (const b of [...new Set([defaultBatchSize(sets.length), needed])]) {
    const ms = await best(b);
    const row = { workers: 2, batchSize: b, batches: Math.ceil(sets.length / b), ms };
    rows.push(row);
    two.push(row);
    console.log(
      `2 workers, batches of ${b} (${row.batches} batches): ${(ms / 1000).toFixed(2)} s, ${((1000 * sets.length) / ms).toFixed(1)} equilibria/s, speed-up over local ${(localMs / ms).toFixed(2)}x`,
    );
  }
  const out = {
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? 'unknown',
      memGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    runs: RUNS,
    equilibria: sets.length,
    local: { ms: localMs, perEquilibriumMs: perEq },
    rows,
    perBatchMs: perBatch,
    fixedMs: fixed,
    batchSizeFor5Percent: needed,
    sameBytes: true,
    loadAverageAtEnd: os.loadavg(),
  };
  mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/out/distributed.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('same JSON bytes as the local run: yes (every distributed run)');
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
} finally {
  for (const w of workers) {
    if (w.exitCode !== null) continue;
    const exited = new Promise((res) => w.once('exit', res));
    w.kill('SIGTERM');
    await exited;
  }
  await stopRedisServer(server);
  rmSync(tmp, { recursive: true, force: true });
}
