/**
 * Tiny hand-written firm networks for the tests: firms by name, links as
 * `[supplier, client, amount]`.
 */
import type { FirmNetwork } from './network.js';
import { buildFirmNetwork } from './network.js';
import type { FirmShock } from './shocks.js';

export interface TinySpec {
  /** [name, sector, final demand] */
  firms: [string, string, number][];
  links: [string, string, number][];
}

export function tinyNetwork(spec: TinySpec): FirmNetwork {
  const names = spec.firms.map((f) => f[0]);
  const sectors = [...new Set(spec.firms.map((f) => f[1]))];
  const idx = (name: string): number => {
    const i = names.indexOf(name);
    if (i < 0) throw new Error(`no firm ${name}`);
    return i;
  };
  return buildFirmNetwork({
    nFirms: names.length,
    sector: Int32Array.from(spec.firms.map((f) => sectors.indexOf(f[1]))),
    sectorNames: sectors,
    finalDemand: Float64Array.from(spec.firms.map((f) => f[2])),
    links: {
      supplier: Int32Array.from(spec.links.map((l) => idx(l[0]))),
      client: Int32Array.from(spec.links.map((l) => idx(l[1]))),
      amount: Float64Array.from(spec.links.map((l) => l[2])),
      length: spec.links.length,
    },
    ids: names,
  });
}

/** Shock by firm name. */
export function shockOf(
  net: FirmNetwork,
  name: string,
  delta: number,
  start = 0,
  recovery = 0,
): FirmShock {
  const firm = net.ids!.indexOf(name);
  if (firm < 0) throw new Error(`no firm ${name}`);
  return { firm, delta, start, recovery };
}

/** Index of the link supplier -> client in the network's client-major order. */
export function linkOf(net: FirmNetwork, supplier: string, client: string): number {
  const s = net.ids!.indexOf(supplier);
  const c = net.ids!.indexOf(client);
  for (let e = net.inOffsets[c]!; e < net.inOffsets[c + 1]!; e++)
    if (net.supplier[e] === s) return e;
  throw new Error(`no link ${supplier} -> ${client}`);
}
