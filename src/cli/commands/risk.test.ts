import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MINI, cleanupTemp, tempDir } from '../../../test/support.js';
import { Context } from '../context.js';
import { runRiskCommand } from './risk.js';

afterAll(cleanupTemp);

const RISK = `perspective: CHN
events:
  - id: euv-ban
    probability: 0.3
    shocks: [ { restrict: { from: [NLD], to: [CHN], items: [euv, duv] } } ]
  - id: resist-ban
    probability: 0.2
    shocks: [ { restrict: { from: [JPN], to: [CHN], items: [resist] } } ]
  - id: taiwan
    probability: 0.1
    shocks: [ { outage: { in: [TWN], items: [chip] } } ]
`;

async function risk(args: { risk: string; runs: number; seed: string; workers: number }) {
  let stdout = '';
  let stderr = '';
  const ctx = new Context(
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
    },
    { format: 'json', dataset: MINI },
  );
  const code = await runRiskCommand(ctx, args);
  return { code, stdout, stderr };
}

describe('chokepoint risk', () => {
  const dir = tempDir();
  const file = join(dir, 'risk.yaml');
  writeFileSync(file, RISK);

  it('gives the same bytes for 1 and 2 workers, and different results for another seed', async () => {
    const one = await risk({ risk: file, runs: 400, seed: '11', workers: 1 });
    const two = await risk({ risk: file, runs: 400, seed: '11', workers: 2 });
    const other = await risk({ risk: file, runs: 400, seed: '12', workers: 1 });
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(other.stdout).not.toBe(one.stdout);
    const report = JSON.parse(one.stdout) as {
      runs: number;
      seed: number;
      capabilityIndex: { mean: number; cvar95: number };
      valueAtRisk: { p95: number };
      contributions: { shock: string; delta: number }[];
    };
    expect(report.runs).toBe(400);
    expect(report.seed).toBe(11);
    expect(report.contributions.map((x) => x.shock)).toEqual(['euv-ban', 'resist-ban', 'taiwan']);
    for (const x of report.contributions.slice(0, 2)) expect(x.delta).toBeGreaterThan(0);
    expect(report.capabilityIndex.cvar95).toBeLessThan(report.capabilityIndex.mean);
  }, 60_000);

  it('reports file errors with their lines and exits 1', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      RISK.replace('probability: 0.2', 'probability: 1.2').replace('[NLD]', '[NDL]'),
    );
    const r = await risk({ risk: bad, runs: 10, seed: '1', workers: 1 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /bad\.yaml:7 \[events\[1\]\.probability\]: events\[1\]\.probability 1\.2 is outside 0\.\.1/,
    );
    const names = join(dir, 'names.yaml');
    writeFileSync(names, RISK.replace('[NLD]', '[NDL]'));
    const n = await risk({ risk: names, runs: 10, seed: '1', workers: 1 });
    expect(n.code).toBe(1);
    expect(n.stderr).toMatch(/names\.yaml:5 .*unknown country or bloc "NDL".*"NLD"/);
  });
});
