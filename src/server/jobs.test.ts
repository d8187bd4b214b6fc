import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../test/cli-run.js';
import { BUNDLED } from '../../test/support.js';
import { createApp } from './app.js';

const app = createApp({ datasetPath: BUNDLED, rankInWorker: false });
afterAll(() => app.close());

interface JobView {
  id: string;
  kind: string;
  status: string;
  progress: { done: number; total: number };
  result?: unknown;
  error?: string;
}

const post = (path: string, body: unknown) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function waitFor(id: string, timeoutMs = 20_000): Promise<JobView> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const job = (await (await app.request(`/api/jobs/${id}`)).json()) as JobView;
    if (!['queued', 'running'].includes(job.status) || Date.now() > end) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('jobs', () => {
  it('runs a risk job in a worker with the same JSON as chokepoint risk', async () => {
    const res = await post('/api/jobs/risk', { risk: 'chn-2025', runs: 200, seed: 7 });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as JobView;
    expect(accepted.kind).toBe('risk');
    // The request thread answers while the job runs.
    expect((await app.request('/api/overview?country=CHN')).status).toBe(200);
    const job = await waitFor(accepted.id);
    expect(job.status).toBe('done');
    expect(job.progress.done).toBe(job.progress.total);
    const ref = await cli([
      'risk',
      '--risk',
      join(BUNDLED, 'risk/chn-2025.yaml'),
      '--runs',
      '200',
      '--seed',
      '7',
      '--workers',
      '1',
      '--format',
      'json',
    ]);
    expect(ref.code).toBe(0);
    expect(job.result).toEqual(JSON.parse(ref.stdout));
  }, 30_000);

  it('runs a plan job with a small budget and one library scenario', async () => {
    const body = { budget: 2e9, scenarios: ['us-nl-jp-controls-2023'], frontier: false };
    const res = await post('/api/jobs/plan', body);
    expect(res.status).toBe(202);
    const job = await waitFor(((await res.json()) as JobView).id);
    expect(job.error).toBeUndefined();
    expect(job.status).toBe('done');
    const ref = await cli([
      'plan',
      '--country',
      'CHN',
      '--projects',
      join(BUNDLED, 'projects.csv'),
      '--budget',
      '2000000000',
      '--scenarios',
      'us-nl-jp-controls-2023',
      '--format',
      'json',
    ]);
    expect(ref.code).toBe(0);
    expect(job.result).toEqual(JSON.parse(ref.stdout));
  }, 30_000);

  it('cancels a running job', async () => {
    const res = await post('/api/jobs/risk', { risk: 'chn-2025', runs: 100000, seed: 1 });
    const { id } = (await res.json()) as JobView;
    const del = await app.request(`/api/jobs/${id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    const job = await waitFor(id, 10_000);
    expect(job.status).toBe('cancelled');
    expect(job.result).toBeUndefined();
  }, 15_000);

  it('answers 404 for an unknown job and 4xx for bad bodies, with pointers', async () => {
    const nf = await app.request('/api/jobs/nope');
    expect(nf.status).toBe(404);
    expect(((await nf.json()) as { error: { pointer: string } }).error.pointer).toBe('path.id');
    const cases: [unknown, number, string][] = [
      [{ risk: 'chn-2025', runs: 0 }, 400, 'body.runs'],
      [{ risk: 'chn-2025', colour: 1 }, 400, 'body.colour'],
      [{}, 400, 'body.risk'],
      [{ risk: 'no-such-model' }, 404, 'body.risk'],
      [
        {
          risk: {
            events: [
              {
                id: 'x',
                probability: 0.5,
                shocks: [{ restrict: { from: ['ZZZ'], items: ['euv'] } }],
              },
            ],
          },
        },
        422,
        'body.risk.events[0]',
      ],
    ];
    for (const [body, status, pointer] of cases) {
      const r = await post('/api/jobs/risk', body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      const e = ((await r.json()) as { error: { pointer: string } }).error;
      expect(e.pointer.startsWith(pointer), e.pointer).toBe(true);
    }
    const plan = await post('/api/jobs/plan', { budget: 1, scenarios: ['nope'] });
    expect(plan.status).toBe(422);
    const noBudget = await post('/api/jobs/plan', {});
    expect(noBudget.status).toBe(400);
    const csv = await post('/api/jobs/plan', { budget: 1, projects: 'id,item\nx,unknown-item\n' });
    expect(csv.status).toBe(422);
    expect(((await csv.json()) as { error: { pointer: string } }).error.pointer).toBe(
      'body.projects',
    );
  });
});
