/**
 * What a worker computes, for every batch kind: this file runs in the worker's compute
 * threads (worker.ts keeps the Redis side on the main thread, so job locks are renewed and
 * timeouts enforced however long an equilibrium or a firm simulation takes).
 *
 * A thread keeps what batches share: each dataset (or firm network) is read once per content
 * hash and verified against the hash the batch carries (a mismatch fails the batch with a
 * message naming the path and both hashes), and each command's context (risk model, ranking
 * perspective, planner projects and scenarios, sweep) is prepared once per context key.
 * Every item is computed by the same core function as the local run, so the numbers are the
 * same bits.
 */
import { resolve } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { CompiledDataset } from '../../core/compile.js';
import { compileDataset } from '../../core/compile.js';
import type { DemandTable } from '../../core/equilibrium/demand.js';
import { computeDemand } from '../../core/equilibrium/demand.js';
import type { ScenarioDiff, Shock } from '../../core/equilibrium/scenario-diff.js';
import { variantStructure } from '../../core/equilibrium/variants.js';
import type { FirmNetwork, FirmShock } from '../../core/firms/index.js';
import type { Perspective } from '../../core/perspective.js';
import { resolvePerspective } from '../../core/perspective.js';
import type { Project } from '../../core/plan/index.js';
import { portfolioLoss, portfolioShocks } from '../../core/plan/index.js';
import { rankRunOutcome } from '../../core/rank.js';
import type { RiskContext } from '../../core/risk/index.js';
import { createRiskContext, evaluateEvents } from '../../core/risk/index.js';
import type { Reallocation } from '../../core/scenario.js';
import { readFirmCsv, readSimulatorFiles } from '../../io/firms/index.js';
import { loadDataset } from '../../io/read-dataset.js';
import { BUNDLED_DATASET } from '../context.js';
import type { SweepSetup } from '../firm-workers.js';
import { sweepScenarioRow, sweepStride } from '../firm-workers.js';
import type {
  AnyBatch,
  DatasetRef,
  FirmNetworkSource,
  FirmsBatch,
  PlanBatch,
  RankBatch,
  RiskBatch,
} from './protocol.js';
import { datasetHash, denseDiff, firmNetworkHash, packRows, riskRow } from './protocol.js';

/** A batch refused because this worker's files differ from the producer's. */
export class InputMismatchError extends Error {}

/** Bounded maps: prepared contexts are dropped wholesale when a worker has seen many. */
class Bounded<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string, make: () => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      v = make();
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(key, v);
    }
    return v;
  }
}

interface LoadedDataset {
  c: CompiledDataset;
  demand: DemandTable;
  derived: Uint8Array;
}

interface RankContext {
  d: LoadedDataset;
  p: Perspective;
  reallocation: Reallocation;
}

interface PlanContext {
  d: LoadedDataset;
  p: Perspective;
  projects: Project[];
  scenarios: ScenarioDiff[];
}

export interface ComputeOptions {
  /** The worker's name, in error messages. */
  who: string;
  /** Testing: a pause after each item, to make a batch last. */
  delayPerItemMs?: number | undefined;
}

/** One thread's caches and the evaluation of every kind. */
export class Computer {
  private datasets = new Bounded<LoadedDataset>(4);
  private networks = new Bounded<SweepSetup['net'] & { baseShocks: FirmShock[] }>(1);
  private risks = new Bounded<RiskContext>(16);
  private ranks = new Bounded<RankContext>(16);
  private plans = new Bounded<PlanContext>(8);
  private sweeps = new Bounded<SweepSetup>(4);
  private readonly pause: Int32Array | undefined;

  constructor(private readonly o: ComputeOptions) {
    if (o.delayPerItemMs) this.pause = new Int32Array(new SharedArrayBuffer(4));
  }

  /** The batch's rows, packed (`packRows`), with the stride. */
  run(job: AnyBatch): { values: string; count: number; stride: number } {
    switch (job.kind) {
      case 'risk':
        return this.each(job.items, 3 + this.dataset(job.dataset).c.areaIds.length, (i) =>
          riskRow(evaluateEvents(this.risk(job), i.events)),
        );
      case 'rank': {
        const ctx = this.rank(job);
        return this.each(job.items, 4, (i) => {
          const o = rankRunOutcome(
            ctx.d.c,
            ctx.p,
            { item: i.item, from: Int32Array.from(i.from) },
            ctx.reallocation,
            ctx.d.demand,
          );
          return [o.valueAtRisk, o.capabilityIndex, o.baselineValue, o.converged ? 1 : 0];
        });
      }
      case 'plan': {
        const ctx = this.plan(job);
        // Items come portfolio by portfolio: build each portfolio's shocks once.
        let lastKey = '';
        let shocks: Shock[] = [];
        return this.each(job.items, 1, (i) => {
          const key = i.portfolio.join(',');
          if (key !== lastKey) {
            shocks = portfolioShocks(ctx.d.c, ctx.projects, i.portfolio);
            lastKey = key;
          }
          const base = ctx.scenarios[i.scenario];
          if (!base) throw new RangeError(`no scenario ${i.scenario}`);
          return [portfolioLoss(ctx.d.c, shocks, base, ctx.p, ctx.d.demand, ctx.d.derived)];
        });
      }
      case 'firms': {
        const setup = this.sweep(job);
        return this.each(job.items, sweepStride(setup.net), (i) =>
          sweepScenarioRow(setup, i.group),
        );
      }
      default:
        throw new Error(
          `unknown batch kind ${(job as { kind: string }).kind}: upgrade the workers`,
        );
    }
  }

  private each<I>(
    items: readonly I[],
    stride: number,
    f: (item: I) => ArrayLike<number>,
  ): { values: string; count: number; stride: number } {
    const rows: ArrayLike<number>[] = [];
    for (const item of items) {
      rows.push(f(item));
      if (this.pause) Atomics.wait(this.pause, 0, 0, this.o.delayPerItemMs);
    }
    return { values: packRows(rows, stride), count: rows.length, stride };
  }

  private dataset(ref: DatasetRef): LoadedDataset {
    const path = ref.bundled ? BUNDLED_DATASET : resolve(ref.path);
    return this.datasets.get(`${ref.sha256}\0${path}`, () => {
      const checked = loadDataset(path);
      const hash = datasetHash(checked.dataset);
      if (hash !== ref.sha256)
        throw new InputMismatchError(
          `dataset mismatch on worker ${this.o.who}: ${path} has sha256 ${hash.slice(0, 12)}..., the batch expects ${ref.sha256.slice(0, 12)}... Give every worker the same dataset files at the same path (a shared mount or a copy), or run without --redis.`,
        );
      const c = compileDataset(checked.dataset);
      return { c, demand: computeDemand(c), derived: variantStructure(c).derived };
    });
  }

  private risk(job: RiskBatch): RiskContext {
    return this.risks.get(job.context, () => {
      const { c } = this.dataset(job.dataset);
      return createRiskContext(
        c,
        job.model,
        resolvePerspective(c, job.perspective),
        job.reallocation,
      );
    });
  }

  private rank(job: RankBatch): RankContext {
    return this.ranks.get(job.context, () => {
      const d = this.dataset(job.dataset);
      return { d, p: resolvePerspective(d.c, job.perspective), reallocation: job.reallocation };
    });
  }

  private plan(job: PlanBatch): PlanContext {
    return this.plans.get(job.context, () => {
      const d = this.dataset(job.dataset);
      const cells = d.c.nItems * d.c.nCountries;
      return {
        d,
        p: resolvePerspective(d.c, job.perspective),
        projects: job.projects,
        scenarios: job.scenarios.map((s) => denseDiff(s, cells)),
      };
    });
  }

  private network(
    source: FirmNetworkSource,
    sha256: string,
  ): FirmNetwork & {
    baseShocks: FirmShock[];
  } {
    return this.networks.get(`${sha256}\0${JSON.stringify(source)}`, () => {
      const input =
        source.form === 'csv'
          ? readFirmCsv(resolve(source.dir))
          : readSimulatorFiles({
              links: resolve(source.links),
              finalDemand: resolve(source.finalDemand),
              initial: resolve(source.initial),
              sectors: resolve(source.sectors),
              shocks: source.shocks === undefined ? undefined : resolve(source.shocks),
            });
      const hash = firmNetworkHash(input.network, input.shocks);
      if (hash !== sha256)
        throw new InputMismatchError(
          `firm network mismatch on worker ${this.o.who}: ${source.form === 'csv' ? source.dir : source.links} has sha256 ${hash.slice(0, 12)}..., the batch expects ${sha256.slice(0, 12)}... Give every worker the same files at the same path, or run without --redis.`,
        );
      return { ...input.network, ids: undefined, baseShocks: input.shocks };
    });
  }

  private sweep(job: FirmsBatch): SweepSetup {
    return this.sweeps.get(job.context, () => {
      const net = this.network(job.network.source, job.network.sha256);
      return { net, baseShocks: net.baseShocks, options: job.options, sweep: job.sweep };
    });
  }
}

/** The compute thread: one Computer serving the worker's main thread. */
export const COMPUTE_ROLE = 'chokepoint-batch-compute';

export type ComputeRequest = { id: number; job: AnyBatch };
export type ComputeReply =
  { id: number; values: string; count: number; stride: number } | { id: number; error: string };

const data = workerData as { role?: string; options?: ComputeOptions } | null;
if (!isMainThread && data?.role === COMPUTE_ROLE && data.options) {
  const port = parentPort!;
  const computer = new Computer(data.options);
  port.on('message', (m: ComputeRequest) => {
    try {
      port.postMessage({ id: m.id, ...computer.run(m.job) } satisfies ComputeReply);
    } catch (err) {
      port.postMessage({ id: m.id, error: (err as Error).message } satisfies ComputeReply);
    }
  });
  port.postMessage({ ready: true });
}
