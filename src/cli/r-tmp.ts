import { Context } from '/work/main/src/cli/context.js';
import { runRiskCommand } from '/work/main/src/cli/commands/risk.js';
const ctx = new Context({ stdout: process.stdout, stderr: process.stderr }, { format: 'table' });
const t = performance.now();
await runRiskCommand(ctx, { risk: '/work/main/data/risk/chn-2025.yaml', runs: 2000, seed: '1', workers: Number(process.argv[2] ?? 1) });
console.error(((performance.now()-t)/1000).toFixed(2), 's');
