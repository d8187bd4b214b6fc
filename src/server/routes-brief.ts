/**
 * Briefs and names for the dashboard: `GET /api/brief` (a policy brief as a self-contained HTML
 * file, docs/briefs.md), `POST /api/brief` (the same for a scenario in the body, as for
 * `/api/simulate`) and `GET /api/names` (item and country names in English and Chinese).
 * `briefApiPaths` describes them for the OpenAPI document.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Lang } from '../core/i18n/index.js';
import { LANGS, namesAnswer } from '../core/i18n/index.js';
import { resolveArea, resolveItem, resolvePerspective } from '../core/perspective.js';
import { resolveScenario } from '../core/scenario.js';
import type { BriefRequest } from '../report/index.js';
import { briefHtml } from '../report/index.js';
import { ApiError, withNames } from './errors.js';
import { jsonResponse } from './json.js';
import { readLibrary } from './library.js';
import { Query } from './params.js';
import { MAX_BODY_BYTES } from './routes-scenarios.js';
import { scenarioFromBody } from './scenario-body.js';
import type { ServerState } from './state.js';

const PARAMS = ['country', 'area', 'item', 'scenario', 'lang'];

function briefResponse(html: string, country: string, lang: Lang): Response {
  return new Response(html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-disposition': `attachment; filename="brief-${country}-${lang}.html"`,
      // The brief is a document to save, not a page of this site: no script may run in it.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    },
  });
}

const quote = (s: string) => (/^[\w./:@=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function briefRoutes(app: Hono, s: ServerState): void {
  const c = s.compiled;
  const meta = s.checked.dataset.meta;
  const names = namesAnswer(s.checked.dataset);

  app.get('/api/names', (ctx) => {
    new Query(ctx, []);
    return jsonResponse(names);
  });

  /** Read and check the query; the scenario comes from the library or from `body`. */
  const request = (
    q: Query,
    body: { scenario: BriefRequest['scenario'] } | undefined,
  ): BriefRequest => {
    const country = q.string('country') ?? 'CHN';
    const area = q.string('area');
    const item = q.string('item');
    const lang = q.oneOf('lang', LANGS) ?? 'en';
    const scenarioId = q.string('scenario');
    withNames(
      () => {
        resolvePerspective(c, country);
        if (area !== undefined) resolveArea(c, area);
        if (item !== undefined) resolveItem(c, item);
      },
      { 'country or bloc': 'query.country', area: 'query.area', item: 'query.item' },
    );
    let scenario = body?.scenario;
    if (scenarioId !== undefined && !body) {
      const hit = readLibrary(s.datasetPath, c).find((e) => e.id === scenarioId);
      if (!hit || !hit.valid) {
        throw new ApiError(
          400,
          hit
            ? `library scenario "${scenarioId}" is invalid`
            : `no library scenario "${scenarioId}"`,
          'query.scenario',
          'GET /api/scenarios lists the library',
        );
      }
      scenario = {
        scenario: hit.scenario,
        diff: resolveScenario(c, hit.scenario).diff,
        ref: hit.id,
      };
    }
    const parts = ['chokepoint', 'brief', '--country', country];
    if (area) parts.push('--area', area);
    if (item) parts.push('--item', item);
    if (scenario) parts.push('--scenario', body ? `${scenario.scenario.id}.yaml` : scenario.ref);
    parts.push('--lang', lang, '--out', `brief-${country}-${lang}.html`);
    return {
      country,
      area,
      item,
      scenario,
      lang,
      meta,
      command: parts.map(quote).join(' '),
      date: new Date().toISOString().slice(0, 10),
    };
  };

  app.get('/api/brief', (ctx) => {
    const r = request(new Query(ctx, PARAMS), undefined);
    return briefResponse(briefHtml(c, r), r.country, r.lang);
  });

  app.post(
    '/api/brief',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, `the body is larger than ${MAX_BODY_BYTES} bytes`, 'body');
      },
    }),
    async (ctx) => {
      const q = new Query(
        ctx,
        PARAMS.filter((p) => p !== 'scenario'),
      );
      const text = await ctx.req.text();
      const { scenario, diff } = scenarioFromBody(
        c,
        text,
        ctx.req.header('content-type') ?? '',
        undefined,
      );
      const r = request(q, { scenario: { scenario, diff, ref: scenario.id } });
      return briefResponse(briefHtml(c, r), r.country, r.lang);
    },
  );
}

const errorRef = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const param = (name: string, description: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'query',
  description,
  schema,
});
const briefParams = [
  param('country', 'perspective: a country code (CHN) or a bloc id; default CHN'),
  param('area', 'only this area (ic, machine-tools, ...)'),
  param('item', 'the item mapped; default the costliest restriction’s item'),
  param('lang', 'language of the brief; default en', { enum: ['en', 'zh-CN'] }),
];
const html = {
  description: 'the brief: one self-contained HTML file (inline CSS and SVG, no script)',
  content: { 'text/html': { schema: { type: 'string' } } },
};

/** OpenAPI paths of these routes, to merge into `openApiDocument().paths`. */
export const briefApiPaths = {
  '/api/names': {
    get: {
      summary: 'item and country names in English and Chinese (`name_zh`)',
      parameters: [],
      responses: {
        '200': {
          description: 'OK',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { items: { type: 'object' }, countries: { type: 'object' } },
              },
            },
          },
        },
        '400': errorRef('a parameter is unknown'),
      },
    },
  },
  '/api/brief': {
    get: {
      summary: 'a policy brief (`chokepoint brief`), optionally with a library scenario',
      parameters: [...briefParams, param('scenario', 'a library scenario id')],
      responses: {
        '200': html,
        '400': errorRef('a parameter is unknown or names an unknown thing'),
      },
    },
    post: {
      summary: 'a policy brief for the scenario in the body (JSON or YAML, as /api/simulate)',
      parameters: briefParams,
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Scenario' } } },
      },
      responses: {
        '200': html,
        '400': errorRef('a parameter is unknown or names an unknown thing'),
        '413': errorRef('the body is over 1 MiB'),
        '415': errorRef('the body is not JSON or YAML'),
        '422': errorRef('the scenario is malformed or names unknown items or countries'),
      },
    },
  },
};
