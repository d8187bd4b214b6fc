import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MINI, cleanupTemp, tempDir } from '../../../test/support.js';
import { Context } from '../context.js';
import type { PlanArgs } from './plan.js';
import { runPlan } from './plan.js';

afterAll(cleanupTemp);

const HEADER = 'id,item,country,capacity,cost,years,p_success,requires,exclusive_group';
const SCENARIO = `id: euv-ban
perspective: CHN
shocks:
  - restrict: { from: [NLD], to: [CHN], items: [euv, duv] }
`;

async function plan(args: Partial<PlanArgs> & { projects: string }) {
  let stdout = '';
  let stderr = '';
  const ctx = new Context(
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
    },
    { format: 'json', dataset: MINI },
  );
  const code = await runPlan(ctx, {
    country: 'CHN',
    budget: '100',
    runs: 50,
    seed: '1',
    objective: 'expected',
    frontier: false,
    ...args,
  });
  return { code, stdout, stderr };
}

describe('chokepoint plan', () => {
  const dir = tempDir();
  const scenario = join(dir, 'euv-ban.yaml');
  writeFileSync(scenario, SCENARIO);
  const write = (name: string, rows: string) => {
    const f = join(dir, name);
    writeFileSync(f, `${HEADER}\n${rows}`);
    return f;
  };

  it('chooses domestic tools for the fab, with the frontier', async () => {
    const projects = write(
      'p.csv',
      'tools,duv,CHN,20,40,2,1,,\nfab,chip,CHN,5,50,3,0.8,,\nresist,resist,CHN,5,10,1,1,,\n',
    );
    const r = await plan({ projects, scenarios: [scenario], budget: '100', frontier: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      chosen: string[];
      cost: number;
      costByYear: { year: number; cost: number }[];
      lossBefore: number;
      lossAfter: number;
      iterations: number;
      frontier: { budget: number; loss: number; chosen: string[] }[];
    };
    expect(out.chosen).toContain('tools');
    expect(out.lossAfter).toBeLessThan(out.lossBefore);
    expect(out.costByYear.reduce((s, y) => s + y.cost, 0)).toBeCloseTo(out.cost, 9);
    expect(out.iterations).toBeGreaterThan(0);
    expect(out.frontier.length).toBeGreaterThan(2);
  });

  it('says clearly when the budget is below every project, and exits 1', async () => {
    const projects = write('q.csv', 'tools,duv,CHN,20,40,2,1,,\n');
    const r = await plan({ projects, scenarios: [scenario], budget: '10' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /cannot plan: the budget 10 USD is below the cost of every project: the cheapest, tools, costs 40 USD/,
    );
  });

  it('names a requires cycle, and exits 1', async () => {
    const projects = write('c.csv', 'a,duv,CHN,1,1,1,1,b,\nb,resist,CHN,1,1,1,1,a,\n');
    const r = await plan({ projects, scenarios: [scenario] });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /c\.csv:2 \[requires\]: requires forms a cycle: a \(line 2\) -> b \(line 3\) -> a \(line 2\)/,
    );
  });
});
