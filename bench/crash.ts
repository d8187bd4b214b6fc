/**
 * The server crash test as a script, with more cycles than the test (test/store/server-crash.test.ts):
 * clients save runs through `POST /api/simulate?save=true`, the server gets SIGKILL with saves in
 * flight, the store is checked with the server dead (every acknowledged save present and
 * complete, integrity checks), the server restarts on it and serves every acknowledged run.
 * Prints each cycle and the totals for docs/reliability.md; exits 1 on any problem.
 *
 *   node --import tsx bench/crash.ts [--backend sqlite|postgres|both] [--cycles 10] [--acks 25]
 *        [--clients 4] [--dist | --bin PATH/bin/chokepoint.js]
 *
 * PostgreSQL: DATABASE_URL, else a throwaway server (test/store/pg-server.ts), in a fresh schema.
 * `--dist` runs the installed command (bin/chokepoint.js, `npm run build` first) instead of the
 * sources through tsx; `--bin` another build's command. Writes bench/out/crash.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CrashReport, CrashStore } from '../test/store/crash-harness.js';
import { crashCycles, postgresCrashStore, sqliteCrashStore } from '../test/store/crash-harness.js';
import type { TestPostgres } from '../test/store/pg-server.js';
import { startTestPostgres } from '../test/store/pg-server.js';
import { REPO_ROOT } from '../test/load/server-process.js';

const { values: opt } = parseArgs({
  options: {
    backend: { type: 'string', default: 'both' },
    cycles: { type: 'string', default: '10' },
    acks: { type: 'string', default: '25' },
    clients: { type: 'string', default: '4' },
    dist: { type: 'boolean', default: false },
    bin: { type: 'string' },
    out: { type: 'string', default: join(REPO_ROOT, 'bench/out/crash.json') },
  },
});
const whole = (name: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number >= 1`);
  return n;
};
const options = {
  cycles: whole('cycles', opt.cycles),
  acks: whole('acks', opt.acks),
  clients: whole('clients', opt.clients),
  entry: opt.dist || opt.bin ? ('dist' as const) : ('source' as const),
  bin: opt.bin,
  log: (line: string) => process.stderr.write(`  ${line}\n`),
};
if (!['sqlite', 'postgres', 'both'].includes(opt.backend))
  throw new Error('--backend must be sqlite, postgres or both');

async function main(): Promise<number> {
  const reports: CrashReport[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'chokepoint-crash-'));
  let pgServer: TestPostgres | undefined;
  const started = Date.now();
  const loadStart = loadavg()[0]!;
  try {
    const targets: (() => Promise<CrashStore>)[] = [];
    if (opt.backend !== 'postgres') targets.push(async () => sqliteCrashStore(tmp));
    if (opt.backend !== 'sqlite')
      targets.push(async () => {
        pgServer = await startTestPostgres();
        return postgresCrashStore(pgServer.url);
      });
    for (const make of targets) {
      const target = await make();
      try {
        process.stderr.write(`${target.backend}: ${options.cycles} cycles ...\n`);
        reports.push(await crashCycles(target, options));
      } finally {
        await target.dispose();
      }
    }
  } finally {
    await (pgServer as TestPostgres | undefined)?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }

  const lines = [
    '',
    `Server crash test: ${options.cycles} cycles per backend, SIGKILL after ${options.acks} ` +
      `acknowledged saves from ${options.clients} clients, server ${options.entry}; ` +
      `${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}, ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s, load average ${loadStart.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)}`,
    '',
    '| backend | cycles | saves acknowledged | in flight at SIGKILL | runs in the store after the last crash | saved, answer lost | acknowledged-save checks | missing or incomplete | integrity problems |',
    '| ------- | -----: | -----------------: | -------------------: | -------------------------------------: | -----------------: | -----------------------: | --------------------: | -----------------: |',
  ];
  for (const r of reports) {
    const inFlight = r.cycles.map((c) => c.inFlightAtKill);
    const last = r.cycles.at(-1);
    const missing = r.problems.filter((p) => /missing|differ|lacks|GET \/api\/runs/.test(p)).length;
    const integrity = r.problems.filter((p) => /integrity/.test(p)).length;
    lines.push(
      `| ${r.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${r.cycles.length} | ${r.acknowledged} | ` +
        `${inFlight.reduce((a, b) => a + b, 0)} | ${last?.runsAfterCrash ?? 0} | ` +
        `${(last?.runsAfterCrash ?? 0) - (last?.checked ?? 0)} | ${r.checks} | ${missing} | ${integrity} |`,
    );
  }
  const problems = reports.flatMap((r) => r.problems.map((p) => `${r.backend}: ${p}`));
  lines.push('', problems.length ? `PROBLEMS:\n${problems.join('\n')}` : 'No problems.');
  process.stdout.write(`${lines.join('\n')}\n`);
  mkdirSync(join(opt.out, '..'), { recursive: true });
  writeFileSync(
    opt.out,
    `${JSON.stringify({ date: new Date().toISOString(), options: { ...options, log: undefined }, reports }, null, 2)}\n`,
  );
  return problems.length ? 1 : 0;
}

process.exitCode = await main();
