import { Context } from '/work/main/src/cli/context.js';
import { runPlan } from '/work/main/src/cli/commands/plan.js';
const ctx = new Context({ stdout: process.stdout, stderr: process.stderr }, { format: 'table' });
const t = performance.now();
const code = await runPlan(ctx, {
  country: 'CHN',
  projects: '/work/main/data/projects.csv',
  budget: '20e9',
  risk: '/work/main/data/risk/chn-2025.yaml',
  runs: 200,
  seed: '1',
  objective: 'expected',
  frontier: process.argv[2] === 'f',
});
console.error(code, ((performance.now() - t) / 1000).toFixed(2), 's');
