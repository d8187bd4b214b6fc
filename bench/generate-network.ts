/**
 * A seeded synthetic supply network for the equilibrium benchmark: a layered DAG of items
 * (layer 0 are raw inputs with no requirements), each later item with ~3 requirements on
 * lower layers (half of them on the layer just below), some of them anyOf groups, partial
 * criticalities, and country shares spread over 1-6 countries per item with a skewed
 * (Zipf-like) choice of supplier, so that a few large countries supply most items.
 *
 * Deterministic: the same spec gives the same dataset on any machine (mulberry32,
 * a 32-bit generator by Tommy Ettinger, public domain).
 */
import type { Dataset, Item, Requirement, Share } from '../src/core/dataset.js';
import { emptyDataset } from '../src/core/dataset.js';

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface NetworkSpec {
  items: number;
  countries: number;
  layers: number;
  seed: number;
  /** Probability that an item (above layer 0) has one anyOf group among its requirements. */
  anyOfProbability: number;
  /** Probability that a country share row set sums below 1 (the rest is ROW). */
  rowProbability: number;
}

export const DEFAULT_NETWORK: NetworkSpec = {
  items: 10_000,
  countries: 50,
  layers: 10,
  seed: 20_240_601,
  anyOfProbability: 0.15,
  rowProbability: 0.2,
};

export function countryCode(k: number): string {
  return `C${String(k).padStart(2, '0')}`;
}

export function itemId(i: number): string {
  return `item-${String(i).padStart(5, '0')}`;
}

export function generateNetwork(spec: NetworkSpec = DEFAULT_NETWORK): Dataset {
  const rnd = mulberry32(spec.seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const nC = spec.countries;
  // Supplier weights 1 / (k + 1)^0.8: C00 is the largest country, C49 the smallest.
  const weight = Array.from({ length: nC }, (_, k) => 1 / Math.pow(k + 1, 0.8));
  const pickCountries = (n: number): number[] => {
    const chosen: number[] = [];
    const w = weight.slice();
    for (let c = 0; c < n; c++) {
      let total = 0;
      for (const v of w) total += v;
      let r = rnd() * total;
      let k = 0;
      while (k < nC - 1 && r >= w[k]!) r -= w[k++]!;
      chosen.push(k);
      w[k] = 0;
    }
    return chosen;
  };

  const ds = emptyDataset();
  ds.meta = { name: `generated-${spec.items}x${spec.countries}-seed${spec.seed}` };
  ds.countries = weight.map((w, k) => ({ code: countryCode(k), name: countryCode(k), gdpUsd: w }));
  const perLayer = Math.ceil(spec.items / spec.layers);
  const layerOf = (i: number): number => Math.floor(i / perLayer);
  const items: Item[] = [];
  const shares: Share[] = [];
  const requirements: Requirement[] = [];
  for (let i = 0; i < spec.items; i++) {
    const id = itemId(i);
    items.push({
      id,
      name: id,
      area: ['ic', 'materials', 'machine-tools'][i % 3]!,
      kind: 'product',
      marketSizeUsd: Math.round(Math.pow(10, 6 + 4 * rnd())),
    });
    const suppliers = pickCountries(1 + int(6));
    const raw = suppliers.map(() => 0.2 + rnd());
    const total = raw.reduce((p, q) => p + q, 0);
    const covered = rnd() < spec.rowProbability ? 0.7 + 0.29 * rnd() : 1;
    suppliers.forEach((k, q) => {
      shares.push({ item: id, provider: countryCode(k), share: (raw[q]! / total) * covered });
    });

    const layer = layerOf(i);
    if (layer === 0) continue;
    const nReq = 2 + int(3);
    const used = new Set<number>();
    const pickInput = (): number => {
      for (;;) {
        const from = rnd() < 0.5 ? layer - 1 : int(layer);
        const j = from * perLayer + int(perLayer);
        if (j < i && !used.has(j)) {
          used.add(j);
          return j;
        }
      }
    };
    const groupAt = rnd() < spec.anyOfProbability ? int(nReq) : -1;
    for (let r = 0; r < nReq; r++) {
      const criticality = rnd() < 0.6 ? 1 : 0.2 + 0.7 * rnd();
      if (r === groupAt) {
        const members = 2 + int(2);
        for (let q = 0; q < members; q++) {
          requirements.push({
            item: id,
            requires: itemId(pickInput()),
            criticality,
            group: 'alt',
            efficiency: q === 0 ? 1 : 0.4 + 0.5 * rnd(),
          });
        }
      } else {
        requirements.push({ item: id, requires: itemId(pickInput()), criticality, efficiency: 1 });
      }
    }
  }
  ds.items = items;
  ds.shares = shares;
  ds.requirements = requirements;
  return ds;
}

/**
 * The benchmark shock: `fromCountries` restrict `fraction` of the items to `toCountry`,
 * chosen (seeded) among the items that the restricting countries supply.
 */
export function generatedShock(
  ds: Dataset,
  options: { seed: number; fraction: number; from: string[]; to: string },
): { items: string[]; from: string[]; to: string[] } {
  const rnd = mulberry32(options.seed);
  const from = new Set(options.from);
  const candidates = [...new Set(ds.shares.filter((s) => from.has(s.provider)).map((s) => s.item))];
  const want = Math.round(ds.items.length * options.fraction);
  // Partial Fisher-Yates: the first `want` entries are a uniform sample.
  for (let q = 0; q < Math.min(want, candidates.length); q++) {
    const r = q + Math.floor(rnd() * (candidates.length - q));
    [candidates[q], candidates[r]] = [candidates[r]!, candidates[q]!];
  }
  return { items: candidates.slice(0, want).sort(), from: options.from, to: [options.to] };
}
