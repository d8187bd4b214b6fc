/**
 * The store over HTTP (docs/api.md "Saved work"): dataset versions, versioned scenarios, runs
 * and their comparison, and API tokens. Which role each route needs is in auth.ts.
 *
 * A save is acknowledged (201) only after the store has committed it, so a client that got
 * the answer can count on the record surviving a crash of the server.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { RunComparison } from '../core/queries/compare-runs.js';
import { compareRuns } from '../core/queries/compare-runs.js';
import { checkDatasetJson } from '../io/read-dataset.js';
import { formatIssue } from '../io/issues.js';
import { isTokenRole } from '../store/tokens.js';
import type { NewRun, RunKind, RunSummary, Store } from '../store/types.js';
import { RUN_KINDS, RUN_STATUSES, StoreInputError, TOKEN_ROLES } from '../store/types.js';
import { ApiError } from './errors.js';
import { jsonResponse } from './json.js';
import { Query, jsonObjectBody } from './params.js';
import { MAX_BODY_BYTES } from './routes-scenarios.js';
import { scenarioFromBody } from './scenario-body.js';
import type { ServerState } from './state.js';

/** Largest dataset upload (the JSON form). */
export const MAX_UPLOAD_BYTES = 64 << 20;

/** The server's view of its store: the store and the id of the dataset it serves. */
export class StoreAccess {
  private datasetId: Promise<string> | undefined;

  constructor(
    readonly store: Store | undefined,
    private readonly state: ServerState,
  ) {}

  /** The store, or a 503 saying how to get one. */
  need(): Store {
    if (!this.store) {
      throw new ApiError(
        503,
        'this server has no store',
        'server',
        'start it with `chokepoint serve` (the store is the --db file, CHOKEPOINT_DB or DATABASE_URL)',
      );
    }
    return this.store;
  }

  /** The served dataset as a dataset version (saved once, on first use). */
  datasetVersionId(): Promise<string> {
    const store = this.need();
    this.datasetId ??= store
      .saveDataset({
        dataset: this.state.checked.dataset,
        source: this.state.datasetPath,
        importer: this.state.checked.format,
      })
      .then((r) => r.version.id);
    // A failed save is retried by the next request, not remembered.
    this.datasetId.catch(() => (this.datasetId = undefined));
    return this.datasetId;
  }

  /** Record a run of the served dataset; resolves once the store committed it. */
  async saveRun(input: Omit<NewRun, 'datasetVersionId'>): Promise<RunSummary> {
    const datasetVersionId = await this.datasetVersionId();
    return this.need().saveRun({ ...input, datasetVersionId });
  }
}

/** `?save=true`: record the run. */
export function wantsSave(q: Query): boolean {
  const v = q.oneOf('save', ['true', 'false', '1', '0'] as const);
  return v === 'true' || v === '1';
}

/** 201 with the run's address: `Location` and `Chokepoint-Run-Id`. */
export function savedResponse(body: string, run: RunSummary): Response {
  return new Response(body, {
    status: 201,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      location: `/api/runs/${run.id}`,
      'chokepoint-run-id': run.id,
    },
  });
}

const tooLarge = (max: number, what: string) => () => {
  throw new ApiError(413, `the body is larger than ${max} bytes`, 'body', what);
};

function notFound(what: string, id: string, hint: string): ApiError {
  return new ApiError(404, `no ${what} "${id}"`, 'path.id', hint);
}

export function storeRoutes(app: Hono, s: ServerState, access: StoreAccess): void {
  const c = s.compiled;

  app.get('/api/store/datasets', async (ctx) => {
    new Query(ctx, []);
    return jsonResponse({ datasets: await access.need().listDatasets() });
  });

  app.get('/api/store/datasets/:id', async (ctx) => {
    const q = new Query(ctx, ['content']);
    const withContent = q.oneOf('content', ['true', 'false'] as const) === 'true';
    const id = ctx.req.param('id');
    const d = await access.need().getDataset(id);
    if (!d) throw notFound('dataset version', id, 'GET /api/store/datasets lists them');
    if (withContent) return jsonResponse(d);
    const { content: _content, ...meta } = d;
    return jsonResponse(meta);
  });

  app.post(
    '/api/store/datasets',
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES,
      onError: tooLarge(
        MAX_UPLOAD_BYTES,
        'upload the JSON form of a dataset (chokepoint export --json)',
      ),
    }),
    async (ctx) => {
      const q = new Query(ctx, ['note', 'source']);
      const body = await jsonObjectBody(ctx);
      const checked = checkDatasetJson(body);
      const errors = checked.issues.filter((i) => i.severity === 'error');
      if (errors.length) {
        throw new ApiError(
          422,
          `the dataset has ${errors.length} error(s): ${formatIssue(errors[0]!)}`,
          'body',
          'run `chokepoint validate` on it first',
          {
            problems: errors
              .slice(0, 50)
              .map((i) => ({ pointer: 'body', message: formatIssue(i) })),
          },
        );
      }
      const r = await access.need().saveDataset({
        dataset: checked.dataset,
        source: q.string('source') ?? 'upload',
        importer: 'api',
        note: q.string('note'),
      });
      return jsonResponse(r, r.created ? 201 : 200);
    },
  );

  app.get('/api/store/scenarios', async (ctx) => {
    new Query(ctx, []);
    return jsonResponse({ scenarios: await access.need().listScenarios() });
  });

  app.get('/api/store/scenarios/:id/history', async (ctx) => {
    new Query(ctx, []);
    const id = ctx.req.param('id');
    const versions = await access.need().scenarioHistory(id);
    if (!versions.length)
      throw notFound('saved scenario', id, 'GET /api/store/scenarios lists them');
    return jsonResponse({ versions });
  });

  app.get('/api/store/scenarios/:id', async (ctx) => {
    const q = new Query(ctx, ['version']);
    const version = q.int('version', 1, Number.MAX_SAFE_INTEGER);
    const id = ctx.req.param('id');
    const sc = await access.need().getScenario(id, version);
    if (!sc) {
      throw notFound(
        'saved scenario',
        version === undefined ? id : `${id}@${version}`,
        'GET /api/store/scenarios lists them',
      );
    }
    return jsonResponse(sc);
  });

  app.post(
    '/api/store/scenarios',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: tooLarge(MAX_BODY_BYTES, 'a scenario is a short file'),
    }),
    async (ctx) => {
      const q = new Query(ctx, ['note']);
      const text = await ctx.req.text();
      // Checked against the served dataset: a saved scenario is one that runs.
      const { scenario } = scenarioFromBody(
        c,
        text,
        ctx.req.header('content-type') ?? '',
        undefined,
      );
      const r = await access
        .need()
        .saveScenario({ scenario, source: 'api', note: q.string('note') });
      return jsonResponse(r, r.created ? 201 : 200);
    },
  );

  app.get('/api/runs', async (ctx) => {
    const q = new Query(ctx, ['kind', 'status', 'scenario', 'dataset', 'limit']);
    const runs = await access.need().listRuns({
      kind: q.oneOf('kind', RUN_KINDS),
      status: q.oneOf('status', RUN_STATUSES),
      scenarioId: q.string('scenario'),
      datasetVersionId: q.string('dataset'),
      limit: q.int('limit', 1, 10_000) ?? 100,
    });
    return jsonResponse({ runs });
  });

  app.get('/api/runs/compare', async (ctx) => {
    const q = new Query(ctx, ['a', 'b', 'top']);
    const ids = [
      q.required('a', 'give two run ids: ?a=ID&b=ID'),
      q.required('b', 'give two run ids: ?a=ID&b=ID'),
    ] as const;
    const top = q.int('top', 1, 1000) ?? 20;
    const store = access.need();
    const [ra, rb] = await Promise.all(ids.map((id) => store.getRun(id)));
    if (!ra) throw new ApiError(404, `no run "${ids[0]}"`, 'query.a', 'GET /api/runs lists them');
    if (!rb) throw new ApiError(404, `no run "${ids[1]}"`, 'query.b', 'GET /api/runs lists them');
    const result: RunComparison = compareRuns(ra, rb, top);
    return jsonResponse(result);
  });

  app.get('/api/runs/:id', async (ctx) => {
    new Query(ctx, []);
    const id = ctx.req.param('id');
    const run = await access.need().getRun(id);
    if (!run) throw notFound('run', id, 'GET /api/runs lists them');
    return jsonResponse(run);
  });

  app.get('/api/tokens', async (ctx) => {
    new Query(ctx, []);
    return jsonResponse({ tokens: await access.need().listTokens() });
  });

  app.post(
    '/api/tokens',
    bodyLimit({ maxSize: 4096, onError: tooLarge(4096, 'send {"name", "role"}') }),
    async (ctx) => {
      new Query(ctx, []);
      const body = await jsonObjectBody(ctx);
      const name = body.name;
      if (typeof name !== 'string' || !name.trim() || name.length > 200)
        throw new ApiError(
          400,
          'body.name must be a non-empty text of at most 200 characters',
          'body.name',
        );
      if (!isTokenRole(body.role)) {
        throw new ApiError(400, `body.role must be one of ${TOKEN_ROLES.join(', ')}`, 'body.role');
      }
      try {
        const made = await access.need().createToken({ name: name.trim(), role: body.role });
        return jsonResponse(made, 201);
      } catch (err) {
        if (err instanceof StoreInputError) throw new ApiError(400, err.message, 'body');
        throw err;
      }
    },
  );

  app.delete('/api/tokens/:id', async (ctx) => {
    new Query(ctx, []);
    const id = ctx.req.param('id');
    if (!(await access.need().revokeToken(id)))
      throw notFound('live token', id, 'GET /api/tokens lists them');
    return jsonResponse({ revoked: id });
  });
}

export type { RunKind };
