/**
 * `plan --redis`: the planner runs here, step by step (`planSteps`); before each group of
 * independent evaluations (the gains around a portfolio, a local-search pass, ...) it names the
 * portfolios it needs, and their equilibria (one per portfolio and scenario) are solved by the
 * workers as one run of batches. The losses are handed back exactly (`portfolioLoss`, the
 * function the local evaluator calls), so the plan is the same bytes as a local run.
 */
import type { CompiledDataset } from '../../core/compile.js';
import type { PlanInput, PlanOptions, PlanResult } from '../../core/plan/index.js';
import { planPortfolio, planSteps } from '../../core/plan/index.js';
import { canonicalJson, sha256Hex } from '../../store/hash.js';
import type { Context } from '../context.js';
import { BUNDLED_DATASET } from '../context.js';
import { datasetRef } from './client.js';
import { sparseDiff } from './protocol.js';
import type { BatchSession } from './session.js';
import { withSession } from './session.js';

export type Planner = (
  c: CompiledDataset,
  input: PlanInput,
  options: PlanOptions,
) => Promise<PlanResult>;

/** The planner of `plan`: local, or with `redis` over `chokepoint worker` processes. */
export function plannerFor(
  ctx: Context,
  args: { redis?: string | undefined; batchSize?: number | undefined },
): Planner {
  const redis = args.redis;
  if (!redis) return async (c, input, options) => planPortfolio(c, input, options);
  return (c, input, options) =>
    withSession(
      { redis, batchSize: args.batchSize, onNote: (m) => ctx.err(`chokepoint: ${m}`) },
      (session) =>
        // The round line below replaces the local progress bar.
        planInSession(
          session,
          c,
          input,
          { ...options, onProgress: undefined },
          {
            dataset: datasetRef(
              c.dataset,
              ctx.load().checked.path,
              ctx.datasetPath === BUNDLED_DATASET,
            ),
            onRound:
              ctx.io.stderr.isTTY === true
                ? (line, last) => ctx.io.stderr.write(`\r${line}${last ? '\n' : ''}`)
                : undefined,
          },
        ),
    );
}

export interface PlanInRedisOptions {
  dataset: ReturnType<typeof datasetRef>;
  /** A status line after each batch: round, equilibria of the round, equilibria so far. */
  onRound?: ((line: string, last: boolean) => void) | undefined;
}

/** Plan with every equilibrium solved by the workers of `session`. */
export async function planInSession(
  session: BatchSession,
  c: CompiledDataset,
  input: PlanInput,
  options: PlanOptions,
  o: PlanInRedisOptions,
): Promise<PlanResult> {
  const shared = {
    dataset: o.dataset,
    perspective: input.perspective.id,
    objective: input.objective ?? 'expected',
    projects: [...input.projects],
    scenarios: input.scenarios.map((s) => sparseDiff(s.diff)),
  };
  const context = sha256Hex(canonicalJson(['plan', shared]));
  const steps = planSteps(c, input, options);
  let round = 0;
  let solved = 0;
  const started = Date.now();
  for (;;) {
    const step = steps.next();
    if (step.done) {
      o.onRound?.(
        `plan: ${round} round(s), ${solved} equilibria on the workers (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        true,
      );
      return step.value;
    }
    const req = step.value;
    const S = req.scenarios;
    round++;
    const items = req.portfolios.flatMap((portfolio) =>
      Array.from({ length: S }, (_, scenario) => ({ portfolio, scenario })),
    );
    const losses = await session.run({
      kind: 'plan',
      total: items.length,
      context,
      stride: 1,
      payload: (start, end) => ({
        ...shared,
        items: items.slice(start, end).map((it, k) => ({ index: start + k, ...it })),
      }),
      decode: (row) => row[0]!,
      onProgress: (done, total) =>
        o.onRound?.(
          `plan: round ${round}: ${done}/${total} equilibria, ${solved + done} in all (${((Date.now() - started) / 1000).toFixed(1)} s)`,
          false,
        ),
    });
    solved += items.length;
    req.portfolios.forEach((portfolio, k) =>
      req.provide(portfolio, Float64Array.from(losses.slice(k * S, (k + 1) * S))),
    );
  }
}
