/**
 * The read-only questions: dataset summary, items, concentration, exposure, overview and an
 * area's graph. Each handler validates its parameters and returns the same JSON answer as the
 * CLI command of the same name (src/core/queries).
 */
import type { Hono } from 'hono';
import { overview } from '../core/overview.js';
import { resolvePerspective } from '../core/perspective.js';
import {
  concentrationQuery,
  exposureQuery,
  itemDetailQuery,
  itemsQuery,
  orgConcentrationQuery,
} from '../core/queries/index.js';
import { withNames } from './errors.js';
import { areaGraph } from './graph.js';
import { jsonResponse } from './json.js';
import { Query } from './params.js';
import type { ServerState } from './state.js';
import { datasetSummary } from './summary.js';

const COUNTRY_HINT = 'give a country code (CHN, USA) or a bloc id (EU27)';

/** Answers kept per URL: enough for every item and area under a few perspectives. */
export const ANSWER_CACHE_SIZE = 2000;

/** GET answers that depend only on the URL (the dataset never changes while a server runs). */
const CACHED = /^\/api\/(datasets\/current|items(\/[^/]+)?|concentration|exposure|overview|graph)$/;

export function dataRoutes(app: Hono, s: ServerState): void {
  const c = s.compiled;
  const summary = datasetSummary(s.checked, c);

  // The same question gets the same bytes: keep successful answers, least recently used out.
  const cache = new Map<string, string>();
  app.use('/api/*', async (ctx, next) => {
    if (ctx.req.method !== 'GET' || !CACHED.test(ctx.req.path)) return next();
    const url = new URL(ctx.req.url);
    const key = url.pathname + url.search;
    const hit = cache.get(key);
    if (hit !== undefined) {
      cache.delete(key);
      cache.set(key, hit);
      ctx.res = new Response(hit, {
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
      return;
    }
    await next();
    if (ctx.res.status !== 200) return;
    const body = await ctx.res.clone().text();
    cache.set(key, body);
    if (cache.size > ANSWER_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  });

  app.get('/api/health', (ctx) => {
    new Query(ctx, []);
    return jsonResponse({ status: 'ok', dataset: summary.name, version: summary.version });
  });

  app.get('/api/datasets/current', (ctx) => {
    new Query(ctx, []);
    return jsonResponse(summary);
  });

  app.get('/api/items', (ctx) => {
    const q = new Query(ctx, ['area']);
    const area = q.string('area');
    return jsonResponse(withNames(() => itemsQuery(c, { area }), { area: 'query.area' }));
  });

  app.get('/api/items/:id', (ctx) => {
    new Query(ctx, []);
    const id = ctx.req.param('id');
    return jsonResponse(withNames(() => itemDetailQuery(c, id), { item: 'path.id' }, 404));
  });

  app.get('/api/concentration', (ctx) => {
    const q = new Query(ctx, ['area', 'by']);
    const area = q.string('area');
    const by = q.oneOf('by', ['country', 'org'] as const) ?? 'country';
    return jsonResponse(
      withNames(
        () => (by === 'org' ? orgConcentrationQuery(c, { area }) : concentrationQuery(c, { area })),
        { area: 'query.area' },
      ),
    );
  });

  app.get('/api/exposure', (ctx) => {
    const q = new Query(ctx, ['country', 'bloc', 'area'], ['bloc']);
    const country = q.required('country', COUNTRY_HINT);
    const blocs = q.list('bloc');
    const area = q.string('area');
    return jsonResponse(
      withNames(() => exposureQuery(c, { country, blocs, area }).answer, {
        'country or bloc': 'query.country',
        bloc: 'query.bloc',
        area: 'query.area',
      }),
    );
  });

  app.get('/api/overview', (ctx) => {
    const q = new Query(ctx, ['country', 'top']);
    const country = q.string('country') ?? 'CHN';
    const top = q.int('top', 1, 1000) ?? 5;
    const p = withNames(() => resolvePerspective(c, country), {
      'country or bloc': 'query.country',
    });
    return jsonResponse({
      dataset: { name: summary.name, version: summary.version },
      ...overview(c, p, { top }),
    });
  });

  app.get('/api/graph', (ctx) => {
    const q = new Query(ctx, ['area', 'country']);
    const area = q.required('area', `one of: ${c.areaIds.join(', ')}`);
    const country = q.string('country') ?? 'CHN';
    return jsonResponse(
      withNames(() => areaGraph(c, area, country), {
        area: 'query.area',
        'country or bloc': 'query.country',
      }),
    );
  });
}
