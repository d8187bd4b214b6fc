/**
 * One step of the firm-level dynamics (MODEL.md §7; Hallegatte 2008, Inoue & Todo 2019), as
 * two phases over ranges of firms, so that worker threads can share a step:
 *
 * Phase A, per client firm i (reads last step's deliveries and output, writes its own links):
 *   1. inventories: S_ij += delivered_ij - used_ij, where the sector's use
 *      `A_is * Pact_i / P0_i` is shared over its suppliers by stock (or by baseline flow);
 *   2. orders: O_ij = A_ij x + (n A_ij x - S_ij) / tau, never negative, x = Pact_i / P0_i;
 *   3. pooled inputs: Pprop_is = S_is / A_is * P0_i; `pin_i = min_s Pprop_is`.
 * Phase B, per supplier firm j (reads the orders of its clients, writes its own scalars):
 *   4. demand D_j = c_j + sum of orders received;
 *   5. output Pact_j = min(Pcap_j, pin_j, D_j);
 *   6. rationing: what each client and final demand will receive, as two per-supplier
 *      numbers: a ratio r_j and a level lambda_j, so that client i receives
 *      `min(r_j * O_ij, A_ij * lambda_j)` (proportional: lambda = Infinity; Inoue-Todo:
 *      r = 1), and `consumption_j` is what final demand receives.
 * Deliveries are applied at the start of the next step's phase A, as in proNet.cpp.
 *
 * Each phase writes only what belongs to the firms of its range, so the result does not
 * depend on how firms are split between threads. Nothing here allocates.
 */
import type { FirmNetwork } from './network.js';
import type { ResolvedFirmSimOptions } from './options.js';
import { waterLevel } from './ration.js';

/** The per-step state; every array may be shared between threads. */
export interface FirmState {
  /** S_ij per link: inventory of the client's input from that supplier. */
  readonly stock: Float64Array;
  /** O_ij per link (client-major): the order placed this step. */
  readonly order: Float64Array;
  /**
   * The same orders in supplier-major order (`net.outPos`), so a supplier reads the orders
   * it receives contiguously. Writing them here costs phase A a scattered store per link,
   * much cheaper than phase B gathering them with scattered loads.
   */
  readonly orderOut: Float64Array;
  /** S_is - n A_is per slot: the client's stock of one sector's inputs, minus its target. */
  readonly slotStock: Float64Array;
  readonly pact: Float64Array;
  readonly pcap: Float64Array;
  /** min over sectors of Pprop_is (Infinity for a firm without inputs). */
  readonly pin: Float64Array;
  readonly demand: Float64Array;
  /**
   * Rationing per supplier j: ratio r_j at [2j], level lambda_j at [2j+1] (interleaved so a
   * client reads both with one memory access).
   */
  readonly ration: Float64Array;
  /** Final consumption served by each firm this step. */
  readonly consumption: Float64Array;
}

/** Numeric form of the options, cheap to pass to workers. */
export interface KernelParams {
  inventory: number;
  tau: number;
  /** 0 proportional, 1 lowest-first. */
  rationing: number;
  /** 0 equal, 1 lowest. */
  fdLowest: number;
  /** 0 normal, 1 keep-initial, 2 ignore-negative. */
  orders: number;
  /** 0 by-stock, 1 by-flow. */
  byFlow: number;
}

export function kernelParams(o: ResolvedFirmSimOptions): KernelParams {
  return {
    inventory: o.inventory,
    tau: o.tau,
    rationing: o.rationing === 'lowest-first' ? 1 : 0,
    fdLowest: o.finalDemandPriority === 'lowest' ? 1 : 0,
    orders: o.orders === 'keep-initial' ? 1 : o.orders === 'ignore-negative' ? 2 : 0,
    byFlow: o.inventoryUse === 'by-flow' ? 1 : 0,
  };
}

/** Scratch space for rationing one supplier (one per thread). */
export interface Scratch {
  readonly q: Float64Array;
  readonly w: Float64Array;
}

export function createScratch(net: FirmNetwork): Scratch {
  return { q: new Float64Array(net.maxOutDegree + 1), w: new Float64Array(net.maxOutDegree + 1) };
}

/**
 * Phase A for clients lo..hi-1.
 *
 * NOTE: the updates are written as deviations from the baseline (dS = S - n A, dx = x - 1,
 * dO = O - A), with the baseline terms cancelled by hand. The baseline is then a fixed point
 * *exactly*: without a shock every deviation stays 0.0 and no rounding error appears. This
 * matters because the order rule amplifies small deviations (each tier of an undamped chain
 * or cycle multiplies them by up to 1 + n/tau), so a 1e-16 drift could otherwise grow into
 * a visible one over a long run.
 */
export function phaseA(
  net: FirmNetwork,
  st: FirmState,
  p: KernelParams,
  lo: number,
  hi: number,
): void {
  const { slotOffsets, slotEnd, slotFlow, inOffsets, supplier, flow, initial, outPos } = net;
  const { stock, order, orderOut, slotStock, pact, pin, ration } = st;
  const n = p.inventory;
  const invTau = 1 / p.tau;
  const byFlow = p.byFlow === 1;
  const rule = p.orders;
  for (let i = lo; i < hi; i++) {
    const p0 = initial[i]!;
    const s0 = slotOffsets[i]!;
    const s1 = slotOffsets[i + 1]!;
    if (s0 === s1) {
      pin[i] = Infinity;
      continue;
    }
    if (!(p0 > 0)) {
      // proNet.cpp: a firm with no baseline output keeps its stocks and orders its baseline
      // flows; its Pprop is 0.
      for (let e = inOffsets[i]!; e < inOffsets[i + 1]!; e++) {
        order[e] = flow[e]!;
        orderOut[outPos[e]!] = flow[e]!;
      }
      pin[i] = 0;
      continue;
    }
    const x = pact[i]! / p0;
    const dx = (pact[i]! - p0) / p0;
    let minProp = Infinity;
    let e = inOffsets[i]!;
    for (let s = s0; s < s1; s++) {
      const end = slotEnd[s]!;
      const aS = slotFlow[s]!;
      const nAS = n * aS;
      const dSs = slotStock[s]!; // the slot's stock minus n A_is
      const before = nAS + dSs;
      let dSum = 0;
      for (; e < end; e++) {
        const j2 = 2 * supplier[e]!;
        const a = flow[e]!;
        const nA = n * a;
        const o = order[e]!;
        const byRatio = ration[j2]! * o;
        const byLevel = a * ration[j2 + 1]!;
        const dDelivered = (byRatio < byLevel ? byRatio : byLevel) - a;
        const dS = stock[e]! - nA;
        // Use minus baseline use: by flow `a dx`; by stock `S_e/S_s A_s x - a`, expanded.
        let dUse = a * dx;
        if (!byFlow && before > 0) dUse = (nA * aS * dx + dS * aS * x - a * dSs) / before;
        let dSn = dS + dDelivered - dUse;
        if (dSn < -nA) dSn = -nA; // stocks never negative
        stock[e] = nA + dSn;
        dSum += dSn;
        // Gap to the target stock: n A x - S (normal), n A - S (keep-initial).
        const gap = rule === 1 ? -dSn : nA * dx - dSn;
        let dO = rule === 2 && gap <= 0 ? a * dx : a * dx + gap * invTau;
        if (dO < -a) dO = -a; // orders never negative
        const oNew = a + dO;
        order[e] = oNew;
        orderOut[outPos[e]!] = oNew;
      }
      slotStock[s] = dSum;
      const prop = ((nAS + dSum) / aS) * p0;
      if (prop < minProp) minProp = prop;
    }
    pin[i] = minProp;
  }
}

/** Phase B for suppliers lo..hi-1. */
export function phaseB(
  net: FirmNetwork,
  st: FirmState,
  p: KernelParams,
  scratch: Scratch,
  lo: number,
  hi: number,
): void {
  const { outOffsets, outFlow, finalDemand, baseDemand } = net;
  const { orderOut: order, pact, pcap, pin, demand, ration, consumption } = st;
  const { q, w } = scratch;
  for (let j = lo; j < hi; j++) {
    const c = finalDemand[j]!;
    const o0 = outOffsets[j]!;
    const o1 = outOffsets[j + 1]!;
    // D0 + sum of (O - A): exactly D0 when no order moved (see phase A's NOTE).
    let dd = 0;
    for (let k = o0; k < o1; k++) dd += order[k]! - outFlow[k]!;
    const d = baseDemand[j]! + dd;
    demand[j] = d;
    const cap = pcap[j]!;
    const inp = pin[j]!;
    let pa = cap < inp ? cap : inp;
    if (d < pa) pa = d;
    pact[j] = pa;
    if (pa >= d) {
      ration[2 * j] = 1;
      ration[2 * j + 1] = Infinity;
      consumption[j] = c;
      continue;
    }
    // Short of output: ration. With `lowest` priority final demand absorbs the shortfall
    // first, and clients are rationed only over what final demand cannot absorb.
    const forClients = pa;
    let clientsAsked = d - c;
    if (p.fdLowest === 1) {
      const short = d - pa;
      if (c >= short) {
        ration[2 * j] = 1;
        ration[2 * j + 1] = Infinity;
        consumption[j] = c - short;
        continue;
      }
      consumption[j] = 0;
    } else if (p.rationing === 0) {
      const r = d > 0 ? pa / d : 0;
      ration[2 * j] = r;
      ration[2 * j + 1] = Infinity;
      consumption[j] = r * c;
      continue;
    } else {
      clientsAsked = d;
    }
    if (p.rationing === 0) {
      ration[2 * j] = clientsAsked > 0 ? forClients / clientsAsked : 0;
      ration[2 * j + 1] = Infinity;
      continue;
    }
    // Inoue-Todo: requesters are the clients (initial order = baseline flow) and, with equal
    // priority, final demand (initial = current = c, ratio 1).
    let m = 0;
    for (let k = o0; k < o1; k++) {
      w[m] = outFlow[k]!;
      q[m] = order[k]! / outFlow[k]!;
      m++;
    }
    if (p.fdLowest === 0 && c > 0) {
      w[m] = c;
      q[m] = 1;
      m++;
    }
    const lambda = waterLevel(q, w, m, forClients);
    ration[2 * j] = 1;
    ration[2 * j + 1] = lambda;
    if (p.fdLowest === 0) consumption[j] = lambda < 1 ? c * lambda : c;
  }
}
