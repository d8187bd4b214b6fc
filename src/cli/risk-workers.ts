/**
 * A worker-thread pool for the Monte Carlo (MODEL.md §5): the distinct sets of events drawn
 * are spread over W workers, each with its own compiled copy of the dataset; the outcomes come
 * back indexed by set, so the aggregate (in run order, in the main thread) is the same bytes
 * for any W.
 *
 * This file is both the pool (imported by the CLI) and the worker's entry point: a worker
 * started with `workerData.role === 'chokepoint-risk'` serves requests. Under the TypeScript
 * sources (tests, tsx) it is loaded through tsx's API; from the build it is plain JavaScript.
 */
import { startModuleWorker } from '../io/threads.js';
import { runTaskPool } from './thread-pool.js';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { compileDataset } from '../core/compile.js';
import type { Dataset } from '../core/dataset.js';
import { resolvePerspective } from '../core/perspective.js';
import type { RiskModel, RunOutcome } from '../core/risk/index.js';
import { createRiskContext, evaluateEvents } from '../core/risk/index.js';
import type { Reallocation } from '../core/scenario.js';

const ROLE = 'chokepoint-risk';

export interface RiskWorkerSetup {
  dataset: Dataset;
  model: RiskModel;
  perspective: string;
  reallocation?: Reallocation | undefined;
}

interface Task {
  index: number;
  events: readonly number[];
}

type Reply = { index: number; outcome: RunOutcome } | { index: number; error: string };

/** Evaluate each set of events in `subsets` on `workers` threads; outcomes in the same order. */
export function evaluateInWorkers(
  setup: RiskWorkerSetup,
  subsets: readonly (readonly number[])[],
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<RunOutcome[]> {
  return runTaskPool({
    total: subsets.length,
    count: workers,
    spawn: () => startModuleWorker(import.meta.url, { role: ROLE, setup }),
    task: (index) => ({ index, events: subsets[index]! }) satisfies Task,
    name: 'risk worker',
    onProgress,
    result: (reply: { index: number; outcome: RunOutcome }) => reply.outcome,
  });
}

function serve(setup: RiskWorkerSetup): void {
  const c = compileDataset(setup.dataset);
  const ctx = createRiskContext(
    c,
    setup.model,
    resolvePerspective(c, setup.perspective),
    setup.reallocation,
  );
  parentPort!.on('message', (task: Task) => {
    try {
      parentPort!.postMessage({
        index: task.index,
        outcome: evaluateEvents(ctx, task.events),
      } satisfies Reply);
    } catch (err) {
      parentPort!.postMessage({ index: task.index, error: (err as Error).message } satisfies Reply);
    }
  });
}

const data = workerData as { role?: string; setup?: RiskWorkerSetup } | null;
if (!isMainThread && data?.role === ROLE && data.setup) serve(data.setup);
