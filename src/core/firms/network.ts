/**
 * The compiled firm network (MODEL.md §7 "Firm-level networks"): firms with a sector, a
 * country, final demand and baseline production, and supplier links with baseline flows, in
 * CSR typed arrays.
 *
 * Links are stored client-major (the in-links of firm 0, then of firm 1, ...), and within a
 * client grouped by the supplier's sector: the inputs of one sector form a contiguous *slot*,
 * so the sector pooling of Inoue & Todo (2019) is a loop over slots with no lookup. A second
 * index (`outOffsets`/`outPos`) lists each supplier's links, for the demand a supplier
 * receives and for rationing. Every array may live in a SharedArrayBuffer (see `Allocator`),
 * so worker threads read the same network without copying.
 */

/** Allocates the backing store of typed arrays: ArrayBuffer, or SharedArrayBuffer for workers. */
export type Allocator = (byteLength: number) => ArrayBufferLike;

export const heapAllocator: Allocator = (n) => new ArrayBuffer(n);

export function f64(alloc: Allocator, n: number): Float64Array {
  return new Float64Array(alloc(n * 8), 0, n);
}

export function i32(alloc: Allocator, n: number): Int32Array {
  return new Int32Array(alloc(n * 4), 0, n);
}

export interface FirmNetwork {
  readonly nFirms: number;
  readonly nLinks: number;
  /** Sector index per firm, 0..sectorNames.length-1. */
  readonly sector: Int32Array;
  readonly sectorNames: readonly string[];
  /** Country index per firm, 0..countryNames.length-1 (a single "" country when unknown). */
  readonly country: Int32Array;
  readonly countryNames: readonly string[];
  /** c_i: baseline sales to final demand. */
  readonly finalDemand: Float64Array;
  /** P0_i: baseline production (the simulator's "initial production"). */
  readonly initial: Float64Array;
  /** D0_i = c_i + flows to clients: baseline demand (equal to P0 in the CSV form). */
  readonly baseDemand: Float64Array;
  /** In-links per client firm: links inOffsets[i]..inOffsets[i+1]-1. */
  readonly inOffsets: Int32Array;
  /** Supplier of each link (client-major order). */
  readonly supplier: Int32Array;
  /** A_ij: baseline flow of each link. */
  readonly flow: Float64Array;
  /** Slots per client firm: slots slotOffsets[i]..slotOffsets[i+1]-1. */
  readonly slotOffsets: Int32Array;
  /** One past the last link of each slot (a slot starts where the previous one ends). */
  readonly slotEnd: Int32Array;
  /** A_is: baseline flow from the slot's sector (sum over its links). */
  readonly slotFlow: Float64Array;
  /**
   * Links per supplier: positions outOffsets[j]..outOffsets[j+1]-1 of the supplier-major
   * order; `outPos[e]` is the position of link e, `outFlow[pos]` its baseline flow. Orders
   * live in this order, so a supplier reads the orders it receives contiguously.
   */
  readonly outOffsets: Int32Array;
  readonly outPos: Int32Array;
  readonly outFlow: Float64Array;
  /** Largest number of clients of one firm (sizes the rationing scratch space). */
  readonly maxOutDegree: number;
  /** External firm ids, when known (readers keep them for snapshots). */
  readonly ids?: readonly string[] | undefined;
}

/** Links given in any order: parallel arrays of supplier, client, amount. */
export interface LinkList {
  readonly supplier: Int32Array;
  readonly client: Int32Array;
  readonly amount: Float64Array;
  /** How many entries of the arrays are used (they may be over-allocated). */
  readonly length: number;
}

export interface FirmNetworkSpec {
  readonly nFirms: number;
  readonly sector: Int32Array;
  readonly sectorNames: readonly string[];
  readonly country?: Int32Array | undefined;
  readonly countryNames?: readonly string[] | undefined;
  readonly finalDemand: Float64Array;
  /**
   * Baseline production. Default: final demand plus the flows to clients (the value that
   * makes the baseline a steady state; the CSV form always uses it).
   */
  readonly initial?: Float64Array | undefined;
  readonly links: LinkList;
  readonly ids?: readonly string[] | undefined;
}

/** Two links with the same supplier and client; `first`/`second` index the input LinkList. */
export class DuplicateLinkError extends Error {
  override readonly name = 'DuplicateLinkError';
  constructor(
    readonly first: number,
    readonly second: number,
  ) {
    super(`duplicate link (entries ${first} and ${second})`);
  }
}

/** Stable counting sort of `perm` by `key(perm[q])` in 0..nKeys-1; returns the new order. */
function countingSort(
  perm: Int32Array,
  nKeys: number,
  key: (e: number) => number,
  out: Int32Array,
): Int32Array {
  const count = new Int32Array(nKeys + 1);
  for (let q = 0; q < perm.length; q++) count[key(perm[q]!) + 1]!++;
  for (let k = 0; k < nKeys; k++) count[k + 1]! += count[k]!;
  for (let q = 0; q < perm.length; q++) {
    const e = perm[q]!;
    out[count[key(e)]!++] = e;
  }
  return out;
}

/**
 * Compile a network. Links with a zero amount carry nothing and are dropped; negative or
 * non-finite amounts, self-links and indices out of range throw RangeError; two links with
 * the same supplier and client throw DuplicateLinkError (readers map it to file lines).
 */
export function buildFirmNetwork(
  spec: FirmNetworkSpec,
  alloc: Allocator = heapAllocator,
): FirmNetwork {
  const n = spec.nFirms;
  const L = spec.links;
  const nSectors = spec.sectorNames.length;
  for (let i = 0; i < n; i++) {
    const s = spec.sector[i]!;
    if (!(s >= 0 && s < nSectors))
      throw new RangeError(`firm ${i}: sector index ${s} out of range`);
  }
  let kept = 0;
  for (let e = 0; e < L.length; e++) {
    const a = L.amount[e]!;
    const s = L.supplier[e]!;
    const c = L.client[e]!;
    if (!(a >= 0) || !Number.isFinite(a)) throw new RangeError(`link ${e}: amount ${a}`);
    if (!(s >= 0 && s < n && c >= 0 && c < n)) throw new RangeError(`link ${e}: firm out of range`);
    if (a > 0) kept++;
  }
  // Order: by client, then supplier sector, then supplier (three stable counting sorts,
  // least significant key first), so duplicates are adjacent and slots contiguous.
  let perm: Int32Array = new Int32Array(kept);
  for (let e = 0, q = 0; e < L.length; e++) if (L.amount[e]! > 0) perm[q++] = e;
  // Two buffers swap roles between passes.
  const spare: Int32Array = new Int32Array(kept);
  const bySupplier = countingSort(perm, n, (e) => L.supplier[e]!, spare);
  const bySector = countingSort(bySupplier, nSectors, (e) => spec.sector[L.supplier[e]!]!, perm);
  perm = countingSort(bySector, n, (e) => L.client[e]!, spare);

  const inOffsets = i32(alloc, n + 1);
  const supplier = i32(alloc, kept);
  const flow = f64(alloc, kept);
  let nSlots = 0;
  for (let q = 0; q < kept; q++) {
    const e = perm[q]!;
    const c = L.client[e]!;
    const s = L.supplier[e]!;
    if (c === s) throw new RangeError(`link ${e}: a firm cannot supply itself`);
    inOffsets[c + 1]!++;
    supplier[q] = s;
    flow[q] = L.amount[e]!;
    if (q > 0) {
      const p = perm[q - 1]!;
      if (L.client[p] === c && L.supplier[p] === s) {
        throw new DuplicateLinkError(Math.min(p, e), Math.max(p, e));
      }
    }
    if (
      q === 0 ||
      L.client[perm[q - 1]!] !== c ||
      spec.sector[supplier[q - 1]!] !== spec.sector[s]
    ) {
      nSlots++;
    }
  }
  for (let i = 0; i < n; i++) inOffsets[i + 1]! += inOffsets[i]!;

  const slotOffsets = i32(alloc, n + 1);
  const slotEnd = i32(alloc, nSlots);
  const slotFlow = f64(alloc, nSlots);
  let slot = -1;
  for (let i = 0; i < n; i++) {
    slotOffsets[i] = slot + 1;
    let prevSector = -1;
    for (let e = inOffsets[i]!; e < inOffsets[i + 1]!; e++) {
      const sec = spec.sector[supplier[e]!]!;
      if (sec !== prevSector) {
        slot++;
        prevSector = sec;
      }
      slotEnd[slot] = e + 1;
      slotFlow[slot]! += flow[e]!;
    }
  }
  slotOffsets[n] = slot + 1;

  const outOffsets = i32(alloc, n + 1);
  for (let e = 0; e < kept; e++) outOffsets[supplier[e]! + 1]!++;
  let maxOutDegree = 0;
  for (let j = 0; j < n; j++) {
    if (outOffsets[j + 1]! > maxOutDegree) maxOutDegree = outOffsets[j + 1]!;
    outOffsets[j + 1]! += outOffsets[j]!;
  }
  const outPos = i32(alloc, kept);
  const outFlow = f64(alloc, kept);
  const cursor = outOffsets.slice(0, n);
  for (let e = 0; e < kept; e++) {
    const pos = cursor[supplier[e]!]!++;
    outPos[e] = pos;
    outFlow[pos] = flow[e]!;
  }

  const sector = i32(alloc, n);
  sector.set(spec.sector.subarray(0, n));
  const country = i32(alloc, n);
  if (spec.country) country.set(spec.country.subarray(0, n));
  const countryNames = spec.countryNames ?? [''];
  const finalDemand = f64(alloc, n);
  finalDemand.set(spec.finalDemand.subarray(0, n));
  // Summed in supplier-major order, as phase B sums orders, so D0 matches bit for bit.
  const baseDemand = f64(alloc, n);
  for (let j = 0; j < n; j++) {
    let d = finalDemand[j]!;
    for (let k = outOffsets[j]!; k < outOffsets[j + 1]!; k++) d += outFlow[k]!;
    baseDemand[j] = d;
  }
  const initial = f64(alloc, n);
  if (spec.initial) initial.set(spec.initial.subarray(0, n));
  else initial.set(baseDemand);
  return {
    nFirms: n,
    nLinks: kept,
    sector,
    sectorNames: spec.sectorNames,
    country,
    countryNames,
    finalDemand,
    initial,
    baseDemand,
    inOffsets,
    supplier,
    flow,
    slotOffsets,
    slotEnd,
    slotFlow,
    outOffsets,
    outPos,
    outFlow,
    maxOutDegree,
    ids: spec.ids,
  };
}
