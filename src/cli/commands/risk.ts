/**
 * `chokepoint risk --country M --risk FILE --runs N --seed S [--workers W]`: Monte Carlo over a
 * risk model (MODEL.md §5), the equilibria spread over worker threads; the same seed gives
 * the same bytes for any number of workers.
 */
import { cpus } from 'node:os';
import { areaLabel } from '../../core/i18n/index.js';
import { resolvePerspective } from '../../core/perspective.js';
import type { RiskModel, RiskReport, RunOutcome } from '../../core/risk/index.js';
import {
  aggregateRisk,
  checkRiskModel,
  createRiskContext,
  drawRiskRuns,
  evaluateEvents,
} from '../../core/risk/index.js';
import { ValidationError, formatIssue } from '../../io/issues.js';
import { locateRiskProblems, readRiskFile } from '../../io/read-risk.js';
import type { Context } from '../context.js';
import { BUNDLED_DATASET } from '../context.js';
import { evaluateInRedis } from '../distributed/client.js';
import { UsageError, pct, renderTable, usd } from '../output.js';
import { evaluateInWorkers } from '../risk-workers.js';
import { parseReallocation } from './simulate.js';
import { saveRun } from './store-commands.js';

export interface RiskArgs {
  country?: string | undefined;
  risk: string;
  runs: number;
  seed: string;
  workers?: number | undefined;
  reallocation?: string | undefined;
  /** Redis URL: spread the equilibria over `chokepoint worker` processes (docs/distributed.md). */
  redis?: string | undefined;
  /** Distinct scenarios per batch with --redis (default: about 16 batches). */
  batchSize?: number | undefined;
  /** Record the run in the store (docs/store.md). */
  save?: boolean | undefined;
}

export function parseSeed(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new UsageError(`--seed must be a whole number, not "${v}"`);
  return n;
}

/** Read a risk model file and check its names against the dataset (located errors). */
export function loadRiskModel(ctx: Context, path: string): RiskModel {
  const parsed = readRiskFile(path);
  const problems = checkRiskModel(ctx.compiled, parsed.model);
  if (problems.length) throw new ValidationError(locateRiskProblems(parsed, problems));
  return parsed.model;
}

/** A progress bar on stderr when it is a terminal. */
export function progressBar(
  ctx: Context,
  label: string,
): ((done: number, total: number) => void) | undefined {
  if (ctx.io.stderr.isTTY !== true) return undefined;
  const started = Date.now();
  let last = -1;
  return (done, total) => {
    const width = 30;
    const filled = total > 0 ? Math.round((done / total) * width) : 0;
    if (filled === last && done !== total) return;
    last = filled;
    ctx.io.stderr.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (done === total) ctx.io.stderr.write('\n');
  };
}

/** Print a risk or projects file's errors; the exit code is 1. */
export function reportFileErrors(ctx: Context, err: ValidationError): number {
  const errors = err.issues.filter((i) => i.severity === 'error');
  ctx.err(`chokepoint: ${err.file || 'the input'} has ${errors.length} error(s):`);
  for (const i of errors.slice(0, 20)) ctx.err(`  ${formatIssue(i)}`);
  return 1;
}

/** Resolves to the exit code (1 when the risk file has errors). */
export async function runRiskCommand(ctx: Context, args: RiskArgs): Promise<number> {
  const c = ctx.compiled;
  const startedAt = new Date();
  let model: RiskModel;
  try {
    model = loadRiskModel(ctx, args.risk);
  } catch (err) {
    if (err instanceof ValidationError) return reportFileErrors(ctx, err);
    throw err;
  }
  const p = resolvePerspective(c, args.country ?? model.perspective ?? 'CHN');
  const seed = parseSeed(args.seed);
  const reallocation = parseReallocation(args.reallocation);
  const workers = args.workers ?? Math.max(1, Math.min(4, cpus().length));
  const draws = drawRiskRuns(model, args.runs, seed);
  const progress = progressBar(
    ctx,
    `risk: ${args.runs} runs, ${draws.distinct.length} distinct scenarios`,
  );
  let outcomes: RunOutcome[];
  if (args.redis) {
    outcomes = await evaluateInRedis(
      {
        dataset: c.dataset,
        datasetPath: ctx.load().checked.path,
        bundled: ctx.datasetPath === BUNDLED_DATASET,
        model,
        perspective: p.id,
        reallocation,
        nAreas: c.areaIds.length,
      },
      draws.distinct,
      {
        redis: args.redis,
        batchSize: args.batchSize,
        onProgress: progress,
        onNote: (m) => ctx.err(`chokepoint: ${m}`),
      },
    );
  } else if (workers <= 1 || draws.distinct.length < 2) {
    const rctx = createRiskContext(c, model, p, reallocation);
    outcomes = draws.distinct.map((events, s) => {
      const o = evaluateEvents(rctx, events);
      progress?.(s + 1, draws.distinct.length);
      return o;
    });
  } else {
    outcomes = await evaluateInWorkers(
      { dataset: c.dataset, model, perspective: p.id, reallocation },
      draws.distinct,
      workers,
      progress,
    );
  }
  const report = aggregateRisk(c, model, p, draws, outcomes, seed, reallocation);
  if (report.notConverged)
    ctx.err(`chokepoint: warning: ${report.notConverged} run(s) did not converge`);
  ctx.emit(
    report,
    () => riskRows(report),
    () => riskTable(ctx, report),
  );
  if (args.save) {
    await saveRun(ctx, {
      kind: 'risk',
      inputs: {
        country: args.country,
        risk: args.risk,
        runs: args.runs,
        seed: args.seed,
        reallocation: args.reallocation,
        perspective: p.id,
      },
      results: report,
      startedAt,
    });
  }
  return 0;
}

function riskRows(r: RiskReport): object[] {
  const row = (measure: string, area: string, d: RiskReport['valueAtRisk']) => ({
    measure,
    area,
    ...d,
  });
  return [
    row('capabilityIndex', 'all', r.capabilityIndex),
    row('valueAtRisk', 'all', r.valueAtRisk),
    ...r.byArea.flatMap((a) => [
      row('capabilityIndex', a.area, a.capabilityIndex),
      row('valueAtRisk', a.area, a.valueAtRisk),
    ]),
  ];
}

function riskTable(ctx: Context, r: RiskReport): string {
  const dist = [
    { header: ctx.t('cli.col.mean'), value: (d: RiskReport['valueAtRisk']) => d.mean },
    { header: 'p5', value: (d: RiskReport['valueAtRisk']) => d.p5 },
    { header: 'p50', value: (d: RiskReport['valueAtRisk']) => d.p50 },
    { header: 'p95', value: (d: RiskReport['valueAtRisk']) => d.p95 },
    { header: 'CVaR 95%', value: (d: RiskReport['valueAtRisk']) => d.cvar95 },
  ];
  const rows = [
    { area: ctx.t('cli.risk.allAreas'), ci: r.capabilityIndex, v: r.valueAtRisk },
    ...r.byArea.map((a) => ({
      area: areaLabel(ctx.lang, a.area),
      ci: a.capabilityIndex,
      v: a.valueAtRisk,
    })),
  ];
  return [
    ctx.t('cli.risk.head', {
      p: r.perspective,
      runs: r.runs,
      seed: String(r.seed),
      model: r.riskModel,
      distinct: r.distinctScenarios,
      base: usd(r.baselineValue),
    }),
    '',
    ctx.t('cli.risk.var'),
    renderTable(
      [
        { header: ctx.t('cli.col.area'), value: (x) => x.area },
        ...dist.map((d) => ({
          header: d.header,
          value: (x: (typeof rows)[number]) => usd(d.value(x.v)),
          align: 'right' as const,
        })),
      ],
      rows,
    ),
    '',
    ctx.t('cli.risk.ci'),
    renderTable(
      [
        { header: ctx.t('cli.col.area'), value: (x) => x.area },
        ...dist.map((d) => ({
          header: d.header,
          value: (x: (typeof rows)[number]) => pct(d.value(x.ci), 2),
          align: 'right' as const,
        })),
      ],
      rows,
    ),
    '',
    ctx.t('cli.risk.contributions'),
    renderTable(
      [
        { header: ctx.t('cli.col.event'), value: (x) => x.shock, max: 40 },
        { header: ctx.t('cli.col.runsWith'), value: (x) => x.runsWith, align: 'right' },
        { header: ctx.t('cli.col.with'), value: (x) => usd(x.meanLossWith), align: 'right' },
        { header: ctx.t('cli.col.without'), value: (x) => usd(x.meanLossWithout), align: 'right' },
        {
          header: ctx.t('cli.col.delta'),
          value: (x) =>
            x.delta === null ? '-' : (x.delta < 0 ? '-' : '') + usd(Math.abs(x.delta)),
          align: 'right',
        },
      ],
      r.contributions,
    ),
  ].join('\n');
}
