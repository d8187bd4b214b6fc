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
import { startModuleWorker } from '../io/threads.js';
import { runTaskPool } from './thread-pool.js';
import type { Worker } from 'node:worker_threads';
import { isMainThread, workerData } from 'node:worker_threads';
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

const spawnFirmWorker = (init: WorkerInit | SweepInit): Worker =>
  startModuleWorker(new URL('./firm-workers.js', import.meta.url), init);

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
    const worker = spawnFirmWorker({
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
  const init: SweepInit = {
    kind: 'chokepoint-firm-sweep',
    setup: { ...setup, net: { ...setup.net, ids: undefined } },
  };
  return runTaskPool({
    total: groups.length,
    count: threads,
    spawn: () => spawnFirmWorker(init),
    task: (index) => ({ index, group: groups[index]! }),
    name: 'firm sweep worker',
    onProgress,
    result: (reply: { index: number; row: Float64Array }) => reply.row,
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
