/**
 * Allocation of one item's available supply among buyer countries (MODEL.md §3
 * "Allocation"). Rows are indexed by country: `S[k]` available supply, `d[m]` demand,
 * `allowed[k * n + m]` (or null: unrestricted), output `a[m]` access.
 *
 * - `market`: the exact lexicographic max-min fair access ratios, by progressive filling on
 *   the bipartite network source -> supplier k (cap S[k]) -> buyer m (cap allowed * S[k],
 *   uncapped where k === m) -> sink (cap d[m] * ratio). Each round finds the largest common
 *   ratio t of the unfrozen buyers that is feasible, by Newton's method on the min-cut
 *   function: at an infeasible t the minimum cut C gives the line `A_C + B_C t` bounding the
 *   max flow, and t moves to where that line meets the demand `D_frozen + D_unfrozen t`.
 *   Max flow is concave piecewise linear in t, so this reaches the exact breakpoint in a
 *   finite number of steps (1/3 comes out as 0.1/0.3). At the feasible t, the unfrozen
 *   buyers not reachable from the source in the residual graph cannot rise without taking
 *   from someone at or below t: they freeze at t, the rest continue.
 * - `fixed`: `a[m] = min(1, sum_k allowed[k][m] S[k] / sum_k s[k])`.
 * - fast path (no restriction): proportional rationing, `a = min(1, sum S / sum d)`, which is
 *   what max-min fairness gives when every buyer may use every supplier.
 *
 * Buyers with no demand get a = 1. Ratios within 1e-12 of 1 snap to 1, so an empty scenario
 * gives exactly 1 despite rounding in the normalized shares.
 */
import { MaxFlow } from './max-flow.js';

const SNAP = 1e-12;
/**
 * Max flow within `need * FEASIBLE_REL + FEASIBLE_ABS` of the demand counts as meeting it:
 * relative for ordinary sizes, absolute for the rounding noise of sums of ~1.
 */
const FEASIBLE_REL = 1e-12;
const FEASIBLE_ABS = 1e-15;
const MAX_NEWTON_STEPS = 200;
/** Caps below this (at unit scale) are dropped: noise next to the max-flow tolerance. */
const CAP_MIN = 1e-13;

export interface AllocationWorkspace {
  readonly nCountries: number;
  readonly flow: MaxFlow;
  readonly supplier: Int32Array;
  readonly buyer: Int32Array;
  /** Dense caps u[q * nB + p] between listed suppliers and buyers. */
  readonly cap: Float64Array;
  /** Forward edge index per (supplier, buyer), -1 where the cap is 0. */
  readonly edge: Int32Array;
  /** Unit-scaled supply per listed supplier and demand per listed buyer. */
  readonly supS: Float64Array;
  readonly buyD: Float64Array;
  /** Frozen ratio per listed buyer, -1 while unfrozen. */
  readonly ratio: Float64Array;
  /** Per listed buyer, 1 where it was on the source side of the last Newton cut. */
  readonly inCut: Uint8Array;
  readonly mark: Uint8Array;
  /** Scratch rows of length nCountries for callers (the solver copies item rows here). */
  readonly rowS: Float64Array;
  readonly rowD: Float64Array;
  readonly rowBase: Float64Array;
  readonly rowA: Float64Array;
}

export function createAllocationWorkspace(nCountries: number): AllocationWorkspace {
  const n = nCountries;
  return {
    nCountries: n,
    flow: new MaxFlow(2 * n + 2, n * n + 2 * n),
    supplier: new Int32Array(n),
    buyer: new Int32Array(n),
    cap: new Float64Array(n * n),
    edge: new Int32Array(n * n),
    supS: new Float64Array(n),
    buyD: new Float64Array(n),
    ratio: new Float64Array(n),
    inCut: new Uint8Array(n),
    mark: new Uint8Array(2 * n + 2),
    rowS: new Float64Array(n),
    rowD: new Float64Array(n),
    rowBase: new Float64Array(n),
    rowA: new Float64Array(n),
  };
}

/** Ratios within SNAP of 1 are 1 (float noise must not read as a loss). */
export function snap(r: number): number {
  return r > 1 - SNAP ? 1 : r;
}

/** Proportional rationing (the unrestricted case of both modes). */
export function allocateProportional(
  n: number,
  S: Float64Array,
  d: Float64Array,
  a: Float64Array,
): void {
  let sumS = 0;
  let sumD = 0;
  for (let k = 0; k < n; k++) {
    sumS += S[k]!;
    sumD += d[k]!;
  }
  const r = sumD > 0 ? snap(Math.min(1, sumS / sumD)) : 1;
  for (let m = 0; m < n; m++) a[m] = d[m]! > 0 ? r : 1;
}

/** `fixed` mode: buyers keep their baseline sourcing (`base` = baseline shares s[j][.]). */
export function allocateFixed(
  n: number,
  S: Float64Array,
  base: Float64Array,
  d: Float64Array,
  allowed: Float64Array | null,
  a: Float64Array,
): void {
  let total = 0;
  for (let k = 0; k < n; k++) total += base[k]!;
  if (!allowed) {
    // Nothing restricts the item: every buyer gets the same ratio, O(countries).
    let sumS = 0;
    for (let k = 0; k < n; k++) sumS += S[k]!;
    const r = total > 0 ? snap(Math.min(1, sumS / total)) : 1;
    for (let m = 0; m < n; m++) a[m] = d[m]! > 0 ? r : 1;
    return;
  }
  for (let m = 0; m < n; m++) {
    if (!(d[m]! > 0)) {
      a[m] = 1;
      continue;
    }
    let got = 0;
    for (let k = 0; k < n; k++) got += (allowed && k !== m ? allowed[k * n + m]! : 1) * S[k]!;
    a[m] = total > 0 ? snap(Math.min(1, got / total)) : 1;
  }
}

/**
 * `market` mode: lexicographic max-min fair access. When `flows` (n x n, supplier rows) is
 * given it receives the delivered amounts f[k][m] of one fair allocation.
 */
export function allocateMarket(
  ws: AllocationWorkspace,
  S: Float64Array,
  d: Float64Array,
  allowed: Float64Array | null,
  a: Float64Array,
  flows?: Float64Array,
): void {
  const n = ws.nCountries;
  if (flows) flows.fill(0);
  let nK = 0;
  let nB = 0;
  let sumS = 0;
  let sumD = 0;
  for (let k = 0; k < n; k++) {
    if (S[k]! > 0) {
      ws.supplier[nK++] = k;
      sumS += S[k]!;
    }
  }
  for (let m = 0; m < n; m++) {
    if (d[m]! > 0) {
      ws.buyer[nB++] = m;
      sumD += d[m]!;
    } else {
      a[m] = 1;
    }
  }
  if (nB === 0) return;
  // Work at unit scale so the absolute tolerances of the flow mean the same thing for any
  // item; ratios do not depend on the scale.
  const scale = Math.max(sumS, sumD);
  for (let q = 0; q < nK; q++) ws.supS[q] = S[ws.supplier[q]!]! / scale;
  for (let p = 0; p < nB; p++) ws.buyD[p] = d[ws.buyer[p]!]! / scale;
  // A restricted pair (allowed < 1) may carry at most `allowed` times the buyer's
  // proportional share of the supplier's output, `S[k] d[m] / sum d`: the flow `fixed` mode
  // gives it. MODEL.md's `allowed * S[k]` per pair would let a partial restriction on many
  // buyers (China to ALL at severity 0.74) bind none of them, since each small buyer's cap
  // would exceed what it takes anyway. Severity 1 and unrestricted pairs are unchanged.
  const sumDUnit = sumD / scale;
  for (let q = 0; q < nK; q++) {
    const k = ws.supplier[q]!;
    for (let p = 0; p < nB; p++) {
      const m = ws.buyer[p]!;
      const al = allowed && k !== m ? allowed[k * n + m]! : 1;
      const u = (al < 1 ? (al * ws.buyD[p]!) / sumDUnit : 1) * ws.supS[q]!;
      // Permissions below rounding noise of the unit-scale sums are no permission.
      ws.cap[q * nB + p] = u > CAP_MIN ? u : 0;
    }
  }
  ws.ratio.fill(-1, 0, nB);
  let dFrozen = 0; // sum of d * ratio over frozen buyers
  let dOpen = 0; // sum of d over unfrozen buyers
  for (let p = 0; p < nB; p++) dOpen += ws.buyD[p]!;
  let open = nB;
  let level = 0;
  const buyerNode = 2 + nK;

  while (open > 0) {
    let t = 1;
    let hasCut = false;
    for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
      const got = solveFlow(ws, nK, nB, t);
      const need = dFrozen + dOpen * t;
      if (got >= need - need * FEASIBLE_REL - FEASIBLE_ABS) break;
      // The residual-reachable set X is a minimum cut; its capacity is A + B t.
      ws.flow.reachable(0, 1, ws.mark);
      let cutA = 0;
      let cutB = 0;
      for (let q = 0; q < nK; q++) {
        if (!ws.mark[2 + q]) {
          cutA += ws.supS[q]!;
          continue;
        }
        for (let p = 0; p < nB; p++) if (!ws.mark[buyerNode + p]) cutA += ws.cap[q * nB + p]!;
      }
      for (let p = 0; p < nB; p++) {
        ws.inCut[p] = ws.mark[buyerNode + p]!;
        if (!ws.mark[buyerNode + p]) continue;
        if (ws.ratio[p]! >= 0) cutA += ws.buyD[p]! * ws.ratio[p]!;
        else cutB += ws.buyD[p]!;
      }
      hasCut = true;
      const slope = dOpen - cutB;
      const next = slope > 0 ? (cutA - dFrozen) / slope : level;
      // Newton steps only go down; clamping guards against rounding, and the level
      // reached by the previous round is known to be feasible.
      const clamped = Math.max(level, Math.min(next, t));
      if (!(clamped < t)) break;
      t = clamped;
      if (t === level) {
        solveFlow(ws, nK, nB, t);
        break;
      }
    }
    if (t >= 1 - SNAP) {
      for (let p = 0; p < nB; p++) if (ws.ratio[p]! < 0) ws.ratio[p] = 1;
      break;
    }
    // The cut whose line gave t is tight at t: the open buyers on its sink side cannot rise
    // without taking from buyers at or below t, so they freeze. (Decided from the cut, not
    // from the residual graph at t, because that flow meets demand only within tolerance.)
    let frozenNow = 0;
    if (hasCut) frozenNow = freeze(ws, nB, ws.inCut, t);
    if (frozenNow === 0) {
      ws.flow.reachable(0, 1, ws.mark);
      frozenNow = freeze(ws, nB, ws.mark.subarray(buyerNode), t);
    }
    // Rounding could leave no open buyer blocked at the breakpoint; freezing them all at t
    // is then within tolerance and guarantees termination.
    if (frozenNow === 0) frozenNow = freeze(ws, nB, null, t);
    open -= frozenNow;
    dFrozen = 0;
    dOpen = 0;
    for (let p = 0; p < nB; p++) {
      if (ws.ratio[p]! >= 0) dFrozen += ws.buyD[p]! * ws.ratio[p]!;
      else dOpen += ws.buyD[p]!;
    }
    level = t;
  }
  for (let p = 0; p < nB; p++) a[ws.buyer[p]!] = snap(ws.ratio[p]!);
  if (flows) {
    for (let q = 0; q < nK; q++) {
      for (let p = 0; p < nB; p++) {
        const e = ws.edge[q * nB + p]!;
        if (e >= 0) flows[ws.supplier[q]! * n + ws.buyer[p]!] = ws.flow.flowOn(e) * scale;
      }
    }
  }
}

/** Freeze at t the open buyers p with `keep[p] === 0` (all open ones when keep is null). */
function freeze(ws: AllocationWorkspace, nB: number, keep: Uint8Array | null, t: number): number {
  let count = 0;
  for (let p = 0; p < nB; p++) {
    if (ws.ratio[p]! >= 0 || (keep && keep[p])) continue;
    ws.ratio[p] = t;
    count++;
  }
  return count;
}

/** Build the network with unfrozen buyers at ratio t, run max flow, return the flow value. */
function solveFlow(ws: AllocationWorkspace, nK: number, nB: number, t: number): number {
  const f = ws.flow;
  f.reset(2 + nK + nB);
  for (let q = 0; q < nK; q++) f.addEdge(0, 2 + q, ws.supS[q]!);
  for (let q = 0; q < nK; q++) {
    for (let p = 0; p < nB; p++) {
      const u = ws.cap[q * nB + p]!;
      ws.edge[q * nB + p] = u > 0 ? f.addEdge(2 + q, 2 + nK + p, u) : -1;
    }
  }
  for (let p = 0; p < nB; p++) {
    const r = ws.ratio[p]!;
    f.addEdge(2 + nK + p, 1, ws.buyD[p]! * (r >= 0 ? r : t));
  }
  return f.run(0, 1);
}
