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
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
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
  const total = subsets.length;
  const outcomes = new Array<RunOutcome>(total);
  if (total === 0) return Promise.resolve(outcomes);
  const file = fileURLToPath(import.meta.url);
  const count = Math.max(1, Math.min(workers, total));
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const finish = (err?: Error) => {
      if (failed) return;
      if (err) failed = true;
      for (const w of pool) void w.terminate();
      if (err) reject(err);
      else resolve(outcomes);
    };
    const feed = (w: Worker) => {
      if (next < total) {
        const index = next++;
        w.postMessage({ index, events: subsets[index]! } satisfies Task);
      }
    };
    for (let q = 0; q < count; q++) {
      const w = startWorker(file, { role: ROLE, setup });
      pool.push(w);
      w.on('message', (reply: Reply) => {
        if ('error' in reply) return finish(new Error(`risk worker: ${reply.error}`));
        outcomes[reply.index] = reply.outcome;
        done++;
        onProgress?.(done, total);
        if (done === total) finish();
        else feed(w);
      });
      w.on('error', (err) => finish(err));
      w.on('exit', (code) => {
        if (done < total && code !== 0) finish(new Error(`risk worker exited with code ${code}`));
      });
      feed(w);
    }
  });
}

/**
 * A worker running `file`. A .ts file (under tsx or vitest) is loaded by a small bootstrap that
 * registers tsx's loader first: `execArgv: ['--import', 'tsx']` does not take effect for
 * workers on this Node 20, which then refuse the .ts extension.
 */
function startWorker(file: string, data: unknown): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, { workerData: data });
  // tsx's ESM API entry (its exports map: `./esm/api` -> `./dist/esm/api/index.mjs`).
  const root = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(root, 'dist/esm/api/index.mjs')).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
  return new Worker(code, { eval: true, workerData: data });
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
