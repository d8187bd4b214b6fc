/** `chokepoint compare A B`: two scenarios side by side, with the differences that matter. */
import { computeDemand } from '../../core/equilibrium/demand.js';
import { areaLabel } from '../../core/i18n/index.js';
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
        ctx.t('cli.compare.head', { p: p.id, a: ra.scenario, b: rb.scenario }),
        ctx.t(result.delta.valueAtRisk >= 0 ? 'cli.compare.more' : 'cli.compare.less', {
          ciA: pct(ra.capabilityIndex, 2),
          ciB: pct(rb.capabilityIndex, 2),
          varA: usd(ra.valueAtRisk),
          varB: usd(rb.valueAtRisk),
          d: usd(Math.abs(result.delta.valueAtRisk)),
        }),
        '',
        renderTable(
          [
            { header: ctx.t('cli.col.area'), value: (r) => areaLabel(ctx.lang, r.area) },
            {
              header: ctx.t('cli.col.capabilityOf', { s: 'A' }),
              value: (r) => pct(r.a.capabilityIndex, 2),
              align: 'right',
            },
            {
              header: ctx.t('cli.col.capabilityOf', { s: 'B' }),
              value: (r) => pct(r.b.capabilityIndex, 2),
              align: 'right',
            },
            {
              header: ctx.t('cli.col.atRiskOf', { s: 'A' }),
              value: (r) => usd(r.a.valueAtRisk),
              align: 'right',
            },
            {
              header: ctx.t('cli.col.atRiskOf', { s: 'B' }),
              value: (r) => usd(r.b.valueAtRisk),
              align: 'right',
            },
          ],
          result.byArea,
        ),
        '',
        ctx.t(nodes.length ? 'cli.compare.nodes' : 'cli.compare.noNodes', { p: p.id }),
        ...(nodes.length
          ? [
              renderTable(
                [
                  { header: ctx.t('cli.col.item'), value: (n) => n.item, max: 40 },
                  { header: ctx.t('cli.col.country'), value: (n) => n.country },
                  {
                    header: ctx.t('cli.col.outputOf', { s: 'A' }),
                    value: (n) => pct(n.xA),
                    align: 'right',
                  },
                  {
                    header: ctx.t('cli.col.outputOf', { s: 'B' }),
                    value: (n) => pct(n.xB),
                    align: 'right',
                  },
                  {
                    header: ctx.t('cli.col.valueDelta'),
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
