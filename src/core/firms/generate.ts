/**
 * A generator of synthetic firm networks with the features of real ones (Inoue & Todo 2019
 * describe the Japanese network; Bacilieri et al. 2023 survey others): heavy-tailed degrees,
 * an input-output structure between sectors, and countries of unequal size.
 *
 * - Sectors and countries have Zipf-like sizes (weight 1/(rank+1)^0.8 and 1/(rank+1)).
 * - Each sector buys from 2 to 5 sectors (possibly itself), with random weights.
 * - Every firm has a fitness drawn from a Pareto distribution (shape 1.3). A client picks an
 *   input sector by the weights above, then a supplier in that sector with probability
 *   proportional to fitness: out-degrees inherit the Pareto tail (the fitness model of
 *   preferential attachment, Caldarelli et al. 2002).
 * - In-degrees are proportional to a lighter-tailed Pareto draw (shape 2.5), scaled so the
 *   links add up to exactly `links` (a client that cannot find a new supplier passes its
 *   link to the next client).
 * - Flows are log-normal (sigma 1); final demand covers what a firm buys beyond what it sells
 *   plus a random margin, so every firm has value added >= 0 and output > 0.
 *
 * Deterministic by seed; firm ids are 0..firms-1.
 */
import type { Allocator, FirmNetwork } from './network.js';
import { buildFirmNetwork, heapAllocator } from './network.js';
import { seededRng } from './rng.js';

export interface GenerateOptions {
  firms: number;
  links: number;
  sectors: number;
  countries: number;
  seed: number;
}

function cumulative(weights: Float64Array): Float64Array {
  const c = new Float64Array(weights.length);
  let acc = 0;
  for (let k = 0; k < weights.length; k++) c[k] = acc += weights[k]!;
  return c;
}

/** Index k with cum[k-1] <= u < cum[k] (cum ascending, in [lo, hi)). */
function pick(cum: Float64Array, lo: number, hi: number, u: number): number {
  const base = lo > 0 ? cum[lo - 1]! : 0;
  const x = base + u * (cum[hi - 1]! - base);
  let a = lo;
  let b = hi - 1;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (cum[mid]! > x) b = mid;
    else a = mid + 1;
  }
  return a;
}

export function generateFirmNetwork(
  opts: GenerateOptions,
  alloc: Allocator = heapAllocator,
): FirmNetwork {
  const { firms: N, links: M, sectors: S, countries: C, seed } = opts;
  for (const [k, v] of Object.entries({ firms: N, sectors: S, countries: C })) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${k} must be a whole number >= 1`);
  }
  if (!Number.isInteger(M) || M < 0) throw new RangeError('links must be a whole number >= 0');
  if (M > N * (N - 1)) throw new RangeError(`${N} firms cannot have ${M} distinct links`);
  const rng = seededRng(seed);

  const sectorCum = cumulative(Float64Array.from({ length: S }, (_, s) => 1 / (s + 1) ** 0.8));
  const countryCum = cumulative(Float64Array.from({ length: C }, (_, c) => 1 / (c + 1)));
  const sector = new Int32Array(N);
  const country = new Int32Array(N);
  const fitness = new Float64Array(N);
  const inWeight = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    sector[i] = pick(sectorCum, 0, S, rng.next());
    country[i] = pick(countryCum, 0, C, rng.next());
    fitness[i] = (1 - rng.next()) ** (-1 / 1.3);
    inWeight[i] = (1 - rng.next()) ** (-1 / 2.5);
  }

  // Firms grouped by sector, with cumulative fitness inside each group.
  const secOff = new Int32Array(S + 1);
  for (let i = 0; i < N; i++) secOff[sector[i]! + 1]!++;
  for (let s = 0; s < S; s++) secOff[s + 1]! += secOff[s]!;
  const members = new Int32Array(N);
  const cur = secOff.slice(0, S);
  for (let i = 0; i < N; i++) members[cur[sector[i]!]!++] = i;
  const fitCum = new Float64Array(N);
  for (let s = 0; s < S; s++) {
    let acc = 0;
    for (let q = secOff[s]!; q < secOff[s + 1]!; q++) fitCum[q] = acc += fitness[members[q]!]!;
  }
  const nonEmpty: number[] = [];
  for (let s = 0; s < S; s++) if (secOff[s + 1]! > secOff[s]!) nonEmpty.push(s);

  // Input-output structure: each sector buys from 2..5 non-empty sectors.
  const ioOff = new Int32Array(S + 1);
  const ioSec: number[] = [];
  const ioW: number[] = [];
  for (let s = 0; s < S; s++) {
    const k = Math.min(nonEmpty.length, 2 + rng.int(4));
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(nonEmpty[rng.int(nonEmpty.length)]!);
    for (const t of chosen) {
      ioSec.push(t);
      ioW.push(0.2 + rng.next());
    }
    ioOff[s + 1] = ioSec.length;
  }
  const ioCum = new Float64Array(ioW.length);
  for (let s = 0; s < S; s++) {
    let acc = 0;
    for (let q = ioOff[s]!; q < ioOff[s + 1]!; q++) ioCum[q] = acc += ioW[q]!;
  }

  // In-degree per client, summing to M.
  let wSum = 0;
  for (let i = 0; i < N; i++) wSum += inWeight[i]!;
  const supplierArr = new Int32Array(M);
  const clientArr = new Int32Array(M);
  const amount = new Float64Array(M);
  const mark = new Int32Array(N).fill(-1);
  let made = 0;
  let acc = 0;
  for (let i = 0; i < N; i++) {
    acc += (inWeight[i]! / wSum) * M;
    const target = i === N - 1 ? M : Math.min(M, Math.round(acc));
    // A client that could not place its links hands them on: `made` lags `acc`.
    let want = target - made;
    const s = sector[i]!;
    let tries = 0;
    while (want > 0 && tries < 8 * want + 32) {
      tries++;
      const q = pick(ioCum, ioOff[s]!, ioOff[s + 1]!, rng.next());
      const t = ioSec[q]!;
      const j = members[pick(fitCum, secOff[t]!, secOff[t + 1]!, rng.next())]!;
      if (j === i || mark[j] === i) continue;
      mark[j] = i;
      supplierArr[made] = j;
      clientArr[made] = i;
      amount[made] = Math.exp(rng.normal());
      made++;
      want--;
    }
  }
  // Whatever the per-client draws could not place goes to random clients and any sector.
  // Rare path (tiny or dense networks), so a Set of pairs is affordable here.
  const seen = new Set<number>();
  if (made < M) for (let e = 0; e < made; e++) seen.add(clientArr[e]! * N + supplierArr[e]!);
  let guard = 0;
  while (made < M && guard++ < 100 * M) {
    const i = rng.int(N);
    const j = rng.int(N);
    if (i === j || seen.has(i * N + j)) continue;
    seen.add(i * N + j);
    supplierArr[made] = j;
    clientArr[made] = i;
    amount[made] = Math.exp(rng.normal());
    made++;
  }

  const inFlow = new Float64Array(N);
  const outFlow = new Float64Array(N);
  for (let e = 0; e < made; e++) {
    inFlow[clientArr[e]!]! += amount[e]!;
    outFlow[supplierArr[e]!]! += amount[e]!;
  }
  const finalDemand = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const margin = (0.1 + 0.4 * rng.next()) * (inFlow[i]! + outFlow[i]! + 1);
    finalDemand[i] = Math.max(0, inFlow[i]! - outFlow[i]!) + margin;
  }
  return buildFirmNetwork(
    {
      nFirms: N,
      sector,
      sectorNames: Array.from({ length: S }, (_, s) => `S${String(s + 1).padStart(3, '0')}`),
      country,
      countryNames: Array.from({ length: C }, (_, c) => `C${String(c + 1).padStart(3, '0')}`),
      finalDemand,
      links: { supplier: supplierArr, client: clientArr, amount, length: made },
    },
    alloc,
  );
}
