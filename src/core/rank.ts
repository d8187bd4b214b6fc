/**
 * Chokepoint ranking (MODEL.md §4): for a perspective m and candidate restrictors (countries
 * and blocs), run the equilibrium with the single shock "R restricts j to m, severity 1" for
 * every item j that R supplies, and rank by m's production value lost. Per item, also the
 * loss under full decoupling (every foreign supplier restricts j to m).
 *
 * One compilation and one demand table serve every run: each run is a one-restriction diff.
 */
import type { CompiledDataset } from './compile.js';
import { computeDemand } from './equilibrium/demand.js';
import type { Reallocation } from './equilibrium/scenario-diff.js';
import { restrict, scenarioDiff } from './equilibrium/scenario-diff.js';
import { perspectiveOutputs } from './equilibrium/outputs.js';
import { solveEquilibrium } from './equilibrium/solve.js';
import { controlledBy } from './metrics.js';
import type { Perspective } from './perspective.js';

export interface Restrictor {
  /** Country code or bloc id. */
  id: string;
  members: Int32Array;
}

export interface RankRow {
  item: string;
  restrictor: string;
  /** The restrictor's share of world supply of the item (excluding the perspective itself). */
  controlled: number;
  valueAtRisk: number;
  capabilityIndex: number;
  /** valueAtRisk / the perspective's baseline production value. */
  shareOfProduction: number;
}

export interface DecouplingRow {
  item: string;
  valueAtRisk: number;
  capabilityIndex: number;
}

export interface RankResult {
  perspective: string;
  baselineValue: number;
  rows: RankRow[];
  decoupling: DecouplingRow[];
  /** Runs that did not converge (reported, never hidden). */
  notConverged: number;
}

export interface RankOptions {
  reallocation?: Reallocation | undefined;
  /** Called after each run with (done, total), for progress bars. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Every other country with a share in the dataset, and every bloc. */
export function defaultRestrictors(c: CompiledDataset, p: Perspective): Restrictor[] {
  const own = new Set(p.members);
  const out: Restrictor[] = [];
  for (let k = 0; k < c.nCountries; k++) {
    if (k === c.rowIndex || own.has(k)) continue;
    out.push({ id: c.countryCodes[k]!, members: Int32Array.of(k) });
  }
  c.blocIds.forEach((id, b) => {
    out.push({ id, members: c.blocMember.slice(c.blocOffsets[b]!, c.blocOffsets[b + 1]!) });
  });
  return out;
}

export function rankChokepoints(
  c: CompiledDataset,
  p: Perspective,
  restrictors: readonly Restrictor[],
  options: RankOptions = {},
): RankResult {
  const reallocation = options.reallocation ?? 'market';
  const demand = computeDemand(c);
  const own = new Set(p.members);
  const jobs: { item: number; r: Restrictor; from: Int32Array; controlled: number }[] = [];
  for (let j = 0; j < c.nItems; j++) {
    for (const r of restrictors) {
      // A restriction never applies to the perspective's own supply.
      const from = r.members.filter((k) => !own.has(k));
      const controlled = controlledBy(c, j, from);
      if (controlled > 0) jobs.push({ item: j, r, from, controlled });
    }
  }
  const foreign = Int32Array.from([...Array(c.nCountries).keys()].filter((k) => !own.has(k)));
  const total = jobs.length + c.nItems;
  let done = 0;
  let notConverged = 0;
  let baselineValue = 0;
  const run = (items: Int32Array, from: Int32Array) => {
    // A category whose variants carry the shares is restricted through its variants.
    const shock = restrict(c, { items, from, to: p.members, severity: 1, includeVariants: true });
    const diff = scenarioDiff(c, [shock], {
      reallocation,
    });
    const res = solveEquilibrium(c, diff, { demand });
    if (!res.converged) notConverged++;
    const out = perspectiveOutputs(c, res, p);
    baselineValue = out.baselineValue;
    options.onProgress?.(++done, total);
    return out;
  };
  const rows: RankRow[] = jobs.map((job) => {
    const out = run(Int32Array.of(job.item), job.from);
    return {
      item: c.itemIds[job.item]!,
      restrictor: job.r.id,
      controlled: job.controlled,
      valueAtRisk: out.valueAtRisk,
      capabilityIndex: out.capabilityIndex,
      shareOfProduction: 0,
    };
  });
  const decoupling: DecouplingRow[] = [];
  for (let j = 0; j < c.nItems; j++) {
    const out = run(Int32Array.of(j), foreign);
    decoupling.push({
      item: c.itemIds[j]!,
      valueAtRisk: out.valueAtRisk,
      capabilityIndex: out.capabilityIndex,
    });
  }
  for (const r of rows) r.shareOfProduction = baselineValue > 0 ? r.valueAtRisk / baselineValue : 0;
  const byLoss = <T extends { valueAtRisk: number; item: string }>(a: T, b: T) =>
    b.valueAtRisk - a.valueAtRisk || a.item.localeCompare(b.item);
  rows.sort((a, b) => byLoss(a, b) || a.restrictor.localeCompare(b.restrictor));
  decoupling.sort(byLoss);
  return { perspective: p.id, baselineValue, rows, decoupling, notConverged };
}
