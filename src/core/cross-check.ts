/**
 * Cross-check two datasets where their items overlap (matched by id, else by name): the
 * country shares side by side and the largest difference per item. Used to hold the bundled
 * dataset against the ETO Chip Explorer.
 */
import type { CompiledDataset } from './compile.js';
import { countryShares } from './metrics.js';

export interface CrossCheckRow {
  item: string;
  other: string;
  /** Country -> [share here, share there] (0 where absent). */
  shares: Record<string, [number, number]>;
  /** The largest absolute difference over countries, 0..1. */
  maxDifference: number;
  /** The country with that difference. */
  country: string | null;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export function crossCheck(a: CompiledDataset, b: CompiledDataset): CrossCheckRow[] {
  const byName = new Map(b.dataset.items.map((it, j) => [norm(it.name), j]));
  const out: CrossCheckRow[] = [];
  a.dataset.items.forEach((it, i) => {
    const j = b.itemIndex.get(it.id) ?? byName.get(norm(it.name));
    if (j === undefined || !a.quantified[i] || !b.quantified[j]) return;
    const sa = new Map(countryShares(a, i).map((s) => [s.country, s.share]));
    const sb = new Map(countryShares(b, j).map((s) => [s.country, s.share]));
    const shares: Record<string, [number, number]> = {};
    let maxDifference = 0;
    let country: string | null = null;
    for (const k of [...new Set([...sa.keys(), ...sb.keys()])].sort()) {
      const pair: [number, number] = [sa.get(k) ?? 0, sb.get(k) ?? 0];
      shares[k] = pair;
      const d = Math.abs(pair[0] - pair[1]);
      if (d > maxDifference) {
        maxDifference = d;
        country = k;
      }
    }
    out.push({ item: it.id, other: b.itemIds[j]!, shares, maxDifference, country });
  });
  return out.sort((x, y) => y.maxDifference - x.maxDifference || x.item.localeCompare(y.item));
}
