/**
 * Worker thread for one API job (routes-jobs.ts): a Monte Carlo risk run or a plan, so that
 * neither the equilibria nor the MIP solves ever block the request thread. The dataset and
 * the checked inputs arrive in workerData; cancellation is a shared flag read by the core's
 * `isCancelled` between equilibria.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileDataset } from '../core/compile.js';
import type { Dataset } from '../core/dataset.js';
import { resolvePerspective } from '../core/perspective.js';
import type { PlanObjective, PlanScenario, Project } from '../core/plan/index.js';
import { PlanInfeasibleError, RequiresCycleError, planPortfolio } from '../core/plan/index.js';
import type { RiskModel } from '../core/risk/index.js';
import { CancelledError, runRisk } from '../core/risk/index.js';
import { createHighsSolver } from '../solver/highs.js';

export type JobInput =
  | { kind: 'risk'; model: RiskModel; perspective: string; runs: number; seed: number }
  | {
      kind: 'plan';
      projects: Project[];
      scenarios: PlanScenario[];
      perspective: string;
      budget: number;
      perYear?: number | undefined;
      objective: PlanObjective;
      frontier: boolean;
    };

export interface JobWorkerData {
  dataset: Dataset;
  input: JobInput;
  /** Int32Array over this buffer: element 0 becomes 1 when the job is cancelled. */
  cancel: SharedArrayBuffer;
}

export type JobMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: string }
  | { type: 'cancelled' };

const data = workerData as JobWorkerData;
const flag = new Int32Array(data.cancel);
const isCancelled = () => Atomics.load(flag, 0) === 1;
const post = (m: JobMessage) => parentPort!.postMessage(m);

async function main(): Promise<unknown> {
  const c = compileDataset(data.dataset);
  const input = data.input;
  const p = resolvePerspective(c, input.perspective);
  if (input.kind === 'risk') {
    return runRisk(c, input.model, p, {
      runs: input.runs,
      seed: input.seed,
      isCancelled,
      onProgress: (done, total) => post({ type: 'progress', done, total }),
    });
  }
  const solver = await createHighsSolver();
  return planPortfolio(
    c,
    {
      projects: input.projects,
      scenarios: input.scenarios,
      perspective: p,
      budget: input.budget,
      perYear: input.perYear,
      objective: input.objective,
    },
    {
      solver,
      frontier: input.frontier,
      isCancelled,
      // The planner does not know its total in advance: 0 means "unknown".
      onProgress: (done) => post({ type: 'progress', done, total: 0 }),
    },
  );
}

main().then(
  (result) => post({ type: 'done', result }),
  (err: unknown) => {
    if (err instanceof CancelledError || isCancelled()) post({ type: 'cancelled' });
    else if (err instanceof PlanInfeasibleError || err instanceof RequiresCycleError)
      post({ type: 'failed', error: `cannot plan: ${err.message}` });
    else post({ type: 'failed', error: (err as Error).message });
  },
);
