/** `chokepoint compare A B`: two scenarios side by side, with the differences that matter. */
import { areaName } from '../../core/dataset.js';
import { computeDemand } from '../../core/equilibrium/demand.js';
import { resolvePerspective } from '../../core/perspective.js';
import { simulate } from '../../core/simulate.js';
import type { Context } from '../context.js';
import { pct, renderTable, usd } from '../output.js';
import { loadScenario } from '../scenario-input.js';

/** Node levels closer than this are the same. */
const SAME = 1e-6;

export function runCompare(
  ctx: Context,
  args: { a: string; b: string; country?: string | undefined; top: number },
): void {
  const c = ctx.compiled;
  const la = loadScenario(ctx, c, args.a);
  const lb = loadScenario(ctx, c, args.b);
  const p = resolvePerspective(
    c,
    args.country ?? la.scenario.perspective ?? lb.scenario.perspective ?? 'CHN',
  );
  const demand = computeDemand(c);
  const ra = simulate(c, la.diff, p, la.scenario.id, { demand }).report;
  const rb = simulate(c, lb.diff, p, lb.scenario.id, { demand }).report;
  const xb = new Map(rb.nodes.map((n) => [`${n.item}|${n.country}`, n.x]));
  const value = (item: string, country: string) => {
    const i = c.itemIndex.get(item)!;
    return c.marketSize[i]! * c.share[i * c.nCountries + c.countryIndex.get(country)!]!;
  };
  const nodes = ra.nodes
    .map((n) => {
      const b = xb.get(`${n.item}|${n.country}`) ?? 1;
      return {
        item: n.item,
        country: n.country,
        a: n.x,
        b,
        valueDelta: value(n.item, n.country) * (n.x - b),
      };
    })
    .filter((n) => Math.abs(n.a - n.b) > SAME && p.members.includes(c.countryIndex.get(n.country)!))
    .sort(
      (x, y) => Math.abs(y.valueDelta) - Math.abs(x.valueDelta) || x.item.localeCompare(y.item),
    );
  const result = {
    perspective: p.id,
    a: {
      scenario: ra.scenario,
      capabilityIndex: ra.capabilityIndex,
      valueAtRisk: ra.valueAtRisk,
      converged: ra.converged,
    },
    b: {
      scenario: rb.scenario,
      capabilityIndex: rb.capabilityIndex,
      valueAtRisk: rb.valueAtRisk,
      converged: rb.converged,
    },
    delta: {
      capabilityIndex: rb.capabilityIndex - ra.capabilityIndex,
      valueAtRisk: rb.valueAtRisk - ra.valueAtRisk,
    },
    byArea: ra.byArea.map((x, q) => ({
      area: x.area,
      a: { capabilityIndex: x.capabilityIndex, valueAtRisk: x.valueAtRisk },
      b: { capabilityIndex: rb.byArea[q]!.capabilityIndex, valueAtRisk: rb.byArea[q]!.valueAtRisk },
    })),
    nodes: nodes.map((n) => ({
      item: n.item,
      country: n.country,
      xA: n.a,
      xB: n.b,
      valueDelta: -n.valueDelta,
    })),
  };
  ctx.emit(
    result,
    () => result.nodes,
    () =>
      [
        `Comparing for ${p.id}: A = ${ra.scenario}, B = ${rb.scenario}`,
        `Capability index: A ${pct(ra.capabilityIndex, 2)}, B ${pct(rb.capabilityIndex, 2)}; value at risk: A ${usd(ra.valueAtRisk)}, B ${usd(rb.valueAtRisk)} (B - A: ${usd(Math.abs(result.delta.valueAtRisk))} ${result.delta.valueAtRisk >= 0 ? 'more' : 'less'}).`,
        '',
        renderTable(
          [
            { header: 'area', value: (r) => areaName(r.area) },
            { header: 'capability A', value: (r) => pct(r.a.capabilityIndex, 2), align: 'right' },
            { header: 'capability B', value: (r) => pct(r.b.capabilityIndex, 2), align: 'right' },
            { header: 'at risk A', value: (r) => usd(r.a.valueAtRisk), align: 'right' },
            { header: 'at risk B', value: (r) => usd(r.b.valueAtRisk), align: 'right' },
          ],
          result.byArea,
        ),
        '',
        nodes.length
          ? `Nodes of ${p.id} whose output differs (largest value difference first):`
          : `No node of ${p.id} differs.`,
        ...(nodes.length
          ? [
              renderTable(
                [
                  { header: 'item', value: (n) => n.item, max: 40 },
                  { header: 'country', value: (n) => n.country },
                  { header: 'output A', value: (n) => pct(n.xA), align: 'right' },
                  { header: 'output B', value: (n) => pct(n.xB), align: 'right' },
                  {
                    header: 'B - A value',
                    value: (n) => `${n.valueDelta >= 0 ? '+' : '-'}${usd(Math.abs(n.valueDelta))}`,
                    align: 'right',
                  },
                ],
                result.nodes.slice(0, args.top),
              ),
            ]
          : []),
      ].join('\n'),
  );
}
