/**
 * Item-level dynamics (MODEL.md §7, first part): how fast a scenario bites and recovers,
 * month by month, around the static equilibrium.
 *
 * Each month the scenario is taken as it stands then (dynamicsScenario): a shock acts from its
 * `startMonth` until its `endMonth`; an outage recovers linearly over `recoveryMonths`; a build
 * ramps in over `rampMonths`. Buyers keep their baseline sourcing (`fixed`) until
 * `leadTimeMonths` after the shock begins, and may switch suppliers (`market`) after. Every
 * buyer holds `inventoryMonths` of each storable input (materials, components, tools, products,
 * biological stock; not processes, services, software or designs; per-item overrides in
 * `inventoryByItem`): a gap
 * in access is first drawn from the stock, so production falls only when the stock runs out.
 * Stocks are not rebuilt during the horizon (a conservative simplification: a second shock
 * would find them spent). Each month is one static equilibrium with the stock as `relief`.
 */
import type { CompiledDataset } from './compile.js';
import { computeDemand } from './equilibrium/demand.js';
import { lostShare } from './equilibrium/outputs.js';
import { solveEquilibrium } from './equilibrium/solve.js';
import type { Perspective } from './perspective.js';
import type { Scenario, ScenarioProblem, Shock, Timing } from './scenario.js';
import { isBuild, isOutage, isRestrict, resolveScenario } from './scenario.js';

export interface SeriesPoint {
  /** Month, 0-based. */
  t: number;
  capabilityIndex: number;
  valueAtRisk: number;
  byArea: Record<string, number>;
  /** Whether this month's equilibrium converged. */
  converged: boolean;
}

export interface ItemSeries {
  item: string;
  /** World output lost per month, 0..1. */
  worldLoss: number[];
  /** The perspective's access per month (members averaged by demand), 0..1. */
  access: number[];
}

export interface DynamicsReport {
  months: number;
  series: SeriesPoint[];
  items: ItemSeries[];
  /** First month the capability index falls below 99.9% of baseline, null if never. */
  firstLossMonth: number | null;
  /** The lowest capability index and its month. */
  trough: { t: number; capabilityIndex: number };
}

/** Kinds that `inventoryMonths` does not apply to (an explicit per-item stock still does). */
const NOT_STORABLE = new Set(['process', 'service', 'software', 'design']);

const active = (s: Timing, t: number) =>
  t >= (s.startMonth ?? 0) && (s.endMonth === undefined || t < s.endMonth);

/** The scenario as it stands in month t: severities and capacities scaled, inactive shocks off. */
export function dynamicsScenario(scenario: Scenario, t: number): Scenario {
  const shocks: Shock[] = [];
  for (const s of scenario.shocks) {
    if (isRestrict(s)) {
      if (active(s.restrict, t)) shocks.push(s);
    } else if (isOutage(s)) {
      const o = s.outage;
      if (!active(o, t)) continue;
      const r = o.recoveryMonths;
      const since = t - (o.startMonth ?? 0);
      const left = r === undefined ? 1 : r <= 0 ? 0 : Math.max(0, 1 - since / r);
      if (left > 0) shocks.push({ outage: { ...o, severity: o.severity * left } });
    } else if (isBuild(s)) {
      const b = s.build;
      if (!active(b, t)) continue;
      const since = t - (b.startMonth ?? 0);
      const ramp = b.rampMonths ?? 0;
      const done = ramp <= 0 ? 1 : Math.min(1, (since + 1) / ramp);
      shocks.push({ build: { ...b, capacity: b.capacity * done } });
    }
  }
  return { ...scenario, shocks };
}

function shockStart(scenario: Scenario): number {
  let start = Infinity;
  for (const s of scenario.shocks) {
    const timing = isRestrict(s) ? s.restrict : isOutage(s) ? s.outage : s.build;
    start = Math.min(start, timing.startMonth ?? 0);
  }
  return Number.isFinite(start) ? start : 0;
}

export function simulateOverTime(
  c: CompiledDataset,
  scenario: Scenario,
  p: Perspective,
  months: number,
): { report: DynamicsReport; problems: ScenarioProblem[] } {
  const nC = c.nCountries;
  const demand = computeDemand(c);
  const a0 = scenario.assumptions;
  const stock = new Float64Array(c.nItems * nC);
  for (let j = 0; j < c.nItems; j++) {
    const kind = c.dataset.items[j]!.kind;
    // Goods can be stocked; processes, services, software and designs cannot.
    const storable = !NOT_STORABLE.has(kind);
    const m = a0.inventoryByItem?.[c.itemIds[j]!] ?? (storable ? (a0.inventoryMonths ?? 0) : 0);
    stock.fill(m, j * nC, (j + 1) * nC);
  }
  const start = shockStart(scenario);
  const lead = a0.leadTimeMonths ?? 0;
  const series: SeriesPoint[] = [];
  const worldLoss: number[][] = Array.from({ length: c.nItems }, () => []);
  const access: number[][] = Array.from({ length: c.nItems }, () => []);
  let problems: ScenarioProblem[] = [];
  for (let t = 0; t < months; t++) {
    const now = dynamicsScenario(scenario, t);
    // Buyers switch suppliers only once qualified: baseline sourcing until then.
    const mode = a0.reallocation === 'market' && t - start >= lead ? 'market' : 'fixed';
    const resolved = resolveScenario(c, now, mode);
    if (t === 0) problems = resolveScenario(c, scenario).problems;
    const r = solveEquilibrium(c, resolved.diff, { demand, relief: stock });
    // Draw this month's gaps from the stocks.
    for (let q = 0; q < stock.length; q++) {
      if (stock[q]! > 0 && r.demand[q]! > 0) stock[q] = Math.max(0, stock[q]! - (1 - r.a[q]!));
    }
    const lost = new Float64Array(c.areaIds.length);
    const base = new Float64Array(c.areaIds.length);
    for (let i = 0; i < c.nItems; i++) {
      if (r.variants.derived[i]) continue;
      const v = c.marketSize[i]!;
      for (const k of p.members) {
        const q = i * nC + k;
        if (c.share[q] === 0) continue;
        base[c.itemArea[i]!]! += v * c.share[q]!;
        lost[c.itemArea[i]!]! += v * lostShare(c.share[q]!, r.supply[q]!);
      }
    }
    let tb = 0;
    let tl = 0;
    const byArea: Record<string, number> = {};
    c.areaIds.forEach((area, a) => {
      tb += base[a]!;
      tl += lost[a]!;
      byArea[area] = base[a]! > 0 ? 1 - lost[a]! / base[a]! : 1;
    });
    series.push({
      t,
      capabilityIndex: tb > 0 ? 1 - tl / tb : 1,
      valueAtRisk: tl,
      byArea,
      converged: r.converged,
    });
    for (let i = 0; i < c.nItems; i++) {
      worldLoss[i]!.push(r.worldLoss[i]!);
      let dSum = 0;
      let aSum = 0;
      for (const k of p.members) {
        const q = i * nC + k;
        dSum += r.demand[q]!;
        aSum += r.demand[q]! * Math.min(1, r.a[q]!);
      }
      access[i]!.push(dSum > 0 ? aSum / dSum : 1);
    }
  }
  const items: ItemSeries[] = [];
  for (let i = 0; i < c.nItems; i++) {
    if (worldLoss[i]!.some((x) => x > 1e-9) || access[i]!.some((x) => x < 1 - 1e-9)) {
      items.push({ item: c.itemIds[i]!, worldLoss: worldLoss[i]!, access: access[i]! });
    }
  }
  let trough = { t: 0, capabilityIndex: 1 };
  let firstLossMonth: number | null = null;
  for (const s of series) {
    if (s.capabilityIndex < trough.capabilityIndex)
      trough = { t: s.t, capabilityIndex: s.capabilityIndex };
    if (firstLossMonth === null && s.capabilityIndex < 0.999) firstLossMonth = s.t;
  }
  return { report: { months, series, items, firstLossMonth, trough }, problems };
}
