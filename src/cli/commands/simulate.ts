/** `chokepoint simulate SCENARIO [--country M]`: one scenario through the equilibrium. */
import { resolvePerspective } from '../../core/perspective.js';
import { simulateOverTime } from '../../core/dynamics.js';
import { simulate } from '../../core/simulate.js';
import { areaLabel, itemLabel, scenarioLabel } from '../../core/i18n/index.js';
import type { Context } from '../context.js';
import { UsageError, pct, renderTable, usd } from '../output.js';
import { loadScenario } from '../scenario-input.js';
import { saveRun } from './store-commands.js';

export interface SimulateArgs {
  scenario: string;
  /** Record the run in the store. */
  save?: boolean | undefined;
  months?: number | undefined;
  country?: string | undefined;
  reallocation?: string | undefined;
  top: number;
}

export function parseReallocation(v: string | undefined): 'market' | 'fixed' | undefined {
  if (v === undefined || v === 'market' || v === 'fixed') return v;
  throw new UsageError(`--reallocation must be market or fixed, not "${v}"`);
}

export async function runSimulate(ctx: Context, args: SimulateArgs): Promise<void> {
  const startedAt = new Date();
  const c = ctx.compiled;
  const loaded = loadScenario(ctx, c, args.scenario, parseReallocation(args.reallocation));
  const p = resolvePerspective(c, args.country ?? loaded.scenario.perspective ?? 'CHN');
  const { report: staticReport } = simulate(c, loaded.diff, p, loaded.scenario.id);
  const dyn =
    args.months === undefined
      ? undefined
      : simulateOverTime(c, loaded.scenario, p, args.months).report;
  const report = dyn
    ? {
        ...staticReport,
        series: dyn.series,
        itemSeries: dyn.items,
        firstLossMonth: dyn.firstLossMonth,
        trough: dyn.trough,
      }
    : staticReport;
  const name = (id: string) => itemLabel(ctx.lang, c.dataset.items[c.itemIndex.get(id)!], id);
  ctx.emit(
    report,
    () => report.losses.map((l) => ({ ...l, why: l.why.join(' <- ') })),
    () => {
      const lines = [
        ctx.t('cli.simulate.head', {
          name: scenarioLabel(ctx.lang, loaded.scenario),
          id: loaded.scenario.id,
          p: p.id,
          mode: ctx.t(report.reallocation === 'fixed' ? 'mode.fixed' : 'mode.market'),
        }),
        ctx.t(report.converged ? 'cli.simulate.converged' : 'cli.simulate.notConverged', {
          n: report.iterations,
        }),
        ctx.t('cli.simulate.summary', {
          ci: pct(report.capabilityIndex, 2),
          value: usd(report.valueAtRisk),
          base: usd(report.baselineValue),
        }),
        '',
        renderTable(
          [
            { header: ctx.t('cli.col.area'), value: (a) => areaLabel(ctx.lang, a.area) },
            {
              header: ctx.t('cli.col.capability'),
              value: (a) => pct(a.capabilityIndex, 2),
              align: 'right',
            },
            {
              header: ctx.t('cli.col.valueAtRisk'),
              value: (a) => usd(a.valueAtRisk),
              align: 'right',
            },
          ],
          report.byArea,
        ),
        '',
      ];
      if (dyn) {
        lines.push(
          ctx.t('cli.simulate.months', { n: dyn.months }) +
            (dyn.firstLossMonth === null
              ? ctx.t('cli.simulate.noMonthLoss')
              : ctx.t('cli.simulate.monthLoss', {
                  first: dyn.firstLossMonth,
                  ci: pct(dyn.trough.capabilityIndex, 2),
                  t: dyn.trough.t,
                })),
          renderTable(
            [
              { header: ctx.t('cli.col.month'), value: (x) => x.t, align: 'right' },
              {
                header: ctx.t('cli.col.capability'),
                value: (x) => pct(x.capabilityIndex, 2),
                align: 'right',
              },
              {
                header: ctx.t('cli.col.valueAtRisk'),
                value: (x) => usd(x.valueAtRisk),
                align: 'right',
              },
              ...c.areaIds.map((area) => ({
                header: areaLabel(ctx.lang, area),
                value: (x: (typeof dyn.series)[number]) => pct(x.byArea[area], 1),
                align: 'right' as const,
              })),
            ],
            dyn.series,
          ),
          '',
        );
      }
      const top = report.losses.slice(0, args.top);
      if (top.length === 0) lines.push(ctx.t('cli.simulate.noLoss', { p: p.id }));
      else {
        lines.push(ctx.t('cli.simulate.losses', { p: p.id, n: report.losses.length }));
        lines.push(
          renderTable(
            [
              { header: ctx.t('cli.col.item'), value: (l) => name(l.item), max: 40 },
              { header: ctx.t('cli.col.country'), value: (l) => l.country },
              { header: ctx.t('cli.col.output'), value: (l) => pct(l.x), align: 'right' },
              {
                header: ctx.t('cli.col.valueLost'),
                value: (l) => usd(l.valueLost),
                align: 'right',
              },
              { header: ctx.t('cli.col.why'), value: (l) => l.why.join(' <- '), max: 90 },
            ],
            top,
          ),
        );
      }
      return lines.join('\n');
    },
  );
  if (args.save) {
    await saveRun(ctx, {
      kind: 'simulate',
      inputs: {
        scenario: args.scenario,
        country: args.country,
        reallocation: args.reallocation,
        months: args.months,
        perspective: p.id,
      },
      scenario: { scenario: loaded.scenario, source: loaded.path },
      results: report,
      startedAt,
    });
  }
}
