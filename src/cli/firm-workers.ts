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
 * This file is both the pool (main thread) and the worker entry point.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import type { FirmState, KernelParams, PhaseRunner } from '../core/firms/index.js';
import { createScratch, phaseA, phaseB } from '../core/firms/index.js';
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

function spawn(init: WorkerInit): Worker {
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

const init = workerData as WorkerInit | undefined;
if (!isMainThread && init?.kind === 'chokepoint-firm-worker') {
  const { parentPort } = await import('node:worker_threads');
  workerMain(init, () => parentPort!.postMessage('ready'));
  process.exit(0);
}
