/**
 * Chokepoint ranking (MODEL.md §4): for a perspective m and candidate restrictors (countries
 * and blocs), run the equilibrium with the single shock "R restricts j to m, severity 1" for
 * every item j that R supplies, and rank by m's production value lost. Per item, also the
 * loss under full decoupling (every foreign supplier restricts j to m).
 *
 * One compilation and one demand table serve every run: each run is a one-restriction diff.
 * The runs are independent: `rankRuns` lists them and `rankRunOutcome` solves one, so they can
 * be solved elsewhere (distributed workers) and handed back through `options.outcomes`.
 */
import type { CompiledDataset } from './compile.js';
import type { DemandTable } from './equilibrium/demand.js';
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
  /**
   * The runs' outcomes computed elsewhere (`rankRunOutcome` on `rankRuns`, in that order),
   * e.g. on distributed workers: the ranking is then assembled without solving anything.
   */
  outcomes?: readonly RankRunOutcome[] | undefined;
}

/** One equilibrium of the ranking: `from` withholds `item` from the perspective. */
export interface RankRun {
  item: number;
  /** Supplier country indices (never the perspective's own members). */
  from: Int32Array;
}

/** What the ranking keeps of one run. */
export interface RankRunOutcome {
  valueAtRisk: number;
  capabilityIndex: number;
  baselineValue: number;
  converged: boolean;
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

interface RankJob extends RankRun {
  r: Restrictor;
  controlled: number;
}

/** The single-restrictor runs (item-major), then one full-decoupling run per item. */
function rankJobs(
  c: CompiledDataset,
  p: Perspective,
  restrictors: readonly Restrictor[],
): { jobs: RankJob[]; decoupling: RankRun[] } {
  const own = new Set(p.members);
  const jobs: RankJob[] = [];
  for (let j = 0; j < c.nItems; j++) {
    for (const r of restrictors) {
      // A restriction never applies to the perspective's own supply.
      const from = r.members.filter((k) => !own.has(k));
      const controlled = controlledBy(c, j, from);
      if (controlled > 0) jobs.push({ item: j, r, from, controlled });
    }
  }
  const foreign = Int32Array.from([...Array(c.nCountries).keys()].filter((k) => !own.has(k)));
  const decoupling = Array.from({ length: c.nItems }, (_, j) => ({ item: j, from: foreign }));
  return { jobs, decoupling };
}

/** Every run of `rankChokepoints`, in the order it solves them (and expects `outcomes`). */
export function rankRuns(
  c: CompiledDataset,
  p: Perspective,
  restrictors: readonly Restrictor[],
): RankRun[] {
  const { jobs, decoupling } = rankJobs(c, p, restrictors);
  return [...jobs.map(({ item, from }) => ({ item, from })), ...decoupling];
}

/** Solve one run: `run.from` withholds `run.item` (severity 1) from the perspective. */
export function rankRunOutcome(
  c: CompiledDataset,
  p: Perspective,
  run: RankRun,
  reallocation: Reallocation,
  demand: DemandTable,
): RankRunOutcome {
  // A category whose variants carry the shares is restricted through its variants.
  const shock = restrict(c, {
    items: Int32Array.of(run.item),
    from: run.from,
    to: p.members,
    severity: 1,
    includeVariants: true,
  });
  const diff = scenarioDiff(c, [shock], { reallocation });
  const res = solveEquilibrium(c, diff, { demand });
  const out = perspectiveOutputs(c, res, p);
  return {
    valueAtRisk: out.valueAtRisk,
    capabilityIndex: out.capabilityIndex,
    baselineValue: out.baselineValue,
    converged: res.converged,
  };
}

export function rankChokepoints(
  c: CompiledDataset,
  p: Perspective,
  restrictors: readonly Restrictor[],
  options: RankOptions = {},
): RankResult {
  const reallocation = options.reallocation ?? 'market';
  const { jobs, decoupling: decouplingRuns } = rankJobs(c, p, restrictors);
  const total = jobs.length + decouplingRuns.length;
  const given = options.outcomes;
  if (given && given.length !== total)
    throw new RangeError(`rank: ${given.length} outcomes given for ${total} runs`);
  const demand = given ? undefined : computeDemand(c);
  let done = 0;
  let notConverged = 0;
  let baselineValue = 0;
  const run = (r: RankRun) => {
    const out = given ? given[done]! : rankRunOutcome(c, p, r, reallocation, demand!);
    if (!out.converged) notConverged++;
    baselineValue = out.baselineValue;
    done++;
    options.onProgress?.(done, total);
    return out;
  };
  const rows: RankRow[] = jobs.map((job) => {
    const out = run(job);
    return {
      item: c.itemIds[job.item]!,
      restrictor: job.r.id,
      controlled: job.controlled,
      valueAtRisk: out.valueAtRisk,
      capabilityIndex: out.capabilityIndex,
      shareOfProduction: 0,
    };
  });
  const decoupling: DecouplingRow[] = decouplingRuns.map((d) => {
    const out = run(d);
    return {
      item: c.itemIds[d.item]!,
      valueAtRisk: out.valueAtRisk,
      capabilityIndex: out.capabilityIndex,
    };
  });
  for (const r of rows) r.shareOfProduction = baselineValue > 0 ? r.valueAtRisk / baselineValue : 0;
  const byLoss = <T extends { valueAtRisk: number; item: string }>(a: T, b: T) =>
    b.valueAtRisk - a.valueAtRisk || a.item.localeCompare(b.item);
  rows.sort((a, b) => byLoss(a, b) || a.restrictor.localeCompare(b.restrictor));
  decoupling.sort(byLoss);
  return { perspective: p.id, baselineValue, rows, decoupling, notConverged };
}
