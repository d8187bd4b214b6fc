/** OpenAPI paths of saved work, tokens and access (routes-store.ts, auth.ts; docs/api.md). */
import { arr, bool, int, nullable, obj, ref, str } from './openapi-schemas.js';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

/** The answers every route can give for access (auth.ts). */
export const accessErrors = {
  '401': error('no token from outside this machine, or an unknown or revoked token'),
  '403': error("the token's role is not enough, or a write came from another site"),
  '429': error('rate limit: retry after the Retry-After header'),
};

const ok = (schema: object, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const pathId = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: str,
});
const q = (name: string, description: string, schema: object = str, required = false) => ({
  name,
  in: 'query',
  description,
  schema,
  ...(required ? { required } : {}),
});
const noStore = error('this server has no store');

const datasetVersion = obj(
  {
    id: str,
    hash: str,
    name: nullable('string'),
    items: int,
    source: str,
    importer: nullable('string'),
    parentId: nullable('string'),
    note: nullable('string'),
    createdAt: str,
  },
  ['id', 'hash', 'items', 'source', 'createdAt'],
);
const scenarioVersion = obj(
  {
    id: str,
    version: int,
    name: nullable('string'),
    hash: str,
    source: nullable('string'),
    note: nullable('string'),
    createdAt: str,
    scenario: { ...ref('Scenario'), description: 'in GET /api/store/scenarios/{id} only' },
  },
  ['id', 'version', 'hash', 'createdAt'],
);
const runSummary = obj(
  {
    id: str,
    kind: { enum: ['simulate', 'rank', 'risk', 'plan'] },
    status: { enum: ['ok', 'failed'] },
    datasetVersionId: str,
    scenarioId: nullable('string'),
    scenarioVersion: nullable('integer'),
    startedAt: str,
    finishedAt: str,
    durationMs: int,
    error: nullable('string'),
  },
  ['id', 'kind', 'status', 'datasetVersionId', 'startedAt'],
);
const run = {
  ...runSummary,
  properties: {
    ...(runSummary as { properties: object }).properties,
    inputs: { type: 'object', description: 'the options of the run' },
    results: { description: 'the JSON the command printed; null for a failed run' },
  },
};
const token = obj(
  {
    id: str,
    name: str,
    role: { enum: ['viewer', 'analyst', 'admin'] },
    createdAt: str,
    revokedAt: nullable('string'),
  },
  ['id', 'name', 'role', 'createdAt'],
);
const entry = obj({
  key: str,
  a: nullable('number'),
  b: nullable('number'),
  delta: nullable('number'),
});
const comparison = obj(
  {
    a: runSummary,
    b: runSummary,
    kind: { enum: ['simulate', 'rank', 'risk', 'plan', null] },
    sameDataset: bool,
    sameScenario: bool,
    notes: arr(str),
    figures: arr(
      obj({
        metric: str,
        unit: { enum: ['share', 'usd'] },
        a: nullable('number'),
        b: nullable('number'),
        delta: nullable('number'),
      }),
    ),
    byArea: arr(entry),
    entries: obj({ label: str, unit: { enum: ['usd', 'share', 'chosen'] }, rows: arr(entry) }),
  },
  ['a', 'b', 'kind', 'figures', 'byArea', 'entries'],
);
const saved = (schema: object) => obj({ version: schema, created: bool }, ['version', 'created']);

export const storeApiPaths = {
  '/api/auth': {
    get: {
      summary: 'who this request acts as: role, how (local, token, public-read), the store',
      responses: {
        '200': ok(
          obj({
            role: { enum: ['viewer', 'analyst', 'admin', null] },
            via: { enum: ['local', 'token', 'public-read', null] },
            token: { oneOf: [obj({ id: str, name: str }), { type: 'null' }] },
            store: { enum: ['sqlite', 'postgres', null] },
            publicRead: bool,
          }),
        ),
      },
    },
  },
  '/api/store/datasets': {
    get: {
      summary: 'saved dataset versions, most recent first',
      responses: { '200': ok(obj({ datasets: arr(datasetVersion) })), '503': noStore },
    },
    post: {
      summary: 'save a dataset version (admin): the JSON form of a dataset, validated first',
      parameters: [q('note', 'a note kept with the version'), q('source', 'where it came from')],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { type: 'object' } } },
      },
      responses: {
        '200': ok(saved(datasetVersion), 'the same content was saved before'),
        '201': ok(saved(datasetVersion), 'saved'),
        '400': error('not JSON'),
        '413': error('over 64 MiB'),
        '415': error('not application/json'),
        '422': error('the dataset has validation errors; each is listed'),
        '503': noStore,
      },
    },
  },
  '/api/store/datasets/{id}': {
    get: {
      summary: 'one dataset version (with content=true: its JSON form too)',
      parameters: [
        pathId('version id or full hash'),
        q('content', 'true: include the dataset', { enum: ['true', 'false'] }),
      ],
      responses: { '200': ok(datasetVersion), '404': error('no such version'), '503': noStore },
    },
  },
  '/api/store/scenarios': {
    get: {
      summary: 'saved scenarios: the latest version of each',
      responses: { '200': ok(obj({ scenarios: arr(scenarioVersion) })), '503': noStore },
    },
    post: {
      summary:
        'save a scenario as the next version of its id (analyst); checked against the served dataset; history is never overwritten',
      parameters: [q('note', 'a note kept with the version')],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { oneOf: [ref('Scenario'), obj({ yaml: str })] },
          },
          'application/yaml': { schema: str },
        },
      },
      responses: {
        '200': ok(saved(scenarioVersion), 'the same content as the latest version: nothing added'),
        '201': ok(saved(scenarioVersion), 'saved as a new version'),
        '400': error('not JSON'),
        '413': error('over 1 MiB'),
        '415': error('neither JSON nor YAML'),
        '422': error('the scenario is malformed or names unknown items or countries'),
        '503': noStore,
      },
    },
  },
  '/api/store/scenarios/{id}': {
    get: {
      summary: 'one saved scenario (default: its latest version) with its content',
      parameters: [pathId('scenario id'), q('version', 'a version number', { ...int, minimum: 1 })],
      responses: {
        '200': ok(scenarioVersion),
        '404': error('no such scenario or version'),
        '503': noStore,
      },
    },
  },
  '/api/store/scenarios/{id}/history': {
    get: {
      summary: 'every version of a saved scenario, oldest first',
      parameters: [pathId('scenario id')],
      responses: {
        '200': ok(obj({ versions: arr(scenarioVersion) })),
        '404': error('no such scenario'),
        '503': noStore,
      },
    },
  },
  '/api/runs': {
    get: {
      summary: 'saved runs, most recent first',
      parameters: [
        q('kind', 'only this kind', { enum: ['simulate', 'rank', 'risk', 'plan'] }),
        q('status', 'only this status', { enum: ['ok', 'failed'] }),
        q('scenario', 'only runs of this scenario id'),
        q('dataset', 'only runs on this dataset version'),
        q('limit', 'at most this many; default 100', { ...int, minimum: 1, maximum: 10000 }),
      ],
      responses: {
        '200': ok(obj({ runs: arr(runSummary) })),
        '400': error('a bad filter'),
        '503': noStore,
      },
    },
  },
  '/api/runs/compare': {
    get: {
      summary:
        'two runs side by side: headline figures of their kind, by area, and the entries that differ most',
      parameters: [
        q('a', 'first run id', str, true),
        q('b', 'second run id', str, true),
        q('top', 'entries returned; default 20', { ...int, minimum: 1, maximum: 1000 }),
      ],
      responses: {
        '200': ok(comparison),
        '400': error('a or b missing'),
        '404': error('no such run'),
        '503': noStore,
      },
    },
  },
  '/api/runs/{id}': {
    get: {
      summary: 'one run: inputs, dataset version, scenario version, results, timing, status',
      parameters: [pathId('run id')],
      responses: { '200': ok(run), '404': error('no such run'), '503': noStore },
    },
  },
  '/api/tokens': {
    get: {
      summary: 'API tokens (admin); secrets are never shown again',
      responses: { '200': ok(obj({ tokens: arr(token) })), '503': noStore },
    },
    post: {
      summary: 'create a token (admin); the secret is in this answer only',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: obj({ name: str, role: { enum: ['viewer', 'analyst', 'admin'] } }, [
              'name',
              'role',
            ]),
          },
        },
      },
      responses: {
        '201': ok(obj({ token, secret: str })),
        '400': error('name or role missing or wrong'),
        '503': noStore,
      },
    },
  },
  '/api/tokens/{id}': {
    delete: {
      summary: 'revoke a token (admin)',
      parameters: [pathId('token id')],
      responses: {
        '200': ok(obj({ revoked: str })),
        '404': error('no live token of that id'),
        '503': noStore,
      },
    },
  },
};
