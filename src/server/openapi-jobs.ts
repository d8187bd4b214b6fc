/** OpenAPI paths of the job endpoints (routes-jobs.ts; docs/api.md). */
import { arr, bool, int, num, obj, ref, str } from './openapi-schemas.js';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

const job = obj(
  {
    id: str,
    kind: { enum: ['risk', 'plan'] },
    status: { enum: ['queued', 'running', 'done', 'failed', 'cancelled'] },
    progress: obj({ done: int, total: { ...int, description: '0 while unknown (plan)' } }),
    result: {
      type: 'object',
      description: 'when done: the same JSON as `chokepoint risk` or `chokepoint plan`',
    },
    error: { ...str, description: 'when failed' },
    runId: { ...str, description: 'with "save": true, once the store committed the run' },
  },
  ['id', 'kind', 'status', 'progress'],
);

const post = (summary: string, body: object) => ({
  post: {
    summary,
    requestBody: { required: true, content: { 'application/json': { schema: body } } },
    responses: {
      '202': {
        description: 'accepted: poll GET /api/jobs/{id}',
        content: { 'application/json': { schema: obj({ id: str, kind: str, status: str }) } },
      },
      '400': error('a field is missing, unknown or of the wrong type'),
      '404': error('no bundled risk model of that id'),
      '413': error('the body is over 1 MiB'),
      '415': error('the body is not JSON'),
      '422': error(
        'the risk model, projects or scenarios are invalid; every problem has a pointer',
      ),
    },
  },
});

const idParam = { name: 'id', in: 'path', required: true, description: 'the job id', schema: str };

export const jobApiPaths = {
  '/api/jobs/risk': post(
    'start a Monte Carlo risk run (`chokepoint risk`) in a worker thread',
    obj(
      {
        risk: {
          description: 'a bundled model id ("chn-2025"), a risk model object or {"yaml": "..."}',
        },
        country: { ...str, description: "perspective; default the model's, else CHN" },
        runs: { ...int, minimum: 1, maximum: 100000, description: 'default 1000' },
        seed: { ...int, description: 'default 1' },
        save: { ...bool, description: 'record the run in the store when done' },
      },
      ['risk'],
    ),
  ),
  '/api/jobs/plan': post(
    'start the investment planner (`chokepoint plan`) in a worker thread',
    obj(
      {
        projects: { ...str, description: "projects CSV text; default the dataset's projects.csv" },
        budget: { ...num, minimum: 0, description: 'total budget, USD' },
        perYear: { ...num, minimum: 0, description: 'budget per year, USD' },
        country: { ...str, description: 'perspective; default CHN' },
        scenarios: {
          ...arr(str),
          description: 'library scenario ids; default those written for the perspective',
        },
        objective: { enum: ['expected', 'worst'] },
        frontier: { ...bool, description: 'also compute the loss-budget frontier' },
        save: { ...bool, description: 'record the run in the store when done' },
      },
      ['budget'],
    ),
  ),
  '/api/jobs/{id}': {
    get: {
      summary: 'status, progress and (when done) the result of a job',
      parameters: [idParam],
      responses: {
        '200': { description: 'OK', content: { 'application/json': { schema: job } } },
        '404': error('no such job (finished jobs are kept for an hour)'),
      },
    },
    delete: {
      summary: 'cancel a job (queued or running)',
      parameters: [idParam],
      responses: {
        '200': { description: 'the job', content: { 'application/json': { schema: job } } },
        '404': error('no such job'),
      },
    },
  },
};
