/**
 * The OpenAPI 3.1 description of the API, served at `GET /api/openapi.json`. Response schemas
 * name the fields of docs/cli.md's JSON answers; `test` checks that every route is described.
 */
import { briefApiPaths } from './routes-brief.js';
import { jobApiPaths } from './openapi-jobs.js';
import { accessErrors, storeApiPaths } from './openapi-store.js';
import { arr, int, nullable, obj, ref, schemas, str } from './openapi-schemas.js';

interface Param {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  description: string;
  schema: object;
}
const q = (name: string, description: string, schema: object = str, required = false): Param => ({
  name,
  in: 'query',
  description,
  schema,
  ...(required ? { required } : {}),
});
const country = (required: boolean) =>
  q(
    'country',
    'perspective: a country code (CHN) or a bloc id (EU27)' + (required ? '' : '; default CHN'),
    str,
    required,
  );
const area = q('area', 'only items of this area (ic, machine-tools, ...)');
const realloc = q(
  'reallocation',
  "allocation of scarce supply; default: the scenario's, else market",
  { enum: ['market', 'fixed'] },
);

const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      { description: ERROR_TEXT[code], content: { 'application/json': { schema: ref('Error') } } },
    ]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: 'a parameter is unknown, repeated, of the wrong type, or names an unknown country/area',
  404: 'not found; the error lists the closest known names',
  413: 'the body is over 1 MiB',
  415: 'the body is not JSON or YAML',
  422: 'the scenario is malformed or names unknown items or countries; every problem has a pointer',
};

const get = (summary: string, parameters: Param[], schema: object, codes = [400]) => ({
  get: {
    summary,
    parameters,
    responses: {
      '200': { description: 'OK', content: { 'application/json': { schema } } },
      ...errors(...codes),
    },
  },
});

export function openApiDocument(): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Chokepoint API',
      version: '0.1.0',
      description:
        'Technological supply-chain security over one dataset. Answers equal the JSON of the `chokepoint` command for the same question (docs/cli.md); shares are fractions 0..1, numbers rounded to 12 significant digits.',
    },
    paths: {
      '/api/health': get(
        'liveness and the dataset served',
        [],
        obj({ status: str, dataset: nullable('string'), version: nullable('string') }),
      ),
      '/api/datasets/current': get(
        'the dataset: metadata, counts, coverage by area, countries, blocs, validation warnings, sources',
        [],
        ref('DatasetSummary'),
      ),
      '/api/items': get('the items (`chokepoint items`)', [area], arr(ref('Item'))),
      '/api/items/{id}': get(
        'one item (`chokepoint show ITEM`)',
        [
          {
            name: 'id',
            in: 'path',
            required: true,
            description: 'item id or exact name',
            schema: str,
          },
        ],
        ref('ItemDetail'),
        [400, 404],
      ),
      '/api/concentration': get(
        'HHI, CR1, CR3, countries to 75% per item, most concentrated first (`chokepoint concentration`)',
        [area, q('by', 'country (default) or org', { enum: ['country', 'org'] })],
        { oneOf: [arr(ref('Concentration')), arr(ref('OrgConcentration'))] },
      ),
      '/api/exposure': get(
        'dependence per item, largest foreign share first (`chokepoint exposure`)',
        [
          country(true),
          q('bloc', 'blocs to report, repeated or comma-separated; default all'),
          area,
        ],
        arr(ref('Exposure')),
      ),
      '/api/overview': get(
        "per area, the perspective's value-weighted share and most concentrated gaps (`chokepoint overview`)",
        [
          country(false),
          q('top', 'items listed per area; default 5', { ...int, minimum: 1, maximum: 1000 }),
        ],
        ref('Overview'),
      ),
      '/api/graph': get(
        "one area's items, their direct inputs from other areas, and the requirement edges",
        [q('area', 'the area', str, true), country(false)],
        ref('Graph'),
      ),
      '/api/scenarios': get(
        'the scenario library, each checked against the dataset',
        [],
        arr(ref('LibraryScenario')),
      ),
      '/api/scenarios/{id}': get(
        'one library scenario',
        [{ name: 'id', in: 'path', required: true, description: 'scenario id', schema: str }],
        ref('LibraryScenario'),
        [400, 404],
      ),
      '/api/simulate': {
        post: {
          summary: 'run a scenario through the capability equilibrium (`chokepoint simulate`)',
          parameters: [
            q('country', "perspective; default the scenario's, else CHN"),
            realloc,
            q('months', 'also run month by month over N months (1..120): adds series, itemSeries', {
              ...int,
              minimum: 1,
              maximum: 120,
            }),
            q(
              'save',
              'true: record the run in the store (analyst); the answer is then 201 with Location and Chokepoint-Run-Id',
              { enum: ['true', 'false'] },
            ),
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    ref('Scenario'),
                    obj({ yaml: { ...str, description: 'the text of a scenario file' } }),
                  ],
                },
              },
              'application/yaml': { schema: str },
            },
          },
          responses: {
            '200': {
              description: 'OK',
              content: { 'application/json': { schema: ref('SimulationReport') } },
            },
            '201': {
              description:
                'with save=true: recorded; the same body, the run at the Location header',
              content: { 'application/json': { schema: ref('SimulationReport') } },
            },
            ...errors(400, 413, 415, 422),
          },
        },
      },
      '/api/rank': get(
        "single-item restrictions ranked by the perspective's value at risk (`chokepoint rank`); computed in a worker thread and cached",
        [
          country(true),
          q('restrictors', '"all" (default) or country codes and bloc ids, comma-separated'),
          q('top', 'rows returned; default 25', { ...int, minimum: 1, maximum: 10000 }),
          realloc,
        ],
        arr(ref('RankRow')),
      ),
      ...jobApiPaths,
      '/api/openapi.json': get('this document', [], { type: 'object' }),
      ...briefApiPaths,
      ...storeApiPaths,
    },
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'a token from `chokepoint tokens create` (roles viewer, analyst, admin); not needed from this machine (loopback)',
        },
      },
      responses: accessErrors,
    },
    security: [{ bearer: [] }, {}],
  };
}
