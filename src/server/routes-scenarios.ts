/**
 * Scenarios: the library, one scenario, `POST /api/simulate` (the same JSON as
 * `chokepoint simulate`) and `GET /api/rank` (the same JSON as `chokepoint rank`, computed in
 * a worker thread).
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { resolvePerspective } from '../core/perspective.js';
import { defaultRestrictors } from '../core/rank.js';
import { simulateOverTime } from '../core/dynamics.js';
import { simulate } from '../core/simulate.js';
import { closestNames } from '../core/suggest.js';
import { ApiError, withNames } from './errors.js';
import { jsonResponse, stableJsonText } from './json.js';
import { readLibrary } from './library.js';
import { Query } from './params.js';
import { scenarioFromBody } from './scenario-body.js';
import type { StoreAccess } from './routes-store.js';
import { savedResponse, wantsSave } from './routes-store.js';
import type { ServerState } from './state.js';

/** Largest request body accepted (scenarios are short hand-written files). */
export const MAX_BODY_BYTES = 1 << 20;

const REALLOCATION = ['market', 'fixed'] as const;

export function scenarioRoutes(app: Hono, s: ServerState, access: StoreAccess): void {
  const c = s.compiled;

  app.get('/api/scenarios', (ctx) => {
    new Query(ctx, []);
    return jsonResponse(readLibrary(s.datasetPath, c));
  });

  app.get('/api/scenarios/:id', (ctx) => {
    new Query(ctx, []);
    const id = ctx.req.param('id');
    const all = readLibrary(s.datasetPath, c);
    const hit = all.find((e) => e.id === id || e.file.replace(/\.[^.]+$/, '') === id);
    if (!hit) {
      const near = closestNames(
        id,
        all.map((e) => e.id),
      );
      throw new ApiError(
        404,
        `no library scenario "${id}"`,
        'path.id',
        near.length
          ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?`
          : 'GET /api/scenarios lists the library',
        { suggestions: near },
      );
    }
    return jsonResponse(hit);
  });

  app.post(
    '/api/simulate',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(
          413,
          `the body is larger than ${MAX_BODY_BYTES} bytes`,
          'body',
          'a scenario is a short hand-written file',
        );
      },
    }),
    async (ctx) => {
      const startedAt = new Date();
      const q = new Query(ctx, ['country', 'reallocation', 'months', 'save']);
      const country = q.string('country');
      const reallocation = q.oneOf('reallocation', REALLOCATION);
      const months = q.int('months', 1, 120);
      const save = wantsSave(q);
      if (save) access.need();
      const text = await ctx.req.text();
      const { scenario, diff, pointerPrefix } = scenarioFromBody(
        c,
        text,
        ctx.req.header('content-type') ?? '',
        reallocation,
      );
      const p = withNames(() => resolvePerspective(c, country ?? scenario.perspective ?? 'CHN'), {
        'country or bloc': country !== undefined ? 'query.country' : `${pointerPrefix}.perspective`,
      });
      const report = simulate(c, diff, p, scenario.id).report;
      let result: object = report;
      if (months !== undefined) {
        // The same fields as `chokepoint simulate --months N`.
        const dyn = simulateOverTime(c, scenario, p, months).report;
        result = {
          ...report,
          series: dyn.series,
          itemSeries: dyn.items,
          firstLossMonth: dyn.firstLossMonth,
          trough: dyn.trough,
        };
      }
      if (!save) return jsonResponse(result);
      // Saved as `chokepoint simulate --save` saves: the scenario as a version, then the run.
      const store = access.need();
      const sc = (await store.saveScenario({ scenario, source: 'api' })).version;
      const body = stableJsonText(result);
      const run = await access.saveRun({
        kind: 'simulate',
        inputs: { country, reallocation, months, perspective: p.id, via: 'api' },
        scenario: { id: sc.id, version: sc.version },
        results: JSON.parse(body) as unknown,
        startedAt,
      });
      return savedResponse(body, run);
    },
  );

  app.get('/api/rank', async (ctx) => {
    const q = new Query(ctx, ['country', 'restrictors', 'top', 'reallocation']);
    const country = q.required('country', 'give a country code (CHN, USA) or a bloc id (EU27)');
    const list = q.list('restrictors');
    const top = q.int('top', 1, 10_000) ?? 25;
    const reallocation = q.oneOf('reallocation', REALLOCATION) ?? 'market';
    const p = withNames(() => resolvePerspective(c, country), {
      'country or bloc': 'query.country',
    });
    // Check restrictor names here (cheap) so the worker only sees valid queries.
    const restrictors =
      list === undefined || (list.length === 1 && list[0] === 'all') ? 'all' : list;
    if (restrictors !== 'all') {
      const known = defaultRestrictors(c, p).map((r) => r.id);
      for (const name of restrictors) {
        if (!known.includes(name) && !known.includes(name.toUpperCase())) {
          const near = closestNames(name, known);
          throw new ApiError(
            400,
            `unknown restrictor "${name}" (a country other than ${p.id}, or a bloc)`,
            'query.restrictors',
            near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : undefined,
            { suggestions: near },
          );
        }
      }
    }
    const rows = await s.rank.run({ country: p.id, restrictors, top, reallocation });
    return jsonResponse(rows);
  });
}
