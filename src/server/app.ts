/**
 * The HTTP API (docs/api.md): a Hono app over one dataset, loaded, validated and compiled once.
 * Handlers are thin: they validate parameters and call the same query functions as the CLI
 * (src/core/queries), so both give equal JSON for the same question. Every error is JSON
 * `{ error: { message, pointer, hint? } }`; nothing a client sends can crash the server.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Store } from '../store/types.js';
import type { AccessOptions } from './auth.js';
import { accessControl, principalOf } from './auth.js';
import { Query } from './params.js';
import { StoreAccess, storeRoutes } from './routes-store.js';
import { ApiError, errorResponse } from './errors.js';
import { briefRoutes } from './routes-brief.js';
import { JobManager, jobRoutes } from './routes-jobs.js';
import { openApiDocument } from './openapi.js';
import { jsonResponse } from './json.js';
import { dataRoutes } from './routes-data.js';
import { scenarioRoutes } from './routes-scenarios.js';
import { loadState } from './state.js';
import { dashboardRoutes } from './static.js';

export interface AppOptions {
  /** A dataset folder or its .json form. */
  datasetPath: string;
  /** Run `GET /api/rank` in a worker thread. Default true. */
  rankInWorker?: boolean | undefined;
  /** Serve the built dashboard from this folder at `/`; none when undefined. */
  dashboardDir?: string | undefined;
  /**
   * Accept only these Host header names (DNS-rebinding guard for a server bound to loopback);
   * any host when undefined.
   */
  allowedHosts?: readonly string[] | undefined;
  /** Where unexpected errors are reported. Default console.error. */
  log?: ((err: unknown) => void) | undefined;
  /**
   * The store for saved scenarios, runs and tokens (routes-store.ts). Without one, those
   * routes answer 503 and only the local user (and --public-read) get in. The app does not
   * close it; whoever opened it does.
   */
  store?: Store | undefined;
  /** Access control (auth.ts): --public-read, rate limit, how to read the client's address. */
  access?: Omit<AccessOptions, 'store'> | undefined;
  /** Allow this origin to call the API from its pages (CORS); closed when undefined. */
  corsOrigin?: string | undefined;
}

export type ChokepointApp = Hono & {
  /** Stop the rank worker and every job's worker. */
  close(): Promise<void>;
};

/**
 * Headers on every response: no MIME sniffing, no framing, no referrer, resources for this
 * origin only, and a content security policy that lets pages load scripts only from here (no
 * inline script), so text from a dataset or scenario cannot run as script. No CORS headers
 * unless `corsOrigin` is set.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** Method and path pattern of every route the OpenAPI document describes. */
function describedRoutes(): { method: string; pattern: RegExp }[] {
  const paths = (openApiDocument() as { paths: Record<string, object> }).paths;
  return Object.entries(paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => ({
      method: m.toUpperCase(),
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    })),
  );
}

export function createApp(options: AppOptions): ChokepointApp {
  const state = loadState(options.datasetPath, options.rankInWorker ?? true);
  const log = options.log ?? ((err: unknown) => console.error(err));
  const app = new Hono();

  app.use('*', async (ctx, next) => {
    if (options.allowedHosts) {
      const host = (ctx.req.header('host') ?? '').replace(/:\d+$/, '').toLowerCase();
      if (!options.allowedHosts.includes(host)) {
        ctx.res = new ApiError(
          400,
          `host "${host}" is not served here`,
          'header.host',
          `use ${options.allowedHosts[0]}`,
        ).toResponse();
        return;
      }
    }
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) ctx.res.headers.set(k, v);
    if (ctx.req.path.startsWith('/api/')) ctx.res.headers.set('cache-control', 'no-store');
  });
  if (options.corsOrigin !== undefined) {
    app.use(
      '/api/*',
      cors({
        origin: options.corsOrigin,
        allowHeaders: ['authorization', 'content-type'],
        allowMethods: ['GET', 'POST', 'DELETE'],
        exposeHeaders: ['location', 'chokepoint-run-id', 'retry-after'],
        maxAge: 600,
      }),
    );
  }
  app.use('/api/*', accessControl({ ...options.access, store: options.store }));
  app.get('/api/auth', (ctx) => {
    new Query(ctx, []);
    const p = principalOf(ctx);
    return jsonResponse({
      role: p?.role ?? null,
      via: p?.via ?? null,
      token: p?.token ?? null,
      store: options.store?.backend ?? null,
      publicRead: options.access?.publicRead === true,
    });
  });

  dataRoutes(app, state);
  const storeAccess = new StoreAccess(options.store, state);
  scenarioRoutes(app, state, storeAccess);
  briefRoutes(app, state);
  storeRoutes(app, state, storeAccess);
  const jobs = new JobManager(state, storeAccess);
  jobRoutes(app, state, jobs, storeAccess);
  app.get('/api/openapi.json', () => jsonResponse(openApiDocument()));
  const described = describedRoutes();
  app.all('/api/*', (ctx) => {
    const allowed = described.filter((r) => r.pattern.test(ctx.req.path)).map((r) => r.method);
    if (allowed.length) {
      throw new ApiError(
        405,
        `${ctx.req.method} is not allowed on ${ctx.req.path}`,
        'method',
        `use ${allowed.join(' or ')}`,
      );
    }
    throw new ApiError(
      404,
      `no endpoint ${ctx.req.method} ${ctx.req.path}`,
      'path',
      'GET /api/openapi.json lists the endpoints',
    );
  });
  if (options.dashboardDir !== undefined) dashboardRoutes(app, options.dashboardDir);

  app.notFound((ctx) => new ApiError(404, `nothing at ${ctx.req.path}`, 'path').toResponse());
  app.onError((err) => errorResponse(err, log));
  return Object.assign(app, {
    close: async () => {
      await Promise.all([state.rank.close(), jobs.close()]);
    },
  });
}
