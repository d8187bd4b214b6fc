/**
 * Who may do what (docs/api.md "Access control"):
 *
 * - A request that carries `Authorization: Bearer chk_...` acts with that token's role
 *   (viewer: read; analyst: also run and save; admin: also datasets and tokens). An unknown or
 *   revoked token is refused (401), wherever the request comes from.
 * - Without a token, a request from this machine (a loopback address) is the local user, who
 *   owns the store file anyway: every right. From anywhere else it is refused (401), unless
 *   the server runs with `--public-read`, which lets anyone read (viewer) but not run or save.
 * - Writes (any method but GET/HEAD) from a browser must come from the server's own pages:
 *   a cross-site `Origin` or `Sec-Fetch-Site: cross-site` is refused (403), so a web page
 *   elsewhere cannot make the local user's browser run or save (CSRF).
 * - Rate limits per token (or per address without one): a token bucket that refills at
 *   `ratePerMinute`; a computation costs COMPUTE_COST requests. The local user has none.
 *
 * Which role an endpoint needs is declared once, in ROUTE_ROLES below; a route missing from it
 * needs `admin` (closed by default), and a test checks every described route is listed.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Store, TokenRecord, TokenRole } from '../store/types.js';
import { roleAllows } from '../store/tokens.js';
import { ApiError } from './errors.js';

/** `public`: anyone, no data (health, the API description, who am I). */
export type Need = TokenRole | 'public';

export interface RouteRole {
  method: string;
  /** An OpenAPI path: `/api/items/{id}`. */
  path: string;
  need: Need;
  /** Counts as a computation for rate limiting. */
  compute?: boolean;
}

/** Every API route and the role it needs. */
export const ROUTE_ROLES: readonly RouteRole[] = [
  { method: 'GET', path: '/api/health', need: 'public' },
  { method: 'GET', path: '/api/openapi.json', need: 'public' },
  { method: 'GET', path: '/api/auth', need: 'public' },
  { method: 'GET', path: '/api/datasets/current', need: 'viewer' },
  { method: 'GET', path: '/api/items', need: 'viewer' },
  { method: 'GET', path: '/api/items/{id}', need: 'viewer' },
  { method: 'GET', path: '/api/concentration', need: 'viewer' },
  { method: 'GET', path: '/api/exposure', need: 'viewer' },
  { method: 'GET', path: '/api/overview', need: 'viewer' },
  { method: 'GET', path: '/api/names', need: 'viewer' },
  { method: 'GET', path: '/api/graph', need: 'viewer' },
  { method: 'GET', path: '/api/scenarios', need: 'viewer' },
  { method: 'GET', path: '/api/scenarios/{id}', need: 'viewer' },
  { method: 'GET', path: '/api/rank', need: 'viewer', compute: true },
  { method: 'GET', path: '/api/brief', need: 'viewer', compute: true },
  { method: 'POST', path: '/api/brief', need: 'analyst', compute: true },
  { method: 'POST', path: '/api/simulate', need: 'analyst', compute: true },
  { method: 'POST', path: '/api/jobs/risk', need: 'analyst', compute: true },
  { method: 'POST', path: '/api/jobs/plan', need: 'analyst', compute: true },
  { method: 'GET', path: '/api/jobs/{id}', need: 'viewer' },
  { method: 'DELETE', path: '/api/jobs/{id}', need: 'analyst' },
  { method: 'GET', path: '/api/store/datasets', need: 'viewer' },
  { method: 'POST', path: '/api/store/datasets', need: 'admin' },
  { method: 'GET', path: '/api/store/datasets/{id}', need: 'viewer' },
  { method: 'GET', path: '/api/store/scenarios', need: 'viewer' },
  { method: 'POST', path: '/api/store/scenarios', need: 'analyst' },
  { method: 'GET', path: '/api/store/scenarios/{id}', need: 'viewer' },
  { method: 'GET', path: '/api/store/scenarios/{id}/history', need: 'viewer' },
  { method: 'GET', path: '/api/runs', need: 'viewer' },
  { method: 'GET', path: '/api/runs/compare', need: 'viewer' },
  { method: 'GET', path: '/api/runs/{id}', need: 'viewer' },
  { method: 'GET', path: '/api/tokens', need: 'admin' },
  { method: 'POST', path: '/api/tokens', need: 'admin' },
  { method: 'DELETE', path: '/api/tokens/{id}', need: 'admin' },
];

/** Requests a computation counts for, against the rate limit. */
export const COMPUTE_COST = 10;

export interface AccessOptions {
  /** Where tokens are checked. Without a store, only the local user (and --public-read) get in. */
  store?: Store | undefined;
  /** Let anyone read without a token (viewer rights), from anywhere. */
  publicRead?: boolean | undefined;
  /** Requests per minute per token or address; 0 or undefined: no limit. Default 600. */
  ratePerMinute?: number | undefined;
  /** The client's address; default: the socket's (Node server). */
  clientAddress?: ((ctx: Context) => string | undefined) | undefined;
  /** Milliseconds, for the rate limiter. Default Date.now. */
  now?: (() => number) | undefined;
}

export interface Principal {
  role: TokenRole;
  via: 'local' | 'token' | 'public-read';
  token?: Pick<TokenRecord, 'id' | 'name'> | undefined;
}

const PRINCIPALS = new WeakMap<Request, Principal>();

/** Who made this request (set by accessControl); undefined for anonymous public routes. */
export function principalOf(ctx: Context): Principal | undefined {
  return PRINCIPALS.get(ctx.req.raw);
}

/** Loopback, or a call inside this process. */
function isLocal(addr: string | undefined): boolean {
  return addr === IN_PROCESS || isLoopbackAddress(addr);
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(addr: string | undefined): boolean {
  if (!addr) return false;
  const a = addr.toLowerCase().replace(/^::ffff:/, '');
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** Requests handed to the app in-process (`app.request()`, no socket) come from this process. */
export const IN_PROCESS = 'in-process';

function socketAddress(ctx: Context): string | undefined {
  const env = ctx.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  if (!env?.incoming && !env?.server?.incoming) return IN_PROCESS;
  return getConnInfo(ctx).remote.address;
}

interface Compiled extends RouteRole {
  pattern: RegExp;
}

function compile(routes: readonly RouteRole[]): Compiled[] {
  return routes.map((r) => ({
    ...r,
    pattern: new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
}

/** The route entry for a request; literal paths win over patterns (`/api/runs/compare`). */
export function routeFor(
  routes: readonly Compiled[],
  method: string,
  path: string,
): Compiled | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  const hits = routes.filter((r) => r.method === m && r.pattern.test(path));
  return hits.find((r) => !r.path.includes('{')) ?? hits[0];
}

class Buckets {
  private readonly tokens = new Map<string, { level: number; at: number }>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** Take `cost`; the seconds to wait when there is not enough. */
  take(key: string, cost: number): { ok: boolean; remaining: number; retryAfter: number } {
    const t = this.now();
    const rate = this.perMinute / 60_000;
    // A bucket smaller than one computation still lets one through when full.
    cost = Math.min(cost, this.perMinute);
    const b = this.tokens.get(key) ?? { level: this.perMinute, at: t };
    b.level = Math.min(this.perMinute, b.level + (t - b.at) * rate);
    b.at = t;
    if (this.tokens.size > 10_000) this.prune(t);
    this.tokens.set(key, b);
    if (b.level >= cost) {
      b.level -= cost;
      return { ok: true, remaining: Math.floor(b.level), retryAfter: 0 };
    }
    return {
      ok: false,
      remaining: Math.floor(b.level),
      retryAfter: Math.ceil((cost - b.level) / rate / 1000),
    };
  }

  private prune(t: number): void {
    for (const [k, b] of this.tokens) if (t - b.at > 60_000) this.tokens.delete(k);
  }
}

function unauthorized(message: string, hint: string): Response {
  const res = new ApiError(401, message, 'header.authorization', hint).toResponse();
  res.headers.set('www-authenticate', 'Bearer realm="chokepoint"');
  return res;
}

/** Is this write from a page of another site? */
function crossSite(ctx: Context): boolean {
  const site = ctx.req.header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = ctx.req.header('origin');
  if (!origin) return false;
  if (origin === 'null') return true;
  const host = ctx.req.header('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The access-control middleware for every `/api/` request. */
export function accessControl(options: AccessOptions): MiddlewareHandler {
  const routes = compile(ROUTE_ROLES);
  const address = options.clientAddress ?? socketAddress;
  const perMinute = options.ratePerMinute ?? 600;
  const buckets = perMinute > 0 ? new Buckets(perMinute, options.now ?? Date.now) : undefined;

  return async (ctx, next) => {
    const method = ctx.req.method;
    const route = routeFor(routes, method, ctx.req.path);
    // Unknown paths fall through to the 404/405 answers, which hold no data.
    const need: Need = route?.need ?? (method === 'GET' || method === 'HEAD' ? 'public' : 'admin');
    const write = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
    if (write && crossSite(ctx)) {
      return new ApiError(
        403,
        'a request from another site cannot change anything here',
        'header.origin',
        'use the dashboard served by this server, or a client that sends no cross-site Origin',
      ).toResponse();
    }

    const header = ctx.req.header('authorization');
    let principal: Principal | undefined;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m)
        return unauthorized(
          'the Authorization header is not "Bearer <token>"',
          'send Authorization: Bearer chk_...',
        );
      if (!options.store) {
        return unauthorized(
          'this server has no store, so it has no tokens',
          'start it with a store (--db) and create tokens with `chokepoint tokens create`',
        );
      }
      const token = await options.store.verifyToken(m[1]!);
      if (!token) {
        return unauthorized(
          'unknown or revoked token',
          'ask an admin for a token (`chokepoint tokens create --name N --role viewer|analyst|admin`)',
        );
      }
      principal = { role: token.role, via: 'token', token: { id: token.id, name: token.name } };
    } else if (isLocal(address(ctx))) {
      principal = { role: 'admin', via: 'local' };
    } else if (options.publicRead) {
      principal = { role: 'viewer', via: 'public-read' };
    }
    if (principal) PRINCIPALS.set(ctx.req.raw, principal);

    if (need !== 'public') {
      if (!principal) {
        return unauthorized(
          'a token is required from outside this machine',
          'send Authorization: Bearer <token> (`chokepoint tokens create`), or ask for --public-read',
        );
      }
      if (!roleAllows(principal.role, need)) {
        return new ApiError(
          403,
          `this needs the ${need} role; ${principal.via === 'public-read' ? 'anonymous readers have' : 'the token has'} ${principal.role}`,
          'header.authorization',
          `use a token with the ${need} role`,
        ).toResponse();
      }
    }

    if (buckets && principal?.via !== 'local') {
      const key = principal?.token ? `t:${principal.token.id}` : `a:${address(ctx) ?? '?'}`;
      const r = buckets.take(key, route?.compute ? COMPUTE_COST : 1);
      if (!r.ok) {
        const res = new ApiError(
          429,
          `too many requests: at most ${perMinute} per minute (a computation counts ${COMPUTE_COST})`,
          'rate',
          `retry in ${r.retryAfter} s`,
        ).toResponse();
        res.headers.set('retry-after', String(r.retryAfter));
        res.headers.set('ratelimit-limit', String(perMinute));
        res.headers.set('ratelimit-remaining', '0');
        return res;
      }
      await next();
      ctx.res.headers.set('ratelimit-limit', String(perMinute));
      ctx.res.headers.set('ratelimit-remaining', String(r.remaining));
      return;
    }
    await next();
  };
}
