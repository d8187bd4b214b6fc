/**
 * The firm-level simulation driver (MODEL.md §7): sets up the baseline state, applies the
 * shocks each step, runs the two phases of kernel.ts and records the series.
 *
 * Output follows ProductionNetworkSimulator: a row t = -1 with the pre-shock baseline, then
 * t = 0..steps-1; each row has total production (sum of Pact) and total final consumption.
 * Production and final consumption are also kept per country and per sector, and every
 * firm's output at the snapshot steps.
 *
 * Totals are summed on one thread in firm order after each step, so they do not depend on
 * how the phases were split (`runPhase`). The per-step loop allocates nothing but snapshots.
 */
import type { FirmState, KernelParams, Scratch } from './kernel.js';
import { createScratch, kernelParams, phaseA, phaseB } from './kernel.js';
import type { Allocator, FirmNetwork } from './network.js';
import { f64, heapAllocator } from './network.js';
import type { FirmSimOptions, ResolvedFirmSimOptions } from './options.js';
import { resolveFirmOptions } from './options.js';
import type { CompiledShocks } from './shocks.js';
import { applyShocks } from './shocks.js';

export interface FirmSeries {
  /** t = -1 (baseline), 0, 1, ..., steps-1. */
  readonly t: Int32Array;
  readonly production: Float64Array;
  readonly finalConsumption: Float64Array;
  /** [group * nRows + row]: per country (or sector) and step, same rows as `t`. */
  readonly productionByCountry: Float64Array;
  readonly consumptionByCountry: Float64Array;
  readonly productionBySector: Float64Array;
  readonly consumptionBySector: Float64Array;
}

export interface FirmSimResult {
  readonly options: ResolvedFirmSimOptions;
  readonly series: FirmSeries;
  /** Output of every firm at each requested snapshot step that was reached. */
  readonly snapshots: ReadonlyMap<number, Float64Array>;
  readonly state: FirmState;
}

/**
 * Runs phase `phase` (0 = A, 1 = B) over all firms. The default runs both on this thread;
 * cli/firm-workers.ts splits them over worker threads.
 */
export type PhaseRunner = (phase: 0 | 1) => void;

export interface FirmRunHooks {
  /** Backing store for the state arrays (SharedArrayBuffer for workers). */
  alloc?: Allocator | undefined;
  /** A fresh baseline state (createFirmState) to run in, e.g. one already shared with workers. */
  state?: FirmState | undefined;
  /** Called with the state before the first step (workers attach to it here). */
  makeRunner?: ((state: FirmState, params: KernelParams) => PhaseRunner) | undefined;
  /** Called after each step with t and the number of steps. */
  onStep?: ((t: number, steps: number) => void) | undefined;
}

/** The baseline state: stocks at n steps of flow, orders at flow, output at baseline demand. */
export function createFirmState(
  net: FirmNetwork,
  inventory: number,
  alloc: Allocator = heapAllocator,
): FirmState {
  const E = net.nLinks;
  const N = net.nFirms;
  const st: FirmState = {
    stock: f64(alloc, E),
    order: f64(alloc, E),
    orderOut: f64(alloc, E),
    slotStock: f64(alloc, net.slotFlow.length),
    pact: f64(alloc, N),
    pcap: f64(alloc, N),
    pin: f64(alloc, N),
    demand: f64(alloc, N),
    ration: f64(alloc, 2 * N),
    consumption: f64(alloc, N),
  };
  for (let e = 0; e < E; e++) {
    st.stock[e] = inventory * net.flow[e]!;
    st.order[e] = net.flow[e]!;
    st.orderOut[net.outPos[e]!] = net.flow[e]!;
  }
  // slotStock holds deviations from the target: 0 at baseline.
  st.demand.set(net.baseDemand);
  st.pact.set(st.demand);
  st.pcap.set(net.initial);
  st.pin.fill(Infinity);
  for (let j = 0; j < N; j++) {
    st.ration[2 * j] = 1;
    st.ration[2 * j + 1] = Infinity;
  }
  st.consumption.set(net.finalDemand);
  return st;
}

export function simulateFirms(
  net: FirmNetwork,
  shocks: CompiledShocks,
  options: FirmSimOptions = {},
  hooks: FirmRunHooks = {},
): FirmSimResult {
  const o = resolveFirmOptions(options);
  const params = kernelParams(o);
  const st = hooks.state ?? createFirmState(net, o.inventory, hooks.alloc ?? heapAllocator);
  let scratch: Scratch | undefined;
  const run: PhaseRunner = hooks.makeRunner
    ? hooks.makeRunner(st, params)
    : (phase) => {
        if (phase === 0) phaseA(net, st, params, 0, net.nFirms);
        else phaseB(net, st, params, (scratch ??= createScratch(net)), 0, net.nFirms);
      };

  const rows = o.steps + 1;
  const nC = net.countryNames.length;
  const nS = net.sectorNames.length;
  const series: FirmSeries = {
    t: Int32Array.from({ length: rows }, (_, r) => r - 1),
    production: new Float64Array(rows),
    finalConsumption: new Float64Array(rows),
    productionByCountry: new Float64Array(nC * rows),
    consumptionByCountry: new Float64Array(nC * rows),
    productionBySector: new Float64Array(nS * rows),
    consumptionBySector: new Float64Array(nS * rows),
  };
  const wanted = new Set(o.snapshots);
  const snapshots = new Map<number, Float64Array>();

  const record = (row: number): void => {
    let prod = 0;
    let cons = 0;
    const { pact, consumption } = st;
    for (let i = 0; i < net.nFirms; i++) {
      const pa = pact[i]!;
      const cs = consumption[i]!;
      prod += pa;
      cons += cs;
      const ci = net.country[i]! * rows + row;
      const si = net.sector[i]! * rows + row;
      series.productionByCountry[ci]! += pa;
      series.consumptionByCountry[ci]! += cs;
      series.productionBySector[si]! += pa;
      series.consumptionBySector[si]! += cs;
    }
    series.production[row] = prod;
    series.finalConsumption[row] = cons;
    if (wanted.has(row - 1)) snapshots.set(row - 1, pact.slice());
  };

  record(0);
  for (let t = 0; t < o.steps; t++) {
    applyShocks(shocks, net.initial, t, st.pcap);
    run(0);
    run(1);
    record(t + 1);
    hooks.onStep?.(t, o.steps);
  }
  return { options: o, series, snapshots, state: st };
}
