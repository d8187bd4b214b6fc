/**
 * Long runs as jobs (docs/api.md): `POST /api/jobs/risk` (the same JSON as `chokepoint risk`)
 * and `POST /api/jobs/plan` (the same JSON as `chokepoint plan`) answer 202 at once; the run
 * happens in a worker thread (job-worker.ts), never on the request thread. `GET /api/jobs/:id`
 * reports status and progress, `DELETE /api/jobs/:id` cancels. At most two jobs run at a time,
 * the others wait in order; finished jobs are kept for an hour.
 */
import { startModuleWorker } from '../io/threads.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CompiledDataset } from '../core/compile.js';
import { resolvePerspective } from '../core/perspective.js';
import type { PlanScenario } from '../core/plan/index.js';
import type { RiskModel } from '../core/risk/index.js';
import { checkRiskModel } from '../core/risk/index.js';
import { resolveScenario } from '../core/scenario.js';
import type { ScenarioProblem } from '../core/scenario.js';
import { closestNames } from '../core/suggest.js';
import { formatIssue, ValidationError } from '../io/issues.js';
import { parseProjectsCsv } from '../io/read-projects.js';
import { parseRiskText, riskFromValue } from '../io/read-risk.js';
import type { ProblemDetail } from './errors.js';
import { ApiError, withNames } from './errors.js';
import { jsonObjectBody } from './params.js';
import type { JobInput, JobMessage, JobWorkerData } from './job-worker.js';
import { jsonResponse, stableJsonText } from './json.js';
import { BUNDLED_DATASET, readLibrary } from './library.js';
import { MAX_BODY_BYTES } from './routes-scenarios.js';
import type { StoreAccess } from './routes-store.js';
import type { ServerState } from './state.js';

export type JobKind = 'risk' | 'plan';
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Jobs running at once; the others wait. */
export const MAX_RUNNING = 2;
/** How long a finished job stays readable, ms. */
export const KEEP_MS = 60 * 60 * 1000;
/** Grace before a cancelled worker that has not stopped by itself is terminated, ms. */
const CANCEL_GRACE_MS = 2000;
const MAX_RUNS = 100_000;

interface Job {
  id: string;
  kind: JobKind;
  status: JobStatus;
  progress: { done: number; total: number };
  input: JobInput;
  result?: unknown;
  error?: string;
  /** Record the run in the store when done (`"save": true`): the inputs to record. */
  save?: { inputs: Record<string, unknown>; startedAt: Date } | undefined;
  /** The saved run, once the store committed it. */
  runId?: string;
  cancel: SharedArrayBuffer;
  worker?: Worker;
  finishedAt?: number;
}

export class JobManager {
  private readonly jobs = new Map<string, Job>();
  private nextId = 1;

  constructor(
    private readonly state: ServerState,
    private readonly access?: StoreAccess | undefined,
  ) {}

  submit(input: JobInput, save?: Record<string, unknown> | undefined): Job {
    this.prune();
    const id = `${input.kind}-${Date.now().toString(36)}-${this.nextId++}`;
    const job: Job = {
      id,
      kind: input.kind,
      status: 'queued',
      progress: { done: 0, total: 0 },
      input,
      save: save ? { inputs: save, startedAt: new Date() } : undefined,
      cancel: new SharedArrayBuffer(4),
    };
    this.jobs.set(id, job);
    this.pump();
    return job;
  }

  get(id: string): Job | undefined {
    this.prune();
    return this.jobs.get(id);
  }

  cancel(job: Job): void {
    if (job.status === 'queued') return this.finish(job, 'cancelled');
    if (job.status !== 'running') return;
    Atomics.store(new Int32Array(job.cancel), 0, 1);
    const w = job.worker;
    setTimeout(() => {
      if (job.status === 'running' && job.worker === w) {
        this.finish(job, 'cancelled');
        void w?.terminate();
      }
    }, CANCEL_GRACE_MS).unref();
  }

  async close(): Promise<void> {
    const running = [...this.jobs.values()].filter((j) => j.worker);
    for (const j of this.jobs.values()) if (j.status === 'queued') j.status = 'cancelled';
    await Promise.all(running.map((j) => j.worker!.terminate()));
  }

  private running(): number {
    let n = 0;
    for (const j of this.jobs.values()) if (j.status === 'running') n++;
    return n;
  }

  private pump(): void {
    for (const job of this.jobs.values()) {
      if (this.running() >= MAX_RUNNING) return;
      if (job.status === 'queued') this.start(job);
    }
  }

  private start(job: Job): void {
    job.status = 'running';
    const w = startModuleWorker(new URL('./job-worker.js', import.meta.url), {
      dataset: this.state.compiled.dataset,
      input: job.input,
      cancel: job.cancel,
    } satisfies JobWorkerData);
    job.worker = w;
    w.on('message', (m: JobMessage) => {
      if (job.status !== 'running') return;
      if (m.type === 'progress') job.progress = { done: m.done, total: m.total };
      else if (m.type === 'done') {
        job.result = m.result;
        if (job.progress.total === 0) job.progress.total = job.progress.done;
        if (job.save && this.access) {
          // Done only once the store committed the run: `runId` then comes with the result.
          const { inputs, startedAt } = job.save;
          const w = job.worker;
          delete job.worker;
          if (w) void w.terminate();
          this.access
            .saveRun({
              kind: job.kind,
              inputs,
              results: JSON.parse(stableJsonText(m.result)) as unknown,
              startedAt,
            })
            .then(
              (run) => {
                job.runId = run.id;
                this.finish(job, 'done');
              },
              (err: unknown) => {
                job.error = `the run finished but could not be saved: ${(err as Error).message}`;
                this.finish(job, 'failed');
              },
            );
          return;
        }
        this.finish(job, 'done');
      } else if (m.type === 'cancelled') this.finish(job, 'cancelled');
      else {
        job.error = m.error;
        this.finish(job, 'failed');
      }
    });
    w.on('error', (err) => {
      if (job.status !== 'running') return;
      job.error = err.message;
      this.finish(job, 'failed');
    });
    w.on('exit', (code) => {
      if (job.status === 'running') {
        job.error = `the job's worker exited with code ${code}`;
        this.finish(job, 'failed');
      }
    });
  }

  private finish(job: Job, status: JobStatus): void {
    job.status = status;
    job.finishedAt = Date.now();
    const w = job.worker;
    delete job.worker;
    // The input (a dataset diff per scenario) can be large: drop it once the job is over.
    job.input = { kind: job.kind } as JobInput;
    if (w) void w.terminate();
    this.pump();
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, j] of this.jobs) {
      if (j.finishedAt !== undefined && now - j.finishedAt > KEEP_MS) this.jobs.delete(id);
    }
  }
}

/** The public view of a job (`GET /api/jobs/:id`). */
function view(job: Job): object {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progress: job.progress,
    ...(job.runId !== undefined ? { runId: job.runId } : {}),
    ...(job.result !== undefined ? { result: job.result } : {}),
    ...(job.error !== undefined ? { error: job.error } : {}),
  };
}

const limit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, `the body is larger than ${MAX_BODY_BYTES} bytes`, 'body');
  },
});

async function jsonBody(
  ctx: Context,
  allowed: readonly string[],
): Promise<Record<string, unknown>> {
  const obj = await jsonObjectBody(ctx);
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      const near = closestNames(k, allowed, 1);
      throw new ApiError(
        400,
        `unknown field "${k}"`,
        `body.${k}`,
        near.length ? `did you mean "${near[0]}"?` : `allowed fields: ${allowed.join(', ')}`,
      );
    }
  }
  return obj;
}

function optString(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !v) throw new ApiError(400, `${key} must be text`, `body.${key}`);
  return v;
}

function optNumber(
  obj: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  integer: boolean,
): number | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    v < min ||
    v > max ||
    (integer && !Number.isInteger(v))
  )
    throw new ApiError(
      400,
      `${key} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`,
      `body.${key}`,
    );
  return v;
}

function problemsError(
  what: string,
  prefix: string,
  problems: ScenarioProblem[],
  lineOf?: (p: string) => number | undefined,
): ApiError {
  const all: ProblemDetail[] = problems.map((p) => {
    const line = lineOf?.(p.path);
    return {
      pointer: p.path ? `${prefix}.${p.path}` : prefix,
      message: line !== undefined ? `${p.message} (line ${line})` : p.message,
      ...(p.hint !== undefined ? { hint: p.hint } : {}),
    };
  });
  const first = all[0]!;
  return new ApiError(
    422,
    `invalid ${what}: ${first.message}${all.length > 1 ? ` (and ${all.length - 1} more problems)` : ''}`,
    first.pointer,
    first.hint,
    { problems: all },
  );
}

/** Risk models bundled beside the dataset (`risk/*.yaml`), by id. */
function riskModelPath(datasetPath: string, id: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) return undefined;
  for (const dir of [join(datasetPath, 'risk'), join(BUNDLED_DATASET, 'risk')]) {
    for (const ext of ['.yaml', '.yml', '.json']) {
      const p = join(dir, id + ext);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

/** `risk`: a bundled model's id, a risk model object, or `{ "yaml": "..." }`. */
function riskModelFromBody(c: CompiledDataset, datasetPath: string, v: unknown): RiskModel {
  let model: RiskModel;
  let prefix = 'body.risk';
  let lineOf: ((p: string) => number | undefined) | undefined;
  let problems: ScenarioProblem[];
  if (typeof v === 'string') {
    const path = riskModelPath(datasetPath, v);
    if (!path)
      throw new ApiError(
        404,
        `no bundled risk model "${v}"`,
        'body.risk',
        'give a model id such as "chn-2025", or the model itself',
      );
    const parsed = parseRiskText(readFileSync(path, 'utf8'), `${v}.yaml`);
    model = parsed.model;
    lineOf = parsed.lineOf;
    problems = parsed.problems;
  } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'yaml' in v) {
    const text = (v as { yaml: unknown }).yaml;
    if (typeof text !== 'string')
      throw new ApiError(400, 'risk.yaml must be text', 'body.risk.yaml');
    const parsed = parseRiskText(text, 'risk.yaml');
    prefix = 'body.risk.yaml';
    if (parsed.syntax)
      throw new ApiError(
        422,
        `the risk model is not valid YAML or JSON: ${parsed.syntax.message}`,
        prefix,
      );
    model = parsed.model;
    lineOf = parsed.lineOf;
    problems = parsed.problems;
  } else if (v === undefined) {
    throw new ApiError(
      400,
      'risk is required',
      'body.risk',
      'give a model id ("chn-2025"), a model object or {"yaml": "..."}',
    );
  } else {
    ({ model, problems } = riskFromValue(v, 'risk'));
  }
  if (!problems.length) problems = checkRiskModel(c, model);
  if (problems.length) throw problemsError('risk model', prefix, problems, lineOf);
  return model;
}

function planScenarios(s: ServerState, ids: unknown, country: string): PlanScenario[] {
  const c = s.compiled;
  const library = readLibrary(s.datasetPath, c);
  let entries;
  if (ids === undefined) {
    entries = library.filter((e) => e.perspective === country);
    if (!entries.length)
      throw new ApiError(
        422,
        `no library scenario is written for ${country}`,
        'body.scenarios',
        'give scenarios: [library ids]',
      );
  } else {
    if (!Array.isArray(ids) || !ids.length || ids.some((x) => typeof x !== 'string'))
      throw new ApiError(400, 'scenarios must be a list of library scenario ids', 'body.scenarios');
    entries = (ids as string[]).map((id, k) => {
      const hit = library.find((e) => e.id === id || e.file.replace(/\.[^.]+$/, '') === id);
      if (!hit) {
        const near = closestNames(
          id,
          library.map((e) => e.id),
        );
        throw new ApiError(
          422,
          `no library scenario "${id}"`,
          `body.scenarios[${k}]`,
          near.length
            ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?`
            : 'GET /api/scenarios lists the library',
          { suggestions: near },
        );
      }
      return hit;
    });
  }
  return entries.map((e) => {
    const r = resolveScenario(c, e.scenario);
    if (r.problems.length)
      throw new ApiError(
        422,
        `library scenario "${e.id}" is invalid: ${r.problems[0]!.message}`,
        'body.scenarios',
      );
    return { id: e.scenario.id, diff: r.diff, weight: 1 };
  });
}

/** The dataset's own projects file, else the bundled one. */
function defaultProjectsText(datasetPath: string): string {
  for (const p of [join(datasetPath, 'projects.csv'), join(BUNDLED_DATASET, 'projects.csv')])
    if (existsSync(p)) return readFileSync(p, 'utf8');
  throw new ApiError(
    400,
    'projects is required (no projects.csv beside the dataset)',
    'body.projects',
  );
}

/** `"save": true` in a job body: the store must exist before the job starts. */
function saveField(body: Record<string, unknown>, access: StoreAccess): boolean {
  const v = body.save;
  if (v === undefined || v === false) return false;
  if (v !== true) throw new ApiError(400, 'save must be true or false', 'body.save');
  access.need();
  return true;
}

export function jobRoutes(app: Hono, s: ServerState, jobs: JobManager, access: StoreAccess): void {
  const c = s.compiled;
  const accepted = (job: Job) => jsonResponse(view(job), 202, { location: `/api/jobs/${job.id}` });

  app.post('/api/jobs/risk', limit, async (ctx) => {
    const body = await jsonBody(ctx, ['risk', 'country', 'runs', 'seed', 'save']);
    const save = saveField(body, access);
    const model = riskModelFromBody(c, s.datasetPath, body.risk);
    const country = optString(body, 'country');
    const p = withNames(() => resolvePerspective(c, country ?? model.perspective ?? 'CHN'), {
      'country or bloc': 'body.country',
    });
    const runs = optNumber(body, 'runs', 1, MAX_RUNS, true) ?? 1000;
    const seed =
      optNumber(body, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true) ?? 1;
    return accepted(
      jobs.submit(
        { kind: 'risk', model, perspective: p.id, runs, seed },
        save
          ? {
              risk: typeof body.risk === 'string' ? body.risk : model.id,
              country,
              runs,
              seed,
              perspective: p.id,
              via: 'api',
            }
          : undefined,
      ),
    );
  });

  app.post('/api/jobs/plan', limit, async (ctx) => {
    const body = await jsonBody(ctx, [
      'projects',
      'budget',
      'perYear',
      'country',
      'scenarios',
      'objective',
      'frontier',
      'save',
    ]);
    const save = saveField(body, access);
    const country = optString(body, 'country');
    const p = withNames(() => resolvePerspective(c, country ?? 'CHN'), {
      'country or bloc': 'body.country',
    });
    const budget = optNumber(body, 'budget', 0, Number.MAX_VALUE, false);
    if (budget === undefined) throw new ApiError(400, 'budget is required (USD)', 'body.budget');
    const perYear = optNumber(body, 'perYear', 0, Number.MAX_VALUE, false);
    const objective = body.objective ?? 'expected';
    if (objective !== 'expected' && objective !== 'worst')
      throw new ApiError(400, 'objective must be "expected" or "worst"', 'body.objective');
    if (body.frontier !== undefined && typeof body.frontier !== 'boolean')
      throw new ApiError(400, 'frontier must be true or false', 'body.frontier');
    if (body.projects !== undefined && typeof body.projects !== 'string')
      throw new ApiError(400, 'projects must be the text of a projects CSV file', 'body.projects');
    const text = body.projects ?? defaultProjectsText(s.datasetPath);
    let projects;
    try {
      projects = parseProjectsCsv(text, 'projects.csv', c).projects;
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const errors = err.issues.filter((i) => i.severity === 'error');
      const all = errors.map((i) => ({
        pointer: 'body.projects',
        message: formatIssue(i),
        ...(i.hint ? { hint: i.hint } : {}),
      }));
      throw new ApiError(
        422,
        `invalid projects: ${all[0]?.message ?? err.message}`,
        'body.projects',
        all[0]?.hint,
        { problems: all },
      );
    }
    const scenarios = planScenarios(s, body.scenarios, p.id);
    return accepted(
      jobs.submit(
        {
          kind: 'plan',
          projects,
          scenarios,
          perspective: p.id,
          budget,
          perYear,
          objective,
          frontier: body.frontier === true,
        },
        save
          ? {
              country,
              budget,
              perYear,
              scenarios: scenarios.map((x) => x.id),
              objective,
              frontier: body.frontier === true,
              projects: body.projects === undefined ? 'projects.csv' : 'body',
              perspective: p.id,
              via: 'api',
            }
          : undefined,
      ),
    );
  });

  const find = (ctx: Context) => {
    const id = ctx.req.param('id') ?? '';
    const job = jobs.get(id);
    if (!job)
      throw new ApiError(404, `no job "${id}" (finished jobs are kept for an hour)`, 'path.id');
    return job;
  };
  app.get('/api/jobs/:id', (ctx) => jsonResponse(view(find(ctx))));
  app.delete('/api/jobs/:id', (ctx) => {
    const job = find(ctx);
    jobs.cancel(job);
    return jsonResponse(view(job));
  });
}
