/**
 * A firm network built from an item-level dataset, so that the firm-level dynamics and the
 * static equilibrium (MODEL.md §3) can be run on the same world and compared.
 *
 * - One firm per production node (item i, country k) with a baseline share > 0 (derived
 *   categories are not nodes: their variants are); its sector is the item, its country k,
 *   and its baseline production `P0 = V_i * s[i][k]` (market size times share).
 * - Node (j, k) sells its output to buyer countries in proportion to demand `d[j][m]` (items
 *   made where they are used sell only at home). Within country m, the part of j that
 *   country buys goes to the nodes (i, m) that require j, weighted as in the network demand
 *   rule: `c[i][j] * e_j * V_i * s[i][m]`; a requirement on a category is passed to its
 *   variants by their weights. What no node of m requires (end products, ROW, explicit
 *   demand without local consumers) is final demand of (j, k).
 * - So every buyer sources each input from the supplier countries in proportion to their
 *   baseline shares: the `fixed` (short-run) reallocation of the static model.
 *
 * Approximations (docs/firms.md): the firm model's production is Leontief over sectors, so
 * a requirement with criticality below 1 and each member of an anyOf group become essential
 * inputs (weighted by criticality and efficiency); the static model treats them more softly.
 */
import type { CompiledDataset } from '../compile.js';
import type { DemandTable } from '../equilibrium/demand.js';
import { variantStructure } from '../equilibrium/variants.js';
import type { Allocator, FirmNetwork } from './network.js';
import { buildFirmNetwork, heapAllocator } from './network.js';

export interface ItemFirmNetwork {
  readonly network: FirmNetwork;
  /** Firm index of node (item, country) at [item * nCountries + country], -1 for none. */
  readonly firmOf: Int32Array;
  /** Node index (item * nCountries + country) of each firm. */
  readonly nodeOf: Int32Array;
}

export function firmNetworkFromDataset(
  c: CompiledDataset,
  demand: DemandTable,
  alloc: Allocator = heapAllocator,
): ItemFirmNetwork {
  const nC = c.nCountries;
  const vs = variantStructure(c);
  const base = demand.baseShare;
  const firmOf = new Int32Array(c.nItems * nC).fill(-1);
  const nodes: number[] = [];
  for (let i = 0; i < c.nItems; i++) {
    if (vs.derived[i]) continue;
    for (let k = 0; k < nC; k++) {
      if (base[i * nC + k]! > 0) {
        firmOf[i * nC + k] = nodes.length;
        nodes.push(i * nC + k);
      }
    }
  }
  const N = nodes.length;
  const nodeOf = Int32Array.from(nodes);
  const sector = new Int32Array(N);
  const country = new Int32Array(N);
  const p0 = new Float64Array(N);
  for (let f = 0; f < N; f++) {
    const node = nodeOf[f]!;
    const i = Math.floor(node / nC);
    sector[f] = i;
    country[f] = node % nC;
    p0[f] = c.marketSize[i]! * base[node]!;
  }

  // Consumers of each item: (consumer item, weight), categories passed down to variants.
  const consumers: { item: number; w: number }[][] = Array.from({ length: c.nItems }, () => []);
  const addConsumer = (j: number, item: number, w: number): void => {
    if (vs.derived[j]) {
      for (let r = c.variantOffsets[j]!; r < c.variantOffsets[j + 1]!; r++) {
        const v = c.variantChild[r]!;
        addConsumer(v, item, w * vs.fraction[v]!);
      }
    } else if (w > 0) consumers[j]!.push({ item, w });
  };
  for (let i = 0; i < c.nItems; i++) {
    if (vs.derived[i]) continue;
    for (let slot = c.reqOffsets[i]!; slot < c.reqOffsets[i + 1]!; slot++) {
      const crit = c.slotCriticality[slot]!;
      for (let q = c.slotInputOffsets[slot]!; q < c.slotInputOffsets[slot + 1]!; q++) {
        addConsumer(c.slotInput[q]!, i, crit * c.slotEfficiency[q]! * c.marketSize[i]!);
      }
    }
  }

  const sup: number[] = [];
  const cli: number[] = [];
  const amt: number[] = [];
  const finalDemand = new Float64Array(N);
  const acc = new Float64Array(N);
  const touched: number[] = [];
  for (let f = 0; f < N; f++) {
    const j = sector[f]!;
    const k = country[f]!;
    let sold = 0;
    for (let m = 0; m < nC; m++) {
      const share = demand.isLocal[j] ? (m === k ? 1 : 0) : demand.d[j * nC + m]!;
      if (!(share > 0)) continue;
      let W = 0;
      for (const { item, w } of consumers[j]!) {
        if (firmOf[item * nC + m]! >= 0) W += w * base[item * nC + m]!;
      }
      if (!(W > 0)) continue;
      const toM = p0[f]! * share;
      for (const { item, w } of consumers[j]!) {
        const g = firmOf[item * nC + m]!;
        if (g < 0 || g === f) continue;
        if (acc[g] === 0) touched.push(g);
        const a = (toM * w * base[item * nC + m]!) / W;
        acc[g]! += a;
        sold += a;
      }
    }
    for (const g of touched.sort((a, b) => a - b)) {
      sup.push(f);
      cli.push(g);
      amt.push(acc[g]!);
      acc[g] = 0;
    }
    touched.length = 0;
    finalDemand[f] = Math.max(0, p0[f]! - sold);
  }
  const network = buildFirmNetwork(
    {
      nFirms: N,
      sector,
      sectorNames: c.itemIds,
      country,
      countryNames: c.countryCodes,
      finalDemand,
      links: {
        supplier: Int32Array.from(sup),
        client: Int32Array.from(cli),
        amount: Float64Array.from(amt),
        length: sup.length,
      },
      ids: nodes.map((node) => `${c.itemIds[Math.floor(node / nC)]}@${c.countryCodes[node % nC]}`),
    },
    alloc,
  );
  return { network, firmOf, nodeOf };
}
