/**
 * The CLI over the store (docs/store.md): `datasets`, `scenarios` (subcommands), `runs` and
 * `tokens`, plus `saveRun`, which `simulate`, `rank`, `risk` and `plan` call for `--save`.
 *
 * Every command opens the store (`--db`, CHOKEPOINT_DB, DATABASE_URL, or the default file),
 * does its work and closes it, so no connection outlives the command.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { stringify as toYaml } from 'yaml';
import type { Scenario } from '../../core/scenario.js';
import { checkDatasetJson } from '../../io/read-dataset.js';
import { writeDatasetFolder, writeDatasetJson, writeFileAtomic } from '../../io/write-dataset.js';
import { describeLocation, openStore, resolveStoreLocation } from '../../store/open-store.js';
import { neutralizeFormula, safeCsv } from '../../store/safe-csv.js';
import { isTokenRole } from '../../store/tokens.js';
import type {
  RunKind,
  RunStatus,
  RunSummary,
  ScenarioVersion,
  Store,
  TokenRecord,
} from '../../store/types.js';
import { RUN_KINDS, StoreInputError, StoreNotFoundError } from '../../store/types.js';
import type { Context } from '../context.js';
import type { Column } from '../output.js';
import { UsageError, renderTable, stableJson } from '../output.js';
import { loadScenario } from '../scenario-input.js';

export type MakeContext = (cmd: Command) => Context;

/** The `--db` value the command line gave, if any (a global option, see registerStoreCommands). */
function dbOption(ctx: Context): string | undefined {
  return (ctx.options as { db?: string }).db;
}

/** Open the store for this command, run `fn`, always close. Store input errors are usage errors. */
export async function withStore<T>(ctx: Context, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(resolveStoreLocation({ db: dbOption(ctx) }));
  try {
    return await fn(store);
  } catch (err) {
    if (err instanceof StoreNotFoundError || err instanceof StoreInputError)
      throw new UsageError(err.message);
    throw err;
  } finally {
    await store.close();
  }
}

export interface SaveRunInput {
  kind: RunKind;
  /** The command's options, as given (they reproduce the run with the saved dataset). */
  inputs: Record<string, unknown>;
  /** The value the command printed as JSON. */
  results?: unknown;
  /** The scenario the run used; saved as a scenario version (unchanged content adds none). */
  scenario?: { scenario: Scenario; source?: string | undefined } | undefined;
  startedAt: Date;
  finishedAt?: Date | undefined;
  status?: RunStatus | undefined;
  error?: string | undefined;
}

/**
 * Record a run of `simulate`, `rank`, `risk` or `plan` (their `--save`): the dataset of this
 * command as a dataset version (same content: same version), the scenario if any, then the
 * run. Says on stderr what was saved where; returns the run's summary.
 */
export async function saveRun(ctx: Context, input: SaveRunInput): Promise<RunSummary> {
  const { checked } = ctx.load();
  const location = resolveStoreLocation({ db: dbOption(ctx) });
  return withStore(ctx, async (store) => {
    const ds = await store.saveDataset({
      dataset: checked.dataset,
      source: ctx.datasetPath,
      importer: checked.format,
    });
    const sc = input.scenario
      ? (
          await store.saveScenario({
            scenario: input.scenario.scenario,
            source: input.scenario.source,
          })
        ).version
      : undefined;
    const run = await store.saveRun({
      kind: input.kind,
      inputs: input.inputs,
      // What `--format json` prints: numbers rounded to 12 significant digits.
      results: input.results === undefined ? undefined : JSON.parse(stableJson(input.results)),
      datasetVersionId: ds.version.id,
      scenario: sc ? { id: sc.id, version: sc.version } : undefined,
      startedAt: input.startedAt,
      finishedAt: input.finishedAt,
      status: input.status,
      error: input.error,
    });
    const saved = { id: run.id, dataset: ds.version.id, where: describeLocation(location) };
    ctx.err(
      `chokepoint: ${
        sc
          ? ctx.t('cli.runs.savedScenario', { ...saved, scenario: `${sc.id}@${sc.version}` })
          : ctx.t('cli.runs.saved', saved)
      }`,
    );
    return run;
  });
}

/** CSV cells that a spreadsheet shows as text, never as a formula. */
function safeRows<T extends object>(rows: readonly T[]): Record<string, unknown>[] {
  return rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, neutralizeFormula(v as unknown)])),
  );
}

function parseScenarioRef(ref: string): { id: string; version?: number } {
  const m = /^([^@]+)(?:@(\d+))?$/.exec(ref);
  if (!m) throw new UsageError(`"${ref}" is not a scenario reference; use ID or ID@VERSION`);
  return m[2] === undefined ? { id: m[1]! } : { id: m[1]!, version: Number(m[2]) };
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`expected a whole number of at least 1, not "${value}"`);
  return n;
}

const scenarioColumns = (ctx: Context): Column<ScenarioVersion>[] => [
  { header: ctx.t('cli.col.id'), value: (s) => s.id, max: 40 },
  { header: ctx.t('cli.col.version'), value: (s) => s.version, align: 'right' },
  { header: ctx.t('cli.col.name'), value: (s) => s.name, max: 50 },
  { header: ctx.t('cli.col.saved'), value: (s) => s.createdAt },
  { header: ctx.t('cli.col.note'), value: (s) => s.note, max: 40 },
];

const runColumns = (ctx: Context): Column<RunSummary>[] => [
  { header: ctx.t('cli.col.id'), value: (r) => r.id },
  { header: ctx.t('cli.col.kind'), value: (r) => r.kind },
  {
    header: ctx.t('cli.col.status'),
    value: (r) => ctx.t(r.status === 'ok' ? 'cli.runStatus.ok' : 'cli.runStatus.failed'),
  },
  { header: ctx.t('cli.col.started'), value: (r) => r.startedAt },
  { header: ctx.t('cli.col.ms'), value: (r) => r.durationMs, align: 'right' },
  { header: ctx.t('cli.col.dataset'), value: (r) => r.datasetVersionId },
  {
    header: ctx.t('cli.col.scenario'),
    value: (r) => (r.scenarioId ? `${r.scenarioId}@${r.scenarioVersion}` : null),
    max: 40,
  },
  { header: ctx.t('cli.col.error'), value: (r) => r.error, max: 50 },
];

const tokenColumns = (ctx: Context): Column<TokenRecord>[] => [
  { header: ctx.t('cli.col.id'), value: (t) => t.id },
  { header: ctx.t('cli.col.name'), value: (t) => t.name, max: 40 },
  { header: ctx.t('cli.col.role'), value: (t) => t.role },
  { header: ctx.t('cli.col.created'), value: (t) => t.createdAt },
  { header: ctx.t('cli.col.revoked'), value: (t) => t.revokedAt },
];

/** `key  value` lines for one record (the keys are the JSON field names, in every language). */
function keyValues(ctx: Context, obj: Record<string, unknown>): string {
  const rows = Object.entries(obj).map(([k, v]) => ({
    k,
    v: v !== null && typeof v === 'object' ? JSON.stringify(v) : v,
  }));
  return renderTable(
    [
      { header: ctx.t('cli.col.field'), value: (r: { k: string }) => r.k },
      {
        header: ctx.t('cli.col.value'),
        value: (r: { v: unknown }) => (r.v === null ? '-' : String(r.v)),
        max: 120,
      },
    ],
    rows,
  );
}

function registerDatasets(program: Command, ctx: MakeContext): void {
  const cmd = program
    .command('datasets')
    .description('saved dataset versions (content-hashed, with provenance)');
  cmd
    .command('list')
    .description('saved dataset versions, newest first')
    .action(async (_o: unknown, c: Command) => {
      const x = ctx(c);
      const list = await withStore(x, (s) => s.listDatasets());
      x.emit(
        list,
        () => safeRows(list),
        () =>
          list.length === 0
            ? x.t('cli.datasets.none')
            : renderTable(
                [
                  { header: x.t('cli.col.id'), value: (d) => d.id },
                  { header: x.t('cli.col.name'), value: (d) => d.name, max: 30 },
                  { header: x.t('cli.col.items'), value: (d) => d.items, align: 'right' },
                  { header: x.t('cli.col.saved'), value: (d) => d.createdAt },
                  { header: x.t('cli.col.source'), value: (d) => d.source, max: 50 },
                  { header: x.t('cli.col.note'), value: (d) => d.note, max: 40 },
                ],
                list,
              ),
      );
    });
  cmd
    .command('save')
    .description('save the dataset of --dataset (default: the bundled one) as a version')
    .option('--note <text>', 'why this version exists')
    .option('--parent <id>', 'the saved version this one was edited from')
    .action(async (opts: { note?: string; parent?: string }, c: Command) => {
      const x = ctx(c);
      const { checked } = x.load();
      const { version, created } = await withStore(x, (s) =>
        s.saveDataset({
          dataset: checked.dataset,
          source: x.datasetPath,
          importer: checked.format,
          note: opts.note,
          parentId: opts.parent,
        }),
      );
      x.emit(
        { ...version, created },
        () => safeRows([{ ...version, created }]),
        () =>
          created
            ? x.t('cli.datasets.saved', { id: version.id, n: version.items })
            : x.t('cli.datasets.unchanged', { id: version.id, date: version.createdAt }),
      );
    });
  cmd
    .command('show')
    .description('one saved dataset version: provenance and row counts')
    .argument('<id>', 'version id (or full content hash)')
    .action(async (id: string, _o: unknown, c: Command) => {
      const x = ctx(c);
      const d = await withStore(x, (s) => s.getDataset(id));
      if (!d)
        throw new UsageError(`no saved dataset version "${id}"; see \`chokepoint datasets list\``);
      const { content, ...version } = d;
      const rows = Object.fromEntries(
        Object.entries(content)
          .filter(([, v]) => Array.isArray(v))
          .map(([k, v]) => [k, (v as unknown[]).length]),
      );
      const out = { ...version, rows };
      x.emit(
        out,
        () =>
          safeRows([
            {
              ...version,
              ...Object.fromEntries(Object.entries(rows).map(([k, n]) => [`rows.${k}`, n])),
            },
          ]),
        () => keyValues(x, { ...version, rows }),
      );
    });
  cmd
    .command('export')
    .description('write a saved dataset version as a dataset folder (or a .json file)')
    .argument('<id>', 'version id (or full content hash)')
    .requiredOption('--out <path>', 'dataset folder to write, or a file ending in .json')
    .option('--force', 'replace --out if it exists', false)
    .action(async (id: string, opts: { out: string; force: boolean }, c: Command) => {
      const x = ctx(c);
      const d = await withStore(x, (s) => s.getDataset(id));
      if (!d)
        throw new UsageError(`no saved dataset version "${id}"; see \`chokepoint datasets list\``);
      const { dataset } = checkDatasetJson(d.content);
      if (opts.out.toLowerCase().endsWith('.json'))
        writeDatasetJson(opts.out, dataset, { force: opts.force });
      else writeDatasetFolder(opts.out, dataset, { force: opts.force });
      x.err(`chokepoint: ${x.t('cli.datasets.wrote', { id: d.id, out: opts.out })}`);
    });
}

function registerScenarios(program: Command, ctx: MakeContext): void {
  // `chokepoint scenarios` (no subcommand) checks the library files; its subcommands work on
  // saved scenarios. Attach to the existing command when main.ts has registered it.
  const cmd =
    program.commands.find((c) => c.name() === 'scenarios') ??
    program.command('scenarios').description('saved scenarios (versioned)');
  cmd
    .command('list')
    .description('saved scenarios: the latest version of each')
    .action(async (_o: unknown, c: Command) => {
      const x = ctx(c);
      const list = await withStore(x, (s) => s.listScenarios());
      x.emit(
        list,
        () => safeRows(list),
        () =>
          list.length === 0
            ? x.t('cli.scenarios.noneSaved')
            : renderTable(scenarioColumns(x), list),
      );
    });
  cmd
    .command('history')
    .description('every saved version of one scenario, oldest first')
    .argument('<id>', 'scenario id')
    .action(async (id: string, _o: unknown, c: Command) => {
      const x = ctx(c);
      const list = await withStore(x, (s) => s.scenarioHistory(id));
      if (list.length === 0) throw new UsageError(`no saved scenario "${id}"`);
      x.emit(
        list,
        () => safeRows(list),
        () => renderTable(scenarioColumns(x), list),
      );
    });
  cmd
    .command('save')
    .description('save a scenario (file or library id) as its next version, after checking it')
    .argument('<scenario>', 'scenario file (YAML or JSON) or library id')
    .option('--note <text>', 'what changed')
    .action(async (name: string, opts: { note?: string }, c: Command) => {
      const x = ctx(c);
      const loaded = loadScenario(x, x.compiled, name);
      const { version, created } = await withStore(x, (s) =>
        s.saveScenario({ scenario: loaded.scenario, source: loaded.path, note: opts.note }),
      );
      x.emit(
        { ...version, created },
        () => safeRows([{ ...version, created }]),
        () =>
          created
            ? x.t('cli.scenarios.saved', { id: version.id, v: String(version.version) })
            : x.t('cli.scenarios.unchanged', { ref: `${version.id}@${version.version}` }),
      );
    });
  cmd
    .command('show')
    .description('one saved scenario version (default: the latest)')
    .argument('<ref>', 'ID or ID@VERSION')
    .action(async (ref: string, _o: unknown, c: Command) => {
      const x = ctx(c);
      const { id, version } = parseScenarioRef(ref);
      const s = await withStore(x, (st) => st.getScenario(id, version));
      if (!s) throw new UsageError(`no saved scenario "${ref}"; see \`chokepoint scenarios list\``);
      const { scenario, ...meta } = s;
      x.emit(
        s,
        () => safeRows([{ ...meta, shocks: scenario.shocks.length }]),
        () => `${keyValues(x, meta)}\n\n${toYaml(scenario)}`,
      );
    });
  cmd
    .command('export')
    .description('write a saved scenario version as a scenario file (ID.yaml) in a folder')
    .argument('<ref>', 'ID or ID@VERSION')
    .requiredOption('--out <dir>', 'folder to write into')
    .option('--force', 'replace the file if it exists', false)
    .action(async (ref: string, opts: { out: string; force: boolean }, c: Command) => {
      const x = ctx(c);
      const { id, version } = parseScenarioRef(ref);
      const s = await withStore(x, (st) => st.getScenario(id, version));
      if (!s) throw new UsageError(`no saved scenario "${ref}"; see \`chokepoint scenarios list\``);
      const file = join(opts.out, `${s.id}.yaml`);
      mkdirSync(opts.out, { recursive: true });
      const header = `# ${s.id}@${s.version}, saved ${s.createdAt}${s.note ? `: ${s.note}` : ''}\n`;
      writeFileAtomic(file, header + toYaml(s.scenario), { force: opts.force });
      x.err(`chokepoint: ${x.t('cli.scenarios.wrote', { ref: `${s.id}@${s.version}`, file })}`);
    });
}

function registerRuns(program: Command, ctx: MakeContext): void {
  const cmd = program
    .command('runs')
    .description('saved runs of simulate, rank, risk and plan (--save)');
  cmd
    .command('list')
    .description('saved runs, most recent first')
    .option('--kind <kind>', `only this kind: ${RUN_KINDS.join(', ')}`)
    .option('--status <status>', 'only ok or failed runs')
    .option('--scenario <id>', 'only runs of this saved scenario')
    .option('--dataset-version <id>', 'only runs on this dataset version')
    .option('--limit <n>', 'at most this many', positiveInt, 50)
    .action(
      async (
        opts: {
          kind?: string;
          status?: string;
          scenario?: string;
          datasetVersion?: string;
          limit: number;
        },
        c: Command,
      ) => {
        const x = ctx(c);
        if (opts.kind !== undefined && !(RUN_KINDS as readonly string[]).includes(opts.kind))
          throw new UsageError(`--kind must be one of ${RUN_KINDS.join(', ')}, not "${opts.kind}"`);
        if (opts.status !== undefined && opts.status !== 'ok' && opts.status !== 'failed')
          throw new UsageError(`--status must be ok or failed, not "${opts.status}"`);
        const list = await withStore(x, (s) =>
          s.listRuns({
            kind: opts.kind as RunKind | undefined,
            status: opts.status as RunStatus | undefined,
            scenarioId: opts.scenario,
            datasetVersionId: opts.datasetVersion,
            limit: opts.limit,
          }),
        );
        x.emit(
          list,
          () => safeRows(list),
          () => (list.length === 0 ? x.t('cli.runs.none') : renderTable(runColumns(x), list)),
        );
      },
    );
  cmd
    .command('show')
    .description('one saved run: inputs, dataset and scenario versions, timing, results (JSON)')
    .argument('<id>', 'run id')
    .action(async (id: string, _o: unknown, c: Command) => {
      const x = ctx(c);
      const run = await withStore(x, (s) => s.getRun(id));
      if (!run) throw new UsageError(`no saved run "${id}"; see \`chokepoint runs list\``);
      const { results, ...rest } = run;
      x.emit(
        run,
        () => safeRows([{ ...rest, inputs: JSON.stringify(rest.inputs) }]),
        () =>
          `${keyValues(x, rest)}\n\n${x.t('cli.runs.results', { id })}\n` +
          JSON.stringify(results, null, 2).slice(0, 2000),
      );
    });
  cmd
    .command('export')
    .description('write a saved run as ID.json and its result tables as CSV files in a folder')
    .argument('<id>', 'run id')
    .requiredOption('--out <dir>', 'folder to write into')
    .option('--force', 'replace files that exist', false)
    .action(async (id: string, opts: { out: string; force: boolean }, c: Command) => {
      const x = ctx(c);
      const run = await withStore(x, (s) => s.getRun(id));
      if (!run) throw new UsageError(`no saved run "${id}"; see \`chokepoint runs list\``);
      mkdirSync(opts.out, { recursive: true });
      const written: string[] = [];
      const write = (name: string, text: string) => {
        const file = join(opts.out, name);
        writeFileAtomic(file, text, { force: opts.force });
        written.push(file);
      };
      write(`${run.id}.json`, JSON.stringify(run, null, 2) + '\n');
      for (const [name, rows] of resultTables(run.results))
        write(`${run.id}${name ? `-${name}` : ''}.csv`, safeCsv(rows));
      x.err(`chokepoint: ${x.t('cli.runs.wrote', { files: written.join(', ') })}`);
    });
}

const isRowArray = (v: unknown): v is Record<string, unknown>[] =>
  Array.isArray(v) &&
  v.length > 0 &&
  v.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r));

/** The tables inside a result: the result itself if it is a list of rows, else its row lists. */
export function resultTables(results: unknown): [string, Record<string, unknown>[]][] {
  if (isRowArray(results)) return [['', results]];
  if (results === null || typeof results !== 'object' || Array.isArray(results)) return [];
  return Object.entries(results as Record<string, unknown>)
    .filter((e): e is [string, Record<string, unknown>[]] => isRowArray(e[1]))
    .map(([k, rows]) => [k.replace(/[^A-Za-z0-9_-]/g, '_'), rows]);
}

function registerTokens(program: Command, ctx: MakeContext): void {
  const cmd = program
    .command('tokens')
    .description('API tokens for `serve` (roles: viewer reads; analyst runs and saves; admin all)');
  cmd
    .command('create')
    .description('create a token and print its secret (shown only once)')
    .requiredOption('--name <name>', 'who or what uses it')
    .requiredOption('--role <role>', 'viewer, analyst or admin')
    .action(async (opts: { name: string; role: string }, c: Command) => {
      const x = ctx(c);
      if (!isTokenRole(opts.role))
        throw new UsageError(`--role must be viewer, analyst or admin, not "${opts.role}"`);
      const role = opts.role;
      const { token, secret } = await withStore(x, (s) => s.createToken({ name: opts.name, role }));
      x.emit(
        { ...token, secret },
        () => safeRows([{ ...token, secret }]),
        () =>
          [
            x.t('cli.tokens.created', { id: token.id, name: token.name, role: token.role }),
            x.t('cli.tokens.secret'),
            secret,
          ].join('\n'),
      );
    });
  cmd
    .command('list')
    .description('tokens (never their secrets)')
    .action(async (_o: unknown, c: Command) => {
      const x = ctx(c);
      const list = await withStore(x, (s) => s.listTokens());
      x.emit(
        list,
        () => safeRows(list),
        () => (list.length === 0 ? x.t('cli.tokens.none') : renderTable(tokenColumns(x), list)),
      );
    });
  cmd
    .command('revoke')
    .description('revoke a token: it stops working at once')
    .argument('<id>', 'token id (from tokens list)')
    .action(async (id: string, _o: unknown, c: Command) => {
      const x = ctx(c);
      const done = await withStore(x, async (s) => {
        const known = (await s.listTokens()).find((t) => t.id === id);
        if (!known) throw new UsageError(`no token "${id}"; see \`chokepoint tokens list\``);
        return { revoked: await s.revokeToken(id), token: known };
      });
      x.emit(
        { id, revoked: done.revoked },
        () => safeRows([{ id, revoked: done.revoked }]),
        () =>
          done.revoked
            ? x.t('cli.tokens.revoked', { id, name: done.token.name })
            : x.t('cli.tokens.already', { id, date: String(done.token.revokedAt) }),
      );
    });
}

/**
 * Add the store commands to the program, and the global `--db` option if it has none.
 * Call after the `scenarios` command is registered: its subcommands attach to it.
 */
export function registerStoreCommands(program: Command, makeContext: MakeContext): void {
  if (!program.options.some((o) => o.long === '--db'))
    program.addOption(
      new Option(
        '--db <file|url>',
        'the store: a SQLite file or a postgres:// URL (default: CHOKEPOINT_DB, DATABASE_URL, ' +
          'else ~/.local/share/chokepoint/chokepoint.db)',
      ),
    );
  registerDatasets(program, makeContext);
  registerScenarios(program, makeContext);
  registerRuns(program, makeContext);
  registerTokens(program, makeContext);
}
