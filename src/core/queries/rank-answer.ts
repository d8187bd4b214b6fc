/** `rank --country M` / `GET /api/rank?country=M`: the ranking as the front ends show it. */
import type { CompiledDataset } from '../compile.js';
import type { Reallocation } from '../equilibrium/scenario-diff.js';
import { UnknownNameError, resolvePerspective } from '../perspective.js';
import type { RankResult, Restrictor } from '../rank.js';
import { defaultRestrictors, rankChokepoints } from '../rank.js';
import { closestNames } from '../suggest.js';

export interface RankAnswerRow {
  item: string;
  restrictor: string;
  valueAtRisk: number;
  capabilityIndex: number;
  shareOfProduction: number;
  controlled: number;
  fullDecouplingValueAtRisk: number;
}

export interface RankQuery {
  country: string;
  /** "all" (default) or country codes and bloc ids. */
  restrictors?: 'all' | readonly string[] | undefined;
  top?: number | undefined;
  reallocation?: Reallocation | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export function rankQuery(
  c: CompiledDataset,
  q: RankQuery,
): { rows: RankAnswerRow[]; result: RankResult } {
  const p = resolvePerspective(c, q.country);
  const all = defaultRestrictors(c, p);
  let restrictors: Restrictor[] = all;
  if (q.restrictors !== undefined && q.restrictors !== 'all') {
    restrictors = q.restrictors.map((name) => {
      const hit = all.find((r) => r.id === name || r.id === name.toUpperCase());
      if (!hit) {
        throw new UnknownNameError(
          'country or bloc',
          name,
          closestNames(
            name,
            all.map((r) => r.id),
          ),
        );
      }
      return hit;
    });
  }
  const result = rankChokepoints(c, p, restrictors, {
    reallocation: q.reallocation ?? 'market',
    onProgress: q.onProgress,
  });
  const decoupling = new Map(result.decoupling.map((d) => [d.item, d.valueAtRisk]));
  const rows = result.rows.slice(0, q.top ?? 25).map((r) => ({
    item: r.item,
    restrictor: r.restrictor,
    valueAtRisk: r.valueAtRisk,
    capabilityIndex: r.capabilityIndex,
    shareOfProduction: r.shareOfProduction,
    controlled: r.controlled,
    fullDecouplingValueAtRisk: decoupling.get(r.item)!,
  }));
  return { rows, result };
}
