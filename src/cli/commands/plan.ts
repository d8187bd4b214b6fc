/**
 * `chokepoint plan --country M --projects FILE --budget USD [--per-year USD]
 * [--scenarios FILES | --risk FILE] [--objective expected|worst] [--frontier]`: the budgeted
 * investment planner (MODEL.md §6), with HiGHS solving the selection MIP.
 */
import { resolvePerspective } from '../../core/perspective.js';
import type { PlanResult, PlanScenario, Project } from '../../core/plan/index.js';
import { PlanInfeasibleError, RequiresCycleError } from '../../core/plan/index.js';
import { diffForEvents, drawRiskRuns } from '../../core/risk/index.js';
import { readProjectsFile } from '../../io/read-projects.js';
import { ValidationError, formatIssue } from '../../io/issues.js';
import { createHighsSolver } from '../../solver/highs.js';
import type { Context } from '../context.js';
import { UsageError, renderTable, usd } from '../output.js';
import { libraryFiles } from '../../io/scenario-library.js';
import { loadScenario } from '../scenario-input.js';
import { readScenarioFile } from '../../io/read-scenario.js';
import { loadRiskModel, parseSeed, progressBar, reportFileErrors } from './risk.js';
import { saveRun } from './store-commands.js';
import { plannerFor } from '../distributed/plan.js';

export interface PlanArgs {
  country: string;
  projects: string;
  budget: string;
  perYear?: string | undefined;
  scenarios?: string[] | undefined;
  risk?: string | undefined;
  runs: number;
  seed: string;
  objective: string;
  frontier: boolean;
  /** Record the run in the store (docs/store.md). */
  save?: boolean | undefined;
  /** Redis URL: solve the equilibria on `chokepoint worker` processes (docs/distributed.md). */
  redis?: string | undefined;
  /** Equilibria per batch with --redis (default: about 16 batches per round). */
  batchSize?: number | undefined;
}

function usdArg(name: string, v: string): number {
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`${name} must be an amount in USD (0 or more), not "${v}"`);
  return n;
}

function planScenarios(ctx: Context, args: PlanArgs, country: string): PlanScenario[] {
  const c = ctx.compiled;
  if (args.scenarios?.length && args.risk)
    throw new UsageError('give --scenarios or --risk, not both');
  if (args.risk) {
    const model = loadRiskModel(ctx, args.risk);
    const draws = drawRiskRuns(model, args.runs, parseSeed(args.seed));
    const counts = new Array<number>(draws.distinct.length).fill(0);
    for (const s of draws.subsetOf) counts[s]!++;
    return draws.distinct.map((events, s) => ({
      id: events.length ? events.map((e) => model.events[e]!.id).join('+') : 'no-event',
      diff: diffForEvents(c, model, events),
      weight: counts[s]! / draws.runs,
    }));
  }
  let names = args.scenarios ?? [];
  if (names.length === 0) {
    // Default: the library scenarios written for this perspective.
    names = libraryFiles(ctx.datasetPath).filter(
      (f) => readScenarioFile(f).scenario.perspective === country,
    );
    if (names.length === 0)
      throw new UsageError(
        `no library scenario is written for ${country}: give --scenarios FILES or --risk FILE`,
      );
  }
  return names.map((name) => {
    const s = loadScenario(ctx, c, name);
    return { id: s.scenario.id, diff: s.diff, weight: 1 };
  });
}

/** Resolves to the exit code: 1 with a clear message when the inputs are infeasible. */
export async function runPlan(ctx: Context, args: PlanArgs): Promise<number> {
  const c = ctx.compiled;
  const p = resolvePerspective(c, args.country);
  if (args.objective !== 'expected' && args.objective !== 'worst')
    throw new UsageError(`--objective must be expected or worst, not "${args.objective}"`);
  const budget = usdArg('--budget', args.budget);
  const perYear = args.perYear === undefined ? undefined : usdArg('--per-year', args.perYear);
  let projects: Project[];
  let scenarios: PlanScenario[];
  try {
    const read = readProjectsFile(args.projects, c);
    for (const w of read.warnings) ctx.err(`chokepoint: warning: ${formatIssue(w)}`);
    projects = read.projects;
    scenarios = planScenarios(ctx, args, p.id);
  } catch (err) {
    // Errors in the projects or risk file (the dataset's own errors go to the usual report).
    if (
      err instanceof ValidationError &&
      /^(risk|project|requires-cycle|missing-column|field-count|csv-syntax|empty-file|no-projects)/.test(
        err.issues[0]?.code ?? '',
      )
    )
      return reportFileErrors(ctx, err);
    throw err;
  }
  const startedAt = new Date();
  const solver = await createHighsSolver();
  const tick = progressBar(ctx, 'plan: equilibria');
  let result: PlanResult;
  try {
    result = await plannerFor(ctx, args)(
      c,
      { projects, scenarios, perspective: p, budget, perYear, objective: args.objective },
      {
        solver,
        frontier: args.frontier,
        onProgress: tick
          ? (done) => {
              if (done % 25 === 0) tick(done, done);
            }
          : undefined,
      },
    );
  } catch (err) {
    if (err instanceof PlanInfeasibleError || err instanceof RequiresCycleError) {
      ctx.err(`chokepoint: cannot plan: ${err.message}`);
      return 1;
    }
    throw err;
  }
  ctx.emit(
    result,
    () => result.projects.map((x) => ({ ...x })),
    () => planTable(ctx, result),
  );
  if (args.save) {
    await saveRun(ctx, {
      kind: 'plan',
      inputs: {
        country: args.country,
        projects: args.projects,
        budget: args.budget,
        perYear: args.perYear,
        scenarios: args.scenarios,
        risk: args.risk,
        runs: args.runs,
        seed: args.seed,
        objective: args.objective,
        frontier: args.frontier,
        perspective: p.id,
      },
      results: result,
      startedAt,
    });
  }
  return 0;
}

function planTable(ctx: Context, r: PlanResult): string {
  const signed = (x: number) => (x < 0 ? '-' + usd(-x) : usd(x));
  const head = {
    p: r.perspective,
    objective: ctx.t(
      r.objective === 'worst' ? 'cli.plan.objective.worst' : 'cli.plan.objective.expected',
    ),
    n: r.scenarios.length,
    budget: usd(r.budget),
  };
  const lines = [
    r.perYear !== null
      ? ctx.t('cli.plan.headPerYear', { ...head, perYear: usd(r.perYear) })
      : ctx.t('cli.plan.head', head),
    ctx.t(r.stable ? 'cli.plan.summary' : 'cli.plan.summaryCapped', {
      before: usd(r.lossBefore),
      after: signed(r.lossAfter),
      cost: usd(r.cost),
      iterations: r.iterations,
      equilibria: r.equilibria,
    }),
    '',
  ];
  if (r.projects.length === 0) lines.push(ctx.t('cli.plan.none'));
  else
    lines.push(
      renderTable(
        [
          { header: ctx.t('cli.col.project'), value: (x) => x.id, max: 40 },
          {
            header: ctx.t('cli.col.years'),
            value: (x) => `${x.startYear}-${x.endYear}`,
            align: 'right',
          },
          { header: ctx.t('cli.col.cost'), value: (x) => usd(x.cost), align: 'right' },
          { header: ctx.t('cli.col.gain'), value: (x) => usd(x.marginalGain), align: 'right' },
        ],
        r.projects,
      ),
    );
  if (r.frontier.length) {
    lines.push('', ctx.t('cli.plan.frontier'));
    lines.push(
      renderTable(
        [
          { header: ctx.t('cli.col.budget'), value: (x) => usd(x.budget), align: 'right' },
          { header: ctx.t('cli.col.loss'), value: (x) => signed(x.loss), align: 'right' },
          { header: ctx.t('cli.col.cost'), value: (x) => usd(x.cost), align: 'right' },
          { header: ctx.t('cli.col.projects'), value: (x) => x.chosen.join(' '), max: 80 },
        ],
        r.frontier,
      ),
    );
  }
  return lines.join('\n');
}
