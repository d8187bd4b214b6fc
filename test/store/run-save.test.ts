/**
 * `--save` on `risk` and `plan` through the real command line: the run is recorded with its
 * inputs and the same JSON the command printed, and `runs show` reads it back.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { cli } from '../cli-run.js';
import { MINI, cleanupTemp, tempDir } from '../support.js';

afterAll(cleanupTemp);

const RISK = `perspective: CHN
events:
  - id: euv-ban
    probability: 0.3
    shocks: [ { restrict: { from: [NLD], to: [CHN], items: [euv, duv] } } ]
  - id: taiwan
    probability: 0.1
    shocks: [ { outage: { in: [TWN], items: [chip] } } ]
`;

const PROJECTS = `id,item,country,capacity,cost,years,p_success,requires,exclusive_group
cn-euv,euv,CHN,0.5,40,2,1,,
cn-duv,duv,CHN,0.5,30,1,1,,
`;

const SCENARIO = `id: euv-ban
perspective: CHN
shocks:
  - restrict: { from: [NLD], to: [CHN], items: [euv, duv] }
`;

async function onlyRun(db: string) {
  const store = SqliteStore.open(db);
  try {
    const runs = await store.listRuns();
    expect(runs).toHaveLength(1);
    return (await store.getRun(runs[0]!.id))!;
  } finally {
    await store.close();
  }
}

describe('--save on risk and plan', () => {
  const dir = tempDir('chokepoint-run-save-');

  it('risk --save records the inputs and the printed JSON', async () => {
    const db = join(dir, 'risk.db');
    const riskFile = join(dir, 'risk.yaml');
    writeFileSync(riskFile, RISK);
    const args = ['--dataset', MINI, '--format', 'json', '--db', db];
    const r = await cli([
      'risk',
      '--risk',
      riskFile,
      '--runs',
      '50',
      '--seed',
      '7',
      '--workers',
      '1',
      '--save',
      ...args,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/saved run r\d{14}-[0-9a-f]{8}/);
    const run = await onlyRun(db);
    expect(run.kind).toBe('risk');
    expect(run.status).toBe('ok');
    expect(run.inputs).toMatchObject({ risk: riskFile, runs: 50, seed: '7', perspective: 'CHN' });
    expect(run.results).toEqual(JSON.parse(r.stdout));
    const shown = await cli(['runs', 'show', run.id, ...args]);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: run.id, kind: 'risk' });
  });

  it('plan --save records the inputs and the printed JSON', async () => {
    const db = join(dir, 'plan.db');
    const projects = join(dir, 'projects.csv');
    const scenario = join(dir, 'euv-ban.yaml');
    writeFileSync(projects, PROJECTS);
    writeFileSync(scenario, SCENARIO);
    const r = await cli([
      'plan',
      '--projects',
      projects,
      '--budget',
      '100',
      '--scenarios',
      scenario,
      '--save',
      '--dataset',
      MINI,
      '--format',
      'json',
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    const run = await onlyRun(db);
    expect(run.kind).toBe('plan');
    expect(run.inputs).toMatchObject({ projects, budget: '100', perspective: 'CHN' });
    expect(run.results).toEqual(JSON.parse(r.stdout));
    expect((run.results as { chosen: unknown[] }).chosen.length).toBeGreaterThan(0);
  });

  it('without --save nothing is written', async () => {
    const db = join(dir, 'none.db');
    const riskFile = join(dir, 'risk2.yaml');
    writeFileSync(riskFile, RISK);
    const r = await cli([
      'risk',
      '--risk',
      riskFile,
      '--runs',
      '10',
      '--workers',
      '1',
      '--dataset',
      MINI,
      '--format',
      'json',
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('saved run');
  });
});
