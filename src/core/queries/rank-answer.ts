/** `rank --country M` / `GET /api/rank?country=M`: the ranking as the front ends show it. */
import type { CompiledDataset } from '../compile.js';
import type { Reallocation } from '../equilibrium/scenario-diff.js';
import type { Perspective } from '../perspective.js';
import { UnknownNameError, resolvePerspective } from '../perspective.js';
import type { RankResult, RankRunOutcome, Restrictor } from '../rank.js';
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
  /** The ranking's equilibria solved elsewhere (`rankRuns` order; distributed workers). */
  outcomes?: readonly RankRunOutcome[] | undefined;
}

/** The restrictors a query names ("all" or codes and bloc ids); unknown names throw. */
export function pickRestrictors(
  c: CompiledDataset,
  p: Perspective,
  names: 'all' | readonly string[] | undefined,
): Restrictor[] {
  const all = defaultRestrictors(c, p);
  if (names === undefined || names === 'all') return all;
  return names.map((name) => {
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

/** The first `top` rows of a ranking as the front ends show them. */
export function rankAnswerRows(result: RankResult, top = 25): RankAnswerRow[] {
  const decoupling = new Map(result.decoupling.map((d) => [d.item, d.valueAtRisk]));
  return result.rows.slice(0, top).map((r) => ({
    item: r.item,
    restrictor: r.restrictor,
    valueAtRisk: r.valueAtRisk,
    capabilityIndex: r.capabilityIndex,
    shareOfProduction: r.shareOfProduction,
    controlled: r.controlled,
    fullDecouplingValueAtRisk: decoupling.get(r.item)!,
  }));
}

export function rankQuery(
  c: CompiledDataset,
  q: RankQuery,
): { rows: RankAnswerRow[]; result: RankResult } {
  const p = resolvePerspective(c, q.country);
  const restrictors = pickRestrictors(c, p, q.restrictors);
  const result = rankChokepoints(c, p, restrictors, {
    reallocation: q.reallocation ?? 'market',
    onProgress: q.onProgress,
    outcomes: q.outcomes,
  });
  return { rows: rankAnswerRows(result, q.top ?? 25), result };
}
