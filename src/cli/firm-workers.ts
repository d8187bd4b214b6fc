/**
 * Worker threads for the firm-level simulation (core/firms/kernel.ts): the network and the
 * state live in SharedArrayBuffers; each step's two phases are split over the main thread
 * and W workers by contiguous firm ranges balanced by link counts. Workers are woken and
 * joined with Atomics on a shared control array, so a phase costs a few microseconds of
 * coordination and no copying.
 *
 * Results do not depend on the number of workers: each phase writes only the entries of the
 * firms in its range, and totals are summed on the main thread in firm order afterwards.
 *
 * Sweeps (`firms simulate --sweep`) run whole scenarios instead: `sweepScenarioRow` is one
 * scenario, summarized in a row of numbers, and `runSweepInThreads` spreads the scenarios over
 * threads that read the same shared network, each with its own state. A scenario is computed
 * by the same sequential code wherever it runs, so the rows do not depend on the threads (or,
 * through cli/distributed, on the machines).
 *
 * This file is both the pools (main thread) and the workers' entry point.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import type {
  FirmShock,
  FirmSimOptions,
  FirmState,
  KernelParams,
  PhaseRunner,
} from '../core/firms/index.js';
import {
  compileShocks,
  createScratch,
  phaseA,
  phaseB,
  simulateFirms,
} from '../core/firms/index.js';
import type { Allocator, FirmNetwork } from '../core/firms/network.js';

export const sharedAllocator: Allocator = (n) => new SharedArrayBuffer(n);

const GEN = 0; // generation counter: bumped to start a phase
const PHASE = 1; // 0 = A, 1 = B, 2 = exit
const DONE = 2; // workers finished with this phase

interface WorkerInit {
  kind: 'chokepoint-firm-worker';
  net: FirmNetwork;
  state: FirmState;
  params: KernelParams;
  ctrl: Int32Array;
  /** Firm range per phase: [loA, hiA, loB, hiB]. */
  range: [number, number, number, number];
}

/** Split 0..n into `parts` ranges with about equal `weight(hi) - weight(lo)`. */
export function balancedRanges(n: number, parts: number, cum: (i: number) => number): number[] {
  const cuts = [0];
  const total = cum(n);
  for (let p = 1; p < parts; p++) {
    const want = (total * p) / parts;
    let lo = cuts[p - 1]!;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum(mid) < want) lo = mid + 1;
      else hi = mid;
    }
    cuts.push(lo);
  }
  cuts.push(n);
  return cuts;
}

/** Network without the name lists (workers need only the arrays). */
function arraysOnly(net: FirmNetwork): FirmNetwork {
  return { ...net, ids: undefined, sectorNames: [], countryNames: [] };
}

function spawn(init: WorkerInit | SweepInit): Worker {
  const js = fileURLToPath(new URL('./firm-workers.js', import.meta.url));
  if (existsSync(js)) return new Worker(js, { workerData: init });
  // Under the TypeScript sources (tests, tsx): register tsx in the worker first.
  const ts = new URL('./firm-workers.ts', import.meta.url).href;
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  const tsx = pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts)}); });`;
  return new Worker(boot, { eval: true, workerData: init });
}

export interface FirmWorkerPool {
  /** PhaseRunner for simulateFirms (blocks the main thread while a phase runs). */
  readonly run: PhaseRunner;
  close(): Promise<void>;
}

/**
 * Start `workers` threads on a network and state allocated with `sharedAllocator`. The main
 * thread takes the first range itself. Resolves once every worker is waiting.
 */
export async function startFirmWorkers(
  net: FirmNetwork,
  state: FirmState,
  params: KernelParams,
  workers: number,
): Promise<FirmWorkerPool> {
  const parts = workers + 1;
  const cutsA = balancedRanges(net.nFirms, parts, (i) => net.inOffsets[i]! + i);
  const cutsB = balancedRanges(net.nFirms, parts, (i) => net.outOffsets[i]! + i);
  const ctrl = new Int32Array(new SharedArrayBuffer(16));
  const bare = arraysOnly(net);
  const pool: Worker[] = [];
  const ready: Promise<void>[] = [];
  for (let w = 1; w <= workers; w++) {
    const worker = spawn({
      kind: 'chokepoint-firm-worker',
      net: bare,
      state,
      params,
      ctrl,
      range: [cutsA[w]!, cutsA[w + 1]!, cutsB[w]!, cutsB[w + 1]!],
    });
    pool.push(worker);
    ready.push(
      new Promise((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      }),
    );
  }
  await Promise.all(ready);
  const scratch = createScratch(net);
  const signal = (phase: number): void => {
    Atomics.store(ctrl, PHASE, phase);
    Atomics.store(ctrl, DONE, 0);
    Atomics.add(ctrl, GEN, 1);
    Atomics.notify(ctrl, GEN);
  };
  const run: PhaseRunner = (phase) => {
    signal(phase);
    if (phase === 0) phaseA(net, state, params, cutsA[0]!, cutsA[1]!);
    else phaseB(net, state, params, scratch, cutsB[0]!, cutsB[1]!);
    for (let v = Atomics.load(ctrl, DONE); v < workers; v = Atomics.load(ctrl, DONE)) {
      Atomics.wait(ctrl, DONE, v);
    }
  };
  return {
    run,
    async close() {
      signal(2);
      await Promise.all(pool.map((w) => new Promise((r) => w.once('exit', r))));
    },
  };
}

function workerMain(init: WorkerInit, ready: () => void): void {
  const { net, state, params, ctrl, range } = init;
  const scratch = createScratch(net);
  // Read the generation before saying ready: main bumps it only after every worker is ready.
  let gen = Atomics.load(ctrl, GEN);
  ready();
  for (;;) {
    Atomics.wait(ctrl, GEN, gen);
    gen = Atomics.load(ctrl, GEN);
    const phase = Atomics.load(ctrl, PHASE);
    if (phase === 2) return;
    if (phase === 0) phaseA(net, state, params, range[0], range[1]);
    else phaseB(net, state, params, scratch, range[2], range[3]);
    Atomics.add(ctrl, DONE, 1);
    Atomics.notify(ctrl, DONE);
  }
}

/** `firms simulate --sweep`: one scenario per country or per sector. */
export interface FirmSweepSpec {
  /** Group firms by country or by sector; one scenario per group. */
  by: 'countries' | 'sectors';
  /** Share of capacity each firm of the group loses (0..1). */
  delta: number;
  /** Steps to recover linearly (0: permanent). */
  recovery: number;
}

export interface SweepSetup {
  net: FirmNetwork;
  /** Shocks of every scenario (the network's own shocks file), before the group's. */
  baseShocks: readonly FirmShock[];
  options: FirmSimOptions;
  sweep: FirmSweepSpec;
}

/** The groups a sweep runs (those with at least one firm): index, name and firm count. */
export function sweepGroups(
  net: FirmNetwork,
  by: FirmSweepSpec['by'],
): { group: number; name: string; firms: number }[] {
  const names = by === 'countries' ? net.countryNames : net.sectorNames;
  const of = by === 'countries' ? net.country : net.sector;
  const counts = new Array<number>(names.length).fill(0);
  for (let i = 0; i < net.nFirms; i++) counts[of[i]!]!++;
  return names
    .map((name, group) => ({ group, name: name === '' ? '(none)' : name, firms: counts[group]! }))
    .filter((g) => g.firms > 0);
}

/** Values in a sweep row: 9 totals, then production lost per country. */
export const sweepStride = (net: FirmNetwork): number => 9 + net.countryNames.length;

/**
 * One scenario of a sweep: the firms of `group` lose `delta` of their capacity from step 0
 * (recovering over `recovery` steps, 0 = never), on top of the base shocks. The row:
 * [baseline production, baseline final consumption, firms shocked, production lost,
 * final consumption lost, lowest production, its step, last production, last final
 * consumption, production lost per country...], where "lost" sums baseline minus actual over
 * the steps t = 0..steps-1.
 */
export function sweepScenarioRow(setup: SweepSetup, group: number): Float64Array {
  const { net, sweep } = setup;
  const of = sweep.by === 'countries' ? net.country : net.sector;
  const shocks: FirmShock[] = [...setup.baseShocks];
  let shocked = 0;
  for (let i = 0; i < net.nFirms; i++) {
    if (of[i] !== group) continue;
    shocks.push({ firm: i, delta: sweep.delta, start: 0, recovery: sweep.recovery });
    shocked++;
  }
  const r = simulateFirms(net, compileShocks(net.nFirms, shocks), {
    ...setup.options,
    snapshots: [],
  });
  const s = r.series;
  const rows = s.t.length;
  const row = new Float64Array(sweepStride(net));
  let lost = 0;
  let consLost = 0;
  let min = Infinity;
  let minStep = -1;
  for (let k = 1; k < rows; k++) {
    lost += s.production[0]! - s.production[k]!;
    consLost += s.finalConsumption[0]! - s.finalConsumption[k]!;
    if (s.production[k]! < min) {
      min = s.production[k]!;
      minStep = s.t[k]!;
    }
  }
  row[0] = s.production[0]!;
  row[1] = s.finalConsumption[0]!;
  row[2] = shocked;
  row[3] = lost;
  row[4] = consLost;
  row[5] = rows > 1 ? min : s.production[0]!;
  row[6] = minStep;
  row[7] = s.production[rows - 1]!;
  row[8] = s.finalConsumption[rows - 1]!;
  net.countryNames.forEach((_, g) => {
    let l = 0;
    for (let k = 1; k < rows; k++)
      l += s.productionByCountry[g * rows]! - s.productionByCountry[g * rows + k]!;
    row[9 + g] = l;
  });
  return row;
}

interface SweepInit {
  kind: 'chokepoint-firm-sweep';
  setup: SweepSetup;
}

type SweepReply = { index: number; row: Float64Array } | { index: number; error: string };

/**
 * Run the scenarios of `groups` on `threads` worker threads (the network in SharedArrayBuffers,
 * read with `sharedAllocator`, is shared, not copied); rows in the order of `groups`.
 */
export function runSweepInThreads(
  setup: SweepSetup,
  groups: readonly number[],
  threads: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Float64Array[]> {
  const total = groups.length;
  const rows = new Array<Float64Array>(total);
  if (total === 0) return Promise.resolve(rows);
  const count = Math.max(1, Math.min(threads, total));
  const init: SweepInit = {
    kind: 'chokepoint-firm-sweep',
    setup: { ...setup, net: { ...setup.net, ids: undefined } },
  };
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of pool) void w.terminate();
      if (err) reject(err);
      else resolve(rows);
    };
    const feed = (w: Worker) => {
      if (next < total) {
        const index = next++;
        w.postMessage({ index, group: groups[index]! });
      }
    };
    for (let q = 0; q < count; q++) {
      const w = spawn(init);
      pool.push(w);
      w.on('message', (reply: SweepReply) => {
        if ('error' in reply) return finish(new Error(`firm sweep worker: ${reply.error}`));
        rows[reply.index] = reply.row;
        done++;
        onProgress?.(done, total);
        if (done === total) finish();
        else feed(w);
      });
      w.on('error', (err) => finish(err));
      w.on('exit', (code) => {
        if (done < total && code !== 0)
          finish(new Error(`firm sweep worker exited with code ${code}`));
      });
      feed(w);
    }
  });
}

const init = workerData as WorkerInit | SweepInit | undefined;
if (!isMainThread && init?.kind === 'chokepoint-firm-worker') {
  const { parentPort } = await import('node:worker_threads');
  workerMain(init, () => parentPort!.postMessage('ready'));
  process.exit(0);
}
if (!isMainThread && init?.kind === 'chokepoint-firm-sweep') {
  const { parentPort } = await import('node:worker_threads');
  const port = parentPort!;
  const setup = init.setup;
  port.on('message', (task: { index: number; group: number }) => {
    try {
      const row = sweepScenarioRow(setup, task.group);
      port.postMessage({ index: task.index, row } satisfies SweepReply, [
        row.buffer as ArrayBuffer,
      ]);
    } catch (err) {
      port.postMessage({ index: task.index, error: (err as Error).message } satisfies SweepReply);
    }
  });
}
