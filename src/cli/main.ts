/**
 * The `chokepoint` command line. Thin: parses arguments, composes core and io, prints.
 * `run` is callable in-process (tests use it); the bin script calls `main`.
 */
import { Command, CommanderError, Option } from 'commander';
import { UnknownNameError } from '../core/perspective.js';
import { StoreInputError, StoreNotFoundError, StoreSchemaError } from '../store/types.js';
import { ValidationError, formatIssue } from '../io/issues.js';
import { DatasetNotFoundError } from '../io/read-dataset.js';
import { OutputExistsError } from '../io/write-dataset.js';
import { runAudit } from './commands/audit.js';
import { runBrief } from './commands/brief.js';
import { runCompare } from './commands/compare.js';
import { runConcentration } from './commands/concentration.js';
import { runExposure } from './commands/exposure.js';
import { registerFirms } from './commands/firms.js';
import { runImportEto } from './commands/import-eto.js';
import { runItems } from './commands/items.js';
import { runOverview } from './commands/overview.js';
import { runPlan } from './commands/plan.js';
import { runRiskCommand } from './commands/risk.js';
import { runRank } from './commands/rank.js';
import { registerQueue } from './commands/queue.js';
import { registerWorker } from './commands/worker.js';
import { runScenarios } from './commands/scenarios.js';
import type { ServeArgs } from './commands/serve.js';
import { runServe } from './commands/serve.js';
import { runShow } from './commands/show.js';
import { registerStoreCommands } from './commands/store-commands.js';
import { runSimulate } from './commands/simulate.js';
import { runValidate } from './commands/validate.js';
import { runExport, runImportXlsx } from './commands/xlsx.js';
import type { GlobalOptions, Streams } from './context.js';
import { Context, pendingWrites } from './context.js';
import { UsageError } from './output.js';

const VERSION = '0.1.0';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`expected a whole number of at least 1, not "${value}"`);
  return n;
}

function program(io: Streams, setCode: (code: number) => void): Command {
  const ctx = (cmd: Command) => new Context(io, cmd.optsWithGlobals<GlobalOptions>());
  const p = new Command('chokepoint')
    .description(
      'Technological supply-chain security: map bottleneck technologies, find chokepoints, with sources for every number.',
    )
    .version(VERSION)
    .addOption(
      new Option('--dataset <path>', 'dataset folder or .json file (default: the bundled dataset)'),
    )
    .addOption(new Option('--xlsx <file>', 'also write the result rows to an Excel file'))
    .addOption(
      new Option('--lang <lang>', 'language of tables and briefs: en or zh-CN (default en)'),
    )
    .addOption(
      new Option(
        '--format <format>',
        'output format: table, json or csv (default: table on a terminal, json otherwise)',
      ),
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  p.command('overview')
    .description(
      "per area: the perspective's share of world supply and the most concentrated items it does not control",
    )
    .option('--country <code>', 'perspective: a country code or a bloc', 'CHN')
    .option('--top <n>', 'items listed per area', positiveInt, 5)
    .action((opts: { country: string; top: number }, cmd: Command) => runOverview(ctx(cmd), opts));

  p.command('items')
    .description('list the items')
    .option('--area <area>', 'only this area')
    .action((opts: { area?: string }, cmd: Command) => runItems(ctx(cmd), opts));

  p.command('show')
    .description('one item: shares by country and organization, requirements, sources')
    .argument('<item>', 'item id (or exact name)')
    .action((item: string, _opts: unknown, cmd: Command) => runShow(ctx(cmd), { item }));

  p.command('concentration')
    .description('HHI, CR1, CR3 and countries to 75% per item, most concentrated first')
    .option('--area <area>', 'only this area')
    .option('--by <what>', 'country or org', 'country')
    .action((opts: { area?: string; by: string }, cmd: Command) =>
      runConcentration(ctx(cmd), opts),
    );

  p.command('exposure')
    .description('domestic and foreign shares of a country or bloc, and what each bloc controls')
    .requiredOption('--country <code>', 'a country code or a bloc')
    .option('--bloc <bloc...>', 'blocs to show (default: all in the dataset)')
    .option('--area <area>', 'only this area')
    .action((opts: { country: string; bloc?: string[]; area?: string }, cmd: Command) =>
      runExposure(ctx(cmd), opts),
    );

  p.command('validate')
    .description('check a dataset: errors (exit 1) and warnings (exit 0)')
    .argument('[path]', 'dataset folder or .json file (default: --dataset, or the bundled dataset)')
    .action((path: string | undefined, _opts: unknown, cmd: Command) =>
      setCode(runValidate(ctx(cmd), { path })),
    );

  p.command('simulate')
    .description('run a scenario (file or library id) through the capability equilibrium')
    .argument('<scenario>', 'scenario file (YAML or JSON) or library id')
    .option('--country <code>', "perspective (default: the scenario's, else CHN)")
    .option('--reallocation <mode>', "market or fixed (default: the scenario's)")
    .option('--top <n>', 'losses shown in the table', positiveInt, 15)
    .option('--save', 'record the run in the store (docs/store.md)', false)
    .option(
      '--months <n>',
      'also run month by month over N months (inventories, lead times, recovery)',
      positiveInt,
    )
    .action(
      (
        scenario: string,
        opts: { country?: string; reallocation?: string; top: number },
        cmd: Command,
      ) => runSimulate(ctx(cmd), { scenario, ...opts }),
    );

  p.command('rank')
    .description(
      'chokepoints: single items withheld by one country or bloc, by production value lost',
    )
    .requiredOption('--country <code>', 'perspective: a country code or a bloc')
    .option('--restrictors <list>', '"all" or a comma-separated list of countries and blocs', 'all')
    .option('--top <n>', 'rows shown', positiveInt, 25)
    .option('--reallocation <mode>', 'market or fixed', 'market')
    .option('--save', 'record the run in the store (docs/store.md)', false)
    .option('--redis <url>', 'solve the equilibria on `chokepoint worker` processes via this Redis')
    .option('--batch-size <n>', 'equilibria per batch with --redis', positiveInt)
    .action(
      (
        opts: {
          country: string;
          restrictors: string;
          top: number;
          reallocation: string;
          redis?: string;
          batchSize?: number;
        },
        cmd: Command,
      ) => runRank(ctx(cmd), opts),
    );

  p.command('compare')
    .description('two scenarios side by side: capability, value at risk, and the nodes that differ')
    .argument('<a>', 'scenario A (file or library id)')
    .argument('<b>', 'scenario B (file or library id)')
    .option('--country <code>', "perspective (default: scenario A's, else CHN)")
    .option('--top <n>', 'nodes shown in the table', positiveInt, 20)
    .action((a: string, b: string, opts: { country?: string; top: number }, cmd: Command) =>
      runCompare(ctx(cmd), { a, b, ...opts }),
    );

  p.command('scenarios')
    .description('list the scenario library and check each file against the dataset')
    .action((_opts: unknown, cmd: Command) => runScenarios(ctx(cmd)));

  p.command('risk')
    .description(
      "Monte Carlo over a risk model: capability and value at risk (mean, p5/p50/p95, CVaR 95%), by area, and each event's contribution",
    )
    .option('--country <code>', "perspective (default: the risk model's, else CHN)")
    .requiredOption('--risk <file>', 'risk model file (YAML or JSON)')
    .option('--runs <n>', 'scenarios drawn', positiveInt, 1000)
    .option('--seed <n>', 'seed of the random generator', '1')
    .option('--workers <n>', 'worker threads (default: up to 4, one per core)', positiveInt)
    .option('--reallocation <mode>', "market or fixed (default: the model's)")
    .option('--redis <url>', 'spread the runs over `chokepoint worker` processes via this Redis')
    .option('--batch-size <n>', 'distinct scenarios per batch with --redis', positiveInt)
    .option('--save', 'record the run in the store (docs/store.md)', false)
    .action(
      async (
        opts: {
          country?: string;
          risk: string;
          runs: number;
          seed: string;
          workers?: number;
          reallocation?: string;
          redis?: string;
          batchSize?: number;
          save: boolean;
        },
        cmd: Command,
      ) => setCode(await runRiskCommand(ctx(cmd), opts)),
    );

  p.command('plan')
    .description(
      'budgeted investment plan: the build projects that cut the loss most, chosen by a MIP (HiGHS) and checked with the equilibrium',
    )
    .option('--country <code>', 'perspective: a country code or a bloc', 'CHN')
    .requiredOption('--projects <file>', 'candidate projects (CSV)')
    .requiredOption('--budget <usd>', 'total budget in USD')
    .option('--per-year <usd>', 'budget per year in USD')
    .option('--scenarios <files...>', 'scenario files or library ids, equally weighted')
    .option('--risk <file>', 'risk model: its draws become the weighted scenario set')
    .option('--runs <n>', 'draws from --risk', positiveInt, 200)
    .option('--seed <n>', 'seed for the --risk draws', '1')
    .option('--objective <kind>', 'expected or worst', 'expected')
    .option('--frontier', 'also report the least loss at several budgets', false)
    .option('--save', 'record the run in the store (docs/store.md)', false)
    .option('--redis <url>', 'solve the equilibria on `chokepoint worker` processes via this Redis')
    .option('--batch-size <n>', 'equilibria per batch with --redis', positiveInt)
    .action(
      async (
        opts: {
          country: string;
          projects: string;
          budget: string;
          perYear?: string;
          scenarios?: string[];
          risk?: string;
          runs: number;
          seed: string;
          objective: string;
          frontier: boolean;
          save: boolean;
          redis?: string;
          batchSize?: number;
        },
        cmd: Command,
      ) => setCode(await runPlan(ctx(cmd), opts)),
    );

  p.command('brief')
    .description('a policy brief: HTML, or PDF when --out ends in .pdf (docs/briefs.md)')
    .requiredOption('--country <code>', 'perspective: a country code or a bloc')
    .option('--area <area>', 'only this area')
    .option('--item <item>', "the item the map shows (default: the costliest restriction's)")
    .option('--scenario <file-or-id>', 'a scenario file or library id')
    .option('--plan <file>', 'a plan JSON (chokepoint plan --format json)')
    .requiredOption('--out <file>', 'FILE.html or FILE.pdf')
    .option('--force', 'replace --out if it exists', false)
    .action(
      async (
        opts: {
          country: string;
          area?: string;
          item?: string;
          scenario?: string;
          plan?: string;
          out: string;
          force: boolean;
        },
        cmd: Command,
      ) =>
        setCode(
          await runBrief(ctx(cmd), { ...opts, lang: cmd.optsWithGlobals<GlobalOptions>().lang }),
        ),
    );

  p.command('serve')
    .description('serve the dashboard and the HTTP API on 127.0.0.1 (docs/dashboard.md)')
    .option(
      '--port <n>',
      'port (0 picks a free one)',
      (v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) {
          throw new UsageError(`--port must be 0..65535, not "${v}"`);
        }
        return n;
      },
      8080,
    )
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--public-read', 'let anyone read without a token (not run, not save)', false)
    .option(
      '--rate-limit <n>',
      'requests per minute per token or address, a computation counting 10 (0: none)',
      (v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0) {
          throw new UsageError(
            `--rate-limit must be a whole number of requests per minute, not "${v}"`,
          );
        }
        return n;
      },
      600,
    )
    .option('--cors-origin <origin>', 'let pages of this origin call the API (closed by default)')
    .action((opts: ServeArgs, cmd: Command) => runServe(ctx(cmd), opts));

  const data = p.command('data').description('about the dataset itself');
  data
    .command('audit')
    .description('coverage, sources, data age and confidence per area (and per item with --items)')
    .option('--items', 'also list every item', false)
    .action((opts: { items: boolean }, cmd: Command) => runAudit(ctx(cmd), opts));

  const imp = p
    .command('import')
    .description('convert other datasets into a Chokepoint dataset folder');
  imp
    .command('eto')
    .description('the ETO Chip Explorer CSVs (inputs, providers, provision, sequence, stages)')
    .argument('<dir>', 'folder with the ETO CSV files')
    .requiredOption('--out <dir>', 'dataset folder to write')
    .option('--force', 'replace --out if it exists', false)
    .option('--quiet', 'print only the summary', false)
    .action((dir: string, opts: { out: string; force: boolean; quiet: boolean }, cmd: Command) =>
      setCode(runImportEto(ctx(cmd), { dir, ...opts })),
    );
  imp
    .command('xlsx')
    .description('an Excel workbook with one sheet per dataset file (as `export --xlsx` writes)')
    .argument('<file>', 'the .xlsx workbook')
    .requiredOption('--out <dir>', 'dataset folder to write')
    .option('--force', 'replace --out if it exists', false)
    .action(async (file: string, opts: { out: string; force: boolean }, cmd: Command) =>
      setCode(await runImportXlsx(ctx(cmd), { file, ...opts })),
    );

  p.command('export')
    .description('write the dataset (--dataset, default the bundled one) as xlsx, JSON or CSV')
    .option('--xlsx <file>', 'an Excel workbook, one sheet per dataset file')
    .option('--json <file>', 'the JSON form')
    .option('--csv <dir>', 'a dataset folder')
    .option('--force', 'replace existing output', false)
    .action(
      async (opts: { xlsx?: string; json?: string; csv?: string; force: boolean }, cmd: Command) =>
        setCode(await runExport(ctx(cmd), opts)),
    );
  registerStoreCommands(p, ctx);
  registerFirms(p, ctx);
  registerWorker(p, ctx, setCode);
  registerQueue(p, ctx, setCode);
  return p;
}

/** Run the CLI; resolves to the exit code. Never throws for user errors. */
export async function run(argv: readonly string[], io: Streams): Promise<number> {
  let code = 0;
  const p = program(io, (c) => (code = c));
  try {
    await p.parseAsync([...argv], { from: 'user' });
    await Promise.all(pendingWrites.splice(0));
    return code;
  } catch (err) {
    await Promise.allSettled(pendingWrites.splice(0));
    return reportError(err, io);
  }
}

function reportError(err: unknown, io: Streams): number {
  const say = (s: string) => io.stderr.write(`chokepoint: ${s}\n`);
  if (err instanceof CommanderError) {
    // Commander has printed its message already; help and version exit 0.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof ValidationError) {
    const errors = err.issues.filter((i) => i.severity === 'error');
    say(`the input has ${errors.length} error(s):`);
    for (const i of errors.slice(0, 20)) io.stderr.write(`  ${formatIssue(i)}\n`);
    if (errors.length > 20)
      io.stderr.write(
        `  ... and ${errors.length - 20} more (chokepoint validate lists them all)\n`,
      );
    return 1;
  }
  if (err instanceof UsageError) {
    say(err.message);
    return 2;
  }
  if (
    err instanceof UnknownNameError ||
    err instanceof DatasetNotFoundError ||
    err instanceof OutputExistsError ||
    err instanceof StoreSchemaError ||
    err instanceof StoreNotFoundError ||
    err instanceof StoreInputError
  ) {
    say(err.message);
    return 1;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') {
    say(e.message); // file system errors: ENOENT, EACCES, ...
    return 1;
  }
  say(`unexpected error: ${err instanceof Error ? err.message : String(err)}`);
  if (process.env.CHOKEPOINT_DEBUG && err instanceof Error) io.stderr.write(`${err.stack}\n`);
  else
    io.stderr.write(
      'This is a bug; please report it with the command you ran (CHOKEPOINT_DEBUG=1 shows details).\n',
    );
  return 70;
}

export async function main(): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0); // `chokepoint ... | head`
  });
  process.exitCode = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
