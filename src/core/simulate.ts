/**
 * One scenario, reported for a perspective (MODEL.md §3 "Outputs"): capability index and
 * production value lost in total and per area, every node's operating level, every buyer's
 * access, and the perspective's losses with the chain of items that explains each.
 */
import type { CompiledDataset } from './compile.js';
import type { DemandTable } from './equilibrium/demand.js';
import type { ScenarioDiff } from './equilibrium/scenario-diff.js';
import type { EquilibriumResult } from './equilibrium/solve.js';
import { solveEquilibrium } from './equilibrium/solve.js';
import { lostShare } from './equilibrium/outputs.js';
import { why } from './equilibrium/why.js';
import type { Perspective } from './perspective.js';

/** Levels within this of 1 are reported as no loss. */
const EPS = 1e-9;

export interface AreaOutcome {
  area: string;
  capabilityIndex: number;
  valueAtRisk: number;
  /** Baseline production value of the perspective in the area. */
  baselineValue: number;
}

export interface Loss {
  item: string;
  country: string;
  /** Operating level of the node (1 where only an outage cut it). */
  x: number;
  /** V[i] max(0, s - S): production value lost at this node, outages included. */
  valueLost: number;
  /** Item ids from the loss back to its root cause. */
  why: string[];
}

export interface SimulationReport {
  scenario: string;
  perspective: string;
  reallocation: string;
  converged: boolean;
  iterations: number;
  capabilityIndex: number;
  valueAtRisk: number;
  baselineValue: number;
  byArea: AreaOutcome[];
  nodes: { item: string; country: string; x: number }[];
  access: { item: string; country: string; a: number }[];
  losses: Loss[];
  /** Per item with a loss: 1 - world available supply / baseline. */
  worldLoss: { item: string; loss: number }[];
}

export function simulate(
  c: CompiledDataset,
  diff: ScenarioDiff,
  perspective: Perspective,
  scenarioId: string,
  options: { demand?: DemandTable } = {},
): { report: SimulationReport; result: EquilibriumResult } {
  const result = solveEquilibrium(c, diff, { demand: options.demand });
  return { report: report(c, result, perspective, scenarioId), result };
}

export function report(
  c: CompiledDataset,
  r: EquilibriumResult,
  p: Perspective,
  scenarioId: string,
): SimulationReport {
  const nC = c.nCountries;
  const nA = c.areaIds.length;
  const base = new Float64Array(nA);
  const lost = new Float64Array(nA);
  const losses: Loss[] = [];
  for (let i = 0; i < c.nItems; i++) {
    // Derived categories are valued through their variants (counting both would double).
    if (r.variants.derived[i]) continue;
    const v = c.marketSize[i]!;
    for (const k of p.members) {
      const p0 = i * nC + k;
      const value = v * c.share[p0]!;
      if (value === 0) continue;
      const x = r.x[p0]!;
      const valueLost = v * lostShare(c.share[p0]!, r.supply[p0]!);
      base[c.itemArea[i]!]! += value;
      lost[c.itemArea[i]!]! += valueLost;
      if (valueLost > EPS * value) {
        losses.push({
          item: c.itemIds[i]!,
          country: c.countryCodes[k]!,
          x,
          valueLost,
          why: why(c, r, i, k).map((j) => c.itemIds[j]!),
        });
      }
    }
  }
  losses.sort((a, b) => b.valueLost - a.valueLost || a.item.localeCompare(b.item));
  let totalBase = 0;
  let totalLost = 0;
  const byArea: AreaOutcome[] = c.areaIds.map((area, a) => {
    totalBase += base[a]!;
    totalLost += lost[a]!;
    return {
      area,
      capabilityIndex: base[a]! > 0 ? 1 - lost[a]! / base[a]! : 1,
      valueAtRisk: lost[a]!,
      baselineValue: base[a]!,
    };
  });
  const nodes: SimulationReport['nodes'] = [];
  const access: SimulationReport['access'] = [];
  const worldLoss: SimulationReport['worldLoss'] = [];
  for (let i = 0; i < c.nItems; i++) {
    for (let k = 0; k < nC; k++) {
      const p0 = i * nC + k;
      if (c.share[p0]! > 0 || r.diff.added[p0]! > 0) {
        nodes.push({ item: c.itemIds[i]!, country: c.countryCodes[k]!, x: r.x[p0]! });
      }
      if (r.demand[p0]! > 0)
        access.push({ item: c.itemIds[i]!, country: c.countryCodes[k]!, a: r.a[p0]! });
    }
    if (r.worldLoss[i]! > EPS) worldLoss.push({ item: c.itemIds[i]!, loss: r.worldLoss[i]! });
  }
  return {
    scenario: scenarioId,
    perspective: p.id,
    reallocation: r.reallocation,
    converged: r.converged,
    iterations: r.iterations,
    capabilityIndex: totalBase > 0 ? 1 - totalLost / totalBase : 1,
    valueAtRisk: totalLost,
    baselineValue: totalBase,
    byArea,
    nodes,
    access,
    losses,
    worldLoss,
  };
}
