/**
 * The reader fuzzers (issue 8, "hostile input"): one target per reader a user feeds files to,
 * each a fast-check arbitrary of inputs (mutated real files, or arbitrary text and values)
 * and a `run` that feeds one input to the reader through a real file in a temporary folder.
 *
 * The property of every target: the reader returns a value, or throws the project's typed
 * error (ValidationError) whose issues are well formed: a file, a code, a message, and a line
 * that lies inside the file where one applies. Anything else (TypeError, RangeError, a stack
 * overflow, a plain Error, an issue without its place) is a crash. A dataset the reader
 * accepts must also compile (core/compile.ts), a scenario or risk model it accepts must
 * resolve against the bundled dataset, and a firm network it accepts must simulate.
 *
 * Shared by the tests in test/fuzz/ (seeded, bounded) and by scripts/fuzz.ts (longer runs,
 * with counts for docs/reliability.md).
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import type { CompiledDataset } from '../../src/core/compile.js';
import { compileDataset } from '../../src/core/compile.js';
import { generateFirmNetwork } from '../../src/core/firms/generate.js';
import { compileShocks } from '../../src/core/firms/shocks.js';
import { simulateFirms } from '../../src/core/firms/simulate.js';
import { checkRiskModel } from '../../src/core/risk/model.js';
import { resolveScenario } from '../../src/core/scenario.js';
import { parseCsv, toCsv } from '../../src/io/csv.js';
import { importEto } from '../../src/io/eto/import-eto.js';
import { readFirmCsv, readSimulatorFiles, writeFirmCsv } from '../../src/io/firms/index.js';
import type { ValidationIssue } from '../../src/io/issues.js';
import { IssueList, ValidationError } from '../../src/io/issues.js';
import type { CheckedDataset } from '../../src/io/read-dataset.js';
import { checkDataset, checkDatasetJson, loadDataset } from '../../src/io/read-dataset.js';
import { readProjectsFile } from '../../src/io/read-projects.js';
import { locateRiskProblems, readRiskFile } from '../../src/io/read-risk.js';
import { locateProblems, readScenarioFile } from '../../src/io/read-scenario.js';
import { FILES } from '../../src/io/schema.js';
import { datasetToJson } from '../../src/io/write-dataset.js';
import { checkDatasetXlsx, datasetToXlsx } from '../../src/io/xlsx.js';
import type { Mutation } from './mutate.js';
import {
  HOSTILE_CELLS,
  HOSTILE_SNIPPETS,
  HOSTILE_XML,
  HOSTILE_YAML,
  binaryMutation,
  csvMutation,
  csvMutationOf,
  mutateBytes,
  mutateText,
  mutations,
  yamlMutation,
  yamlMutationOf,
} from './mutate.js';
import { readZip, writeStoredZip } from './zip.js';

export const REPO = resolve(import.meta.dirname, '../..');
export const BUNDLED = join(REPO, 'data');
export const ETO_DIR = resolve(REPO, '../shared/data/eto-chip-explorer');
const FIXTURES = join(REPO, 'test/fixtures');
/** Fixed, so that "older than ten years" warnings do not change with the calendar. */
const YEAR = 2026;

export type Outcome = 'accepted' | 'refused';

export interface FuzzTarget<I = unknown> {
  name: string;
  /** What is fed to which reader, for the report. */
  what: string;
  arbitrary: fc.Arbitrary<I>;
  run(input: I): Promise<Outcome>;
}

export interface Tally {
  tried: number;
  accepted: number;
  refused: number;
  crashes: number;
}

/** Anything a reader did that is not a value or a well-formed typed refusal. */
export class FuzzCrash extends Error {
  override readonly name = 'FuzzCrash';
}

// ---------------------------------------------------------------------------------------
// The property

/** What a well-formed refusal looks like for one reader. */
interface IssueRules {
  /** The number of lines (or rows) of a file, when the reader names lines of it. */
  linesOf?: (file: string) => number | undefined;
  /** Whether an error issue of this kind must name its line. */
  needsLine?: (issue: ValidationIssue) => boolean;
}

/** Codes about a whole file or table, which have no line to name. */
const FILE_LEVEL = new Set([
  'missing-file',
  'not-a-file',
  'empty-file',
  'json-syntax',
  'json-shape',
  'meta-shape',
  'yaml-syntax',
  'xlsx-syntax',
  'unknown-column',
]);

/** Throw FuzzCrash unless `issues` are well formed under `rules`. */
export function checkIssues(
  issues: readonly ValidationIssue[],
  rules: IssueRules,
  thrown: boolean,
): void {
  const bad = (why: string, i?: ValidationIssue): never => {
    throw new FuzzCrash(
      `malformed issue: ${why}${i ? `: ${JSON.stringify(i).slice(0, 400)}` : ''}`,
    );
  };
  if (thrown && !issues.some((i) => i.severity === 'error')) bad('a ValidationError with no error');
  for (const i of issues) {
    if (typeof i.file !== 'string' || i.file === '') bad('no file', i);
    if (typeof i.code !== 'string' || i.code === '') bad('no code', i);
    if (typeof i.message !== 'string' || i.message === '') bad('no message', i);
    if (i.line !== undefined) {
      if (!Number.isInteger(i.line) || i.line < 1) bad('line is not a positive integer', i);
      const max = rules.linesOf?.(i.file);
      if (max !== undefined && i.line > max) bad(`line beyond the end of the file (${max})`, i);
    } else if (i.severity === 'error' && rules.needsLine?.(i)) bad('no line', i);
  }
}

/** Classify what a reader threw: a well-formed ValidationError is a refusal, all else a crash. */
export function refusal(err: unknown, rules: IssueRules): Outcome {
  if (err instanceof FuzzCrash) throw err;
  if (err instanceof ValidationError) {
    checkIssues(err.issues, rules, true);
    return 'refused';
  }
  throw new FuzzCrash(`untyped ${describe(err)}`, { cause: err });
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return `throw of ${typeof err}: ${String(err).slice(0, 200)}`;
  const at = (err.stack ?? '').split('\n').slice(1, 4).join(' |');
  return `${err.name}: ${err.message.slice(0, 300)} (${at.trim()})`;
}

/** Run `fn`; a crash in the consumer of accepted input (compile, resolve) is a crash too. */
function mustNotThrow(what: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    throw new FuzzCrash(`${what} threw on accepted input: ${describe(err)}`, { cause: err });
  }
}

/** A fast-check property over a target that counts outcomes until the first failure. */
export function fuzzProperty<I>(target: FuzzTarget<I>, tally: Tally) {
  let stopped = false;
  return fc.asyncProperty(target.arbitrary, async (input) => {
    let outcome: Outcome;
    try {
      outcome = await target.run(input);
    } catch (err) {
      if (fc.PreconditionFailure.isFailure(err)) throw err; // a skipped input, not a crash
      if (!stopped) {
        stopped = true;
        tally.tried++;
        tally.crashes++;
      }
      throw err;
    }
    if (!stopped) {
      tally.tried++;
      tally[outcome]++;
    }
  });
}

export const emptyTally = (): Tally => ({ tried: 0, accepted: 0, refused: 0, crashes: 0 });

/**
 * Run a target on `numRuns` inputs from a fixed seed; a crash fails with fast-check's shrunk
 * counterexample (and the seed and path that replay it). Returns the counts.
 */
export async function fuzz(
  target: FuzzTarget,
  options: { numRuns: number; seed: number },
): Promise<Tally> {
  const tally = emptyTally();
  await fc.assert(fuzzProperty(target, tally), options);
  return tally;
}

/** Lines in a text as an editor counts them (LF, CRLF or CR), for bounds on reported lines. */
export function lineCount(text: string): number {
  let n = 1;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------
// Shared generators

/** A file to edit, and how: mutated, deleted, emptied, or replaced by a folder. */
interface FileEdit {
  file: string;
  action: 'mutate' | 'delete' | 'empty' | 'directory';
  mutations: Mutation[];
}

function fileEdits(
  files: readonly string[],
  weights: Record<string, number>,
  mutationOf: (file: string) => fc.Arbitrary<Mutation>,
  opts: { canDelete: (file: string) => boolean; maxEdits?: number },
): fc.Arbitrary<FileEdit[]> {
  const file = fc.oneof(
    ...files.map((f) => ({ weight: weights[f] ?? 1, arbitrary: fc.constant(f) })),
  );
  const edit = file.chain((f) =>
    fc.record({
      file: fc.constant(f),
      action: opts.canDelete(f)
        ? fc.oneof(
            { weight: 12, arbitrary: fc.constant('mutate' as const) },
            {
              weight: 1,
              arbitrary: fc.constantFrom('delete' as const, 'empty' as const, 'directory' as const),
            },
          )
        : fc.constant('mutate' as const),
      mutations: mutations(mutationOf(f)),
    }),
  );
  return fc.array(edit, { minLength: 1, maxLength: opts.maxEdits ?? 3 });
}

/**
 * A working folder holding copies of base files: `apply` writes one input's edits, `restore`
 * puts the originals back, so each run costs only the files it touches.
 */
class WorkFolder {
  constructor(
    readonly dir: string,
    private readonly base: ReadonlyMap<string, Buffer>,
  ) {
    mkdirSync(dir, { recursive: true });
    for (const [f, bytes] of base) writeFileSync(join(dir, f), bytes);
  }

  /** Write the edited files; returns their texts (for line bounds). */
  apply(edits: readonly FileEdit[]): Map<string, string> {
    const current = new Map<string, Buffer | 'delete' | 'directory'>();
    for (const e of edits) {
      const before = current.get(e.file) ?? this.base.get(e.file);
      current.set(
        e.file,
        e.action === 'delete' || e.action === 'directory'
          ? e.action
          : e.action === 'empty'
            ? Buffer.alloc(0)
            : mutateBytes(Buffer.isBuffer(before) ? before : Buffer.alloc(0), e.mutations),
      );
    }
    const texts = new Map<string, string>();
    for (const [f, next] of current) {
      const p = join(this.dir, f);
      rmSync(p, { recursive: true, force: true });
      if (next === 'directory') mkdirSync(p);
      else if (next !== 'delete') {
        writeFileSync(p, next);
        texts.set(f, next.toString('utf8'));
      }
    }
    return texts;
  }

  restore(edits: readonly FileEdit[]): void {
    for (const e of edits) {
      const bytes = this.base.get(e.file);
      const p = join(this.dir, e.file);
      rmSync(p, { recursive: true, force: true });
      if (bytes) writeFileSync(p, bytes);
    }
  }

  /** Text of a file as the reader sees it (edited or original). */
  text(texts: ReadonlyMap<string, string>, file: string): string | undefined {
    return texts.get(file) ?? this.base.get(file)?.toString('utf8');
  }
}

/**
 * Words of some files' own vocabulary (ids, codes: the cells matching `shape`), so that
 * mutations also make references that resolve, duplicates and cycles, not only garbage.
 */
function wordsOf(texts: Iterable<Buffer | string>, shape: RegExp, max = 300): string[] {
  const words = new Set<string>();
  for (const t of texts)
    for (const cell of t.toString().split(/[,\r\n\s]+/))
      if (shape.test(cell) && words.size < max) words.add(cell);
  return [...words];
}

function readFolder(dir: string, files?: readonly string[]): Map<string, Buffer> {
  const names = files ?? readdirSync(dir).filter((f) => /\.(csv|ya?ml|txt)$/.test(f));
  return new Map(names.map((f) => [f, readFileSync(join(dir, f))]));
}

/** Lines of `file` as the issues name it, counted once per file (issues are many). */
function linesFrom(texts: (file: string) => string | undefined) {
  const counted = new Map<string, number | undefined>();
  return (file: string) => {
    if (!counted.has(file)) {
      const t = texts(file);
      counted.set(file, t === undefined ? undefined : lineCount(t));
    }
    return counted.get(file);
  };
}

/** Accepted dataset: it must compile. */
function compiles(checked: CheckedDataset): Outcome {
  const errors = checked.issues.filter((i) => i.severity === 'error');
  if (errors.length) return 'refused';
  mustNotThrow('compileDataset', () => compileDataset(checked.dataset));
  return 'accepted';
}

/** JSON values that break naive consumers (deep nesting is added as text, see below). */
const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_CELLS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1e308,
      -1e308,
      5e-324,
      0.1,
      100,
      101,
      2024,
      [],
      {},
      [null],
      [[]],
      ['a', ['b']],
      { a: 1 },
      { __proto__: null },
      JSON.parse('{"__proto__": {"polluted": 1}}') as unknown,
      { toString: 'x' },
      { toString: 1, valueOf: 1 },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom('\u0001DEEP\u0001', '\u0001HUGE\u0001') },
);
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileLeaf },
  { weight: 1, arbitrary: fc.array(hostileLeaf, { maxLength: 3 }) },
);

/** Text stand-ins that JSON.stringify cannot make: deep nesting and out-of-range numbers. */
function expandJsonMarkers(text: string): string {
  return text
    .replace(/"\\u0001DEEP\\u0001"/g, '['.repeat(20_000) + ']'.repeat(20_000))
    .replace(/"\\u0001HUGE\\u0001"/g, '1e400');
}

// ---------------------------------------------------------------------------------------
// The targets

/** A target with its input type forgotten (each target only sees its own inputs). */
const erase = <I>(t: FuzzTarget<I>): FuzzTarget => t as unknown as FuzzTarget;

/** The readers fuzzed, by target name. */
export const TARGET_NAMES = [
  'csv',
  'dataset-folder',
  'dataset-json',
  'scenario',
  'risk',
  'projects',
  'eto',
  'xlsx',
  'firms-csv',
  'firms-simulator',
] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export interface FuzzContext {
  targets: FuzzTarget[];
  /** The target of this name (it must have been built). */
  target(name: TargetName): FuzzTarget;
  dispose(): void;
}

/** Build the targets named (all by default) over a fresh temporary folder; `dispose` after. */
export async function createFuzzContext(only?: readonly TargetName[]): Promise<FuzzContext> {
  const tmp = mkdtempSync(join(tmpdir(), 'chokepoint-fuzz-'));
  try {
    let bundled: CheckedDataset | undefined;
    let compiled: CompiledDataset | undefined;
    const data = () => {
      bundled ??= loadDataset(BUNDLED, { currentYear: YEAR });
      compiled ??= compileDataset(bundled.dataset);
      return { bundled, compiled };
    };
    const make: Record<TargetName, () => FuzzTarget | Promise<FuzzTarget>> = {
      csv: () => erase(csvTarget()),
      'dataset-folder': () => erase(datasetFolderTarget(join(tmp, 'folder'))),
      'dataset-json': () => erase(datasetJsonTarget(join(tmp, 'json'), data().bundled)),
      scenario: () => erase(scenarioTarget(join(tmp, 'scenario'), data().compiled)),
      risk: () => erase(riskTarget(join(tmp, 'risk'), data().compiled)),
      projects: () => erase(projectsTarget(join(tmp, 'projects'), data().compiled)),
      eto: () => erase(etoTarget(join(tmp, 'eto'))),
      xlsx: async () => erase(await xlsxTarget(join(tmp, 'xlsx'))),
      'firms-csv': () => erase(firmCsvTarget(join(tmp, 'firms-csv'))),
      'firms-simulator': () => erase(firmSimulatorTarget(join(tmp, 'firms-sim'))),
    };
    const targets: FuzzTarget[] = [];
    for (const name of TARGET_NAMES)
      if (!only || only.includes(name)) targets.push(await make[name]());
    return {
      targets,
      target: (name) => {
        const t = targets.find((x) => x.name === name);
        if (!t) throw new Error(`fuzz target ${name} was not built`);
        return t;
      },
      dispose: () => rmSync(tmp, { recursive: true, force: true }),
    };
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** io/csv.ts on arbitrary text, CSV-shaped text and mutated bundled CSV files. */
interface CsvInput {
  file: string;
  /** With `expect`: CSV written by toCsv, whose cells and lines must read back exactly. */
  input: { text: string; expect: { cells: string[]; line: number }[] | undefined };
}

function csvTarget(): FuzzTarget<CsvInput> {
  const bundled = [
    ...readFolder(
      BUNDLED,
      FILES.map((f) => f.file),
    ),
  ];
  const field = fc.oneof(
    fc.constantFrom(...HOSTILE_CELLS),
    fc.string({
      unit: fc.constantFrom('a', ' ', '"', ',', '\r', '\n', '\uFEFF', 'é'),
      maxLength: 8,
    }),
  );
  const csvShaped = fc
    .record({
      rows: fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
    })
    .map(({ rows, eol }) => rows.map((r) => r.join(',')).join(eol));
  const text = fc.oneof(
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 3, arbitrary: csvShaped },
    {
      weight: 4,
      arbitrary: fc
        .record({ k: fc.nat({ max: bundled.length - 1 }), m: mutations(csvMutation) })
        .map(({ k, m }) => mutateText(bundled[k]![1].toString('utf8'), m)),
    },
  );
  // Well-formed CSV written by toCsv: parseCsv must give back exactly the cells (trimmed,
  // blank rows skipped), whatever quotes, commas and line breaks they hold.
  const roundTrip = fc
    .uniqueArray(fc.stringMatching(/^[a-z_]{1,8}$/), { minLength: 1, maxLength: 5 })
    .chain((header) =>
      fc.record({
        header: fc.constant(header),
        rows: fc.array(fc.array(field, { minLength: header.length, maxLength: header.length }), {
          maxLength: 6,
        }),
      }),
    )
    .map(({ header, rows }) => {
      const text = toCsv(header, rows);
      // The line each row starts on, as an editor counts lines (LF, CRLF or CR).
      const starts: number[] = [];
      let offset = 0;
      for (const r of [header, ...rows]) {
        starts.push(lineCount(text.slice(0, offset)));
        offset += toCsv(r, []).length;
      }
      const kept = [header, ...rows]
        .map((r, k) => ({ cells: r.map((c) => c.trim()), line: starts[k]! }))
        .filter((r, k) => k === 0 || !(r.cells.length === 1 && r.cells[0] === ''));
      return { text, expect: kept };
    });
  return {
    name: 'csv',
    what: 'io/csv.ts parseCsv: arbitrary text, CSV-shaped text, mutated data/*.csv, and toCsv round trips',
    arbitrary: fc.record({
      file: fc.constant('fuzz.csv'),
      input: fc.oneof(
        { weight: 4, arbitrary: text.map((t) => ({ text: t, expect: undefined })) },
        { weight: 1, arbitrary: roundTrip },
      ),
    }),
    run: ({ file, input: { text, expect } }) => {
      const issues = new IssueList();
      let table;
      try {
        table = parseCsv(file, text, issues);
      } catch (err) {
        // parseCsv reports to `issues` and never throws.
        throw new FuzzCrash(`parseCsv threw: ${describe(err)}`, { cause: err });
      }
      const lines = lineCount(text);
      checkIssues(issues.issues, { linesOf: () => lines, needsLine: () => true }, false);
      if (expect) {
        const got = table
          ? [
              { cells: table.header, line: 1 },
              ...table.rows.map((r) => ({ cells: r.cells, line: r.line })),
            ]
          : [];
        if (issues.issues.length || JSON.stringify(got) !== JSON.stringify(expect))
          throw new FuzzCrash(
            `round trip: wrote ${JSON.stringify(expect)}, read ${JSON.stringify(got)} ${JSON.stringify(issues.issues)}`,
          );
      }
      if (table) {
        let last = 0;
        for (const r of table.rows) {
          if (!(r.line > last && r.line <= lines))
            throw new FuzzCrash(`row line ${r.line} out of order or beyond line ${lines}`);
          if (r.cells.length !== table.header.length)
            throw new FuzzCrash('a row with the wrong field count was returned');
          last = r.line;
        }
      }
      return Promise.resolve(issues.hasErrors || !table ? 'refused' : 'accepted');
    },
  };
}

const DATASET_WEIGHTS: Record<string, number> = {
  'items.csv': 4,
  'shares.csv': 4,
  'requirements.csv': 3,
  'organizations.csv': 2,
  'countries.csv': 2,
  'sources.csv': 2,
  'demand.csv': 1,
  'blocs.csv': 1,
  'dataset.yaml': 1,
};

/** io/read-dataset.ts on mutated copies of the bundled data/ folder. */
function datasetFolderTarget(dir: string): FuzzTarget<FileEdit[]> {
  const files = [...FILES.map((f) => f.file), 'dataset.yaml'];
  const base = readFolder(BUNDLED, files);
  const folder = new WorkFolder(dir, base);
  // Item, organization and source ids, country codes and blocs of the bundled data.
  const words = wordsOf(base.values(), /^([a-z0-9]+(-[a-z0-9]+)+|[A-Z]{3}|[A-Za-z0-9+]{2,8})$/);
  const csvWords = csvMutationOf(words);
  return {
    name: 'dataset-folder',
    what: 'io/read-dataset.ts checkDataset on mutated copies of data/ (then compileDataset)',
    arbitrary: fileEdits(
      files,
      DATASET_WEIGHTS,
      (f) => (f.endsWith('.yaml') ? yamlMutation : csvWords),
      { canDelete: () => true },
    ),
    run: (edits) => {
      const texts = folder.apply(edits);
      try {
        let checked: CheckedDataset;
        try {
          checked = checkDataset(dir, { currentYear: YEAR });
        } catch (err) {
          return Promise.resolve(refusal(err, {}));
        }
        checkIssues(
          checked.issues,
          {
            linesOf: linesFrom((f) => folder.text(texts, f)),
            needsLine: (i) => i.file.endsWith('.csv') && !FILE_LEVEL.has(i.code),
          },
          false,
        );
        return Promise.resolve(compiles(checked));
      } finally {
        folder.restore(edits);
      }
    },
  };
}

interface JsonInput {
  edits: { table: string; row: number; column: string; value: unknown }[];
  text: Mutation[];
}

/** io/read-dataset.ts on the JSON form of the bundled dataset, edited and mutated. */
function datasetJsonTarget(dir: string, bundled: CheckedDataset): FuzzTarget<JsonInput> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'dataset.json');
  const base = datasetToJson(bundled.dataset);
  const tables = [...FILES.map((f) => f.key), 'dataset', 'unknown'];
  const columns = [...new Set(FILES.flatMap((f) => f.columns)), 'name', 'version', 'extra'];
  const ds = bundled.dataset;
  const words = [
    ...ds.items.slice(0, 60).map((i) => i.id),
    ...ds.organizations.slice(0, 20).map((o) => o.id),
    ...ds.sources.slice(0, 20).map((x) => x.id),
    ...ds.countries.slice(0, 20).map((x) => x.code),
  ];
  const edit = fc.record({
    table: fc.constantFrom(...tables),
    row: fc.oneof(fc.constant(-1), fc.nat({ max: 1200 })),
    column: fc.constantFrom(...columns),
    value: fc.oneof(
      { weight: 3, arbitrary: hostileJson },
      { weight: 2, arbitrary: fc.constantFrom(...words) },
    ),
  });
  return {
    name: 'dataset-json',
    what: 'io/read-dataset.ts checkDataset on the JSON form of data/, values replaced and text mutated',
    arbitrary: fc.record({
      edits: fc.array(edit, { minLength: 1, maxLength: 4 }),
      text: fc.array(yamlMutation, { maxLength: 2 }),
    }),
    run: ({ edits, text }) => {
      const value = structuredClone(base);
      for (const e of edits) {
        // row -1 replaces the whole table (or the metadata); otherwise one field of one row.
        // A copy of the value: the generators share constant objects, which a later edit
        // must not change (nor tie into a cycle).
        const v = structuredClone(e.value);
        const t = value[e.table];
        if (e.row < 0 || t === null || typeof t !== 'object') value[e.table] = v;
        else if (!Array.isArray(t)) (t as Record<string, unknown>)[e.column] = v;
        else if (t.length) {
          const row = t[e.row % t.length] as Record<string, unknown>;
          if (row && typeof row === 'object') row[e.column] = v;
        }
      }
      const json = mutateText(expandJsonMarkers(JSON.stringify(value, null, 1)), text);
      writeFileSync(file, json);
      let parsedRows: Record<string, number> = {};
      try {
        const v = JSON.parse(json.replace(/^\uFEFF/, '')) as Record<string, unknown>;
        if (v && typeof v === 'object')
          parsedRows = Object.fromEntries(
            Object.entries(v).map(([k, t]) => [k, Array.isArray(t) ? t.length : 0]),
          );
      } catch {
        // The reader reports the syntax error.
      }
      const rules: IssueRules = {
        linesOf: (f) => {
          const m = /#\/(\w+)$/.exec(f);
          return m ? parsedRows[m[1]!] : undefined;
        },
        needsLine: (i) => i.file.includes('#/') && !FILE_LEVEL.has(i.code),
      };
      let checked: CheckedDataset;
      try {
        checked = checkDataset(file, { currentYear: YEAR });
      } catch (err) {
        return Promise.resolve(refusal(err, rules));
      }
      checkIssues(checked.issues, rules, false);
      // The HTTP API hands parsed bodies to checkDatasetJson: same input, same verdict.
      if (!text.length) {
        let inMemory: CheckedDataset;
        try {
          inMemory = checkDatasetJson(JSON.parse(json), { currentYear: YEAR });
        } catch (err) {
          throw new FuzzCrash(`checkDatasetJson threw: ${describe(err)}`, { cause: err });
        }
        if (inMemory.issues.length !== checked.issues.length)
          throw new FuzzCrash('checkDatasetJson and checkDataset(file) disagree');
      }
      return Promise.resolve(compiles(checked));
    },
  };
}

/** Plausible names, so that shaped scenarios sometimes resolve. */
function namesOf(c: CompiledDataset): fc.Arbitrary<string | number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...c.countryCodes, 'ALL', 'EU27', 'NDL') },
    { weight: 3, arbitrary: fc.constantFrom(...c.itemIds.slice(0, 60)) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_CELLS) },
    { weight: 1, arbitrary: fc.integer() },
  );
}

/** A value shaped like a scenario (right keys, random values), to get past the shape check. */
function shapedShock(c: CompiledDataset): fc.Arbitrary<unknown> {
  const name = namesOf(c);
  const list = fc.oneof(fc.array(name, { maxLength: 3 }), name);
  const num = fc.oneof(
    { weight: 3, arbitrary: fc.double({ min: -2, max: 2, noNaN: true }) },
    { weight: 2, arbitrary: fc.integer({ min: -5, max: 2000 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(NaN, Infinity, -0, '0.5', '', null, [], true),
    },
  );
  const opt = { requiredKeys: [] as never[] };
  const selector = {
    items: list,
    areas: list,
    kinds: list,
    stages: list,
    includeVariants: fc.oneof(fc.boolean(), name),
    startMonth: num,
    endMonth: num,
  };
  return fc.oneof(
    fc.record({
      restrict: fc.record({ from: list, to: list, severity: num, ...selector }, opt),
    }),
    fc.record({
      outage: fc.record({ in: list, severity: num, recoveryMonths: num, ...selector }, opt),
    }),
    fc.record({
      build: fc.record(
        { in: name, item: name, capacity: num, rampMonths: num, startMonth: num },
        opt,
      ),
    }),
    fc.record({ restrict: fc.constant({ from: ['USA'], to: ['CHN'] }), outage: fc.constant({}) }),
  );
}

function shapedScenario(c: CompiledDataset): fc.Arbitrary<unknown> {
  const name = namesOf(c);
  const num = fc.oneof(fc.integer({ min: -1, max: 1300 }), fc.constantFrom<unknown>(NaN, 'x'));
  return fc.record(
    {
      id: fc.oneof(fc.constant('fuzz-scenario'), name),
      name: fc.oneof(fc.string(), name),
      nameZh: fc.string(),
      perspective: name,
      assumptions: fc.record(
        {
          reallocation: fc.constantFrom<unknown>('market', 'fixed', 'other', 1),
          inventoryMonths: num,
          leadTimeMonths: num,
          inventoryByItem: fc.dictionary(
            fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString'), fc.string()),
            num,
            { maxKeys: 3 },
          ),
        },
        { requiredKeys: [] },
      ),
      shocks: fc.array(shapedShock(c), { maxLength: 4 }),
      sources: fc.array(name, { maxLength: 2 }),
    },
    { requiredKeys: ['shocks'] },
  );
}

/** Serialize a value as a user might write it: YAML, JSON, or JSON with markers expanded. */
const serialized = (value: fc.Arbitrary<unknown>) =>
  fc.record({ value, as: fc.constantFrom('yaml', 'json') }).map(({ value, as }) => {
    if (as === 'json') return expandJsonMarkers(JSON.stringify(value) ?? 'null');
    try {
      return toYaml(value);
    } catch {
      return String(value);
    }
  });

interface TextFileInput {
  file: string;
  text: string;
}

/**
 * The run of a text-file target: write the input to `dir`, read it (a thrown error must be a
 * located refusal), then check what was read (`check` must not throw, and its issues must be
 * located).
 */
function readThenCheck<T>(
  dir: string,
  read: (path: string) => T,
  checkName: string,
  check: (parsed: T) => readonly ValidationIssue[],
): (input: TextFileInput) => Promise<Outcome> {
  return ({ file, text }) => {
    const path = join(dir, file);
    writeFileSync(path, text);
    const lines = lineCount(text);
    const rules: IssueRules = { linesOf: () => lines };
    let parsed: T;
    try {
      parsed = read(path);
    } catch (err) {
      return Promise.resolve(refusal(err, rules));
    }
    mustNotThrow(checkName, () => checkIssues(check(parsed), rules, false));
    return Promise.resolve('accepted');
  };
}

/** Inputs for the YAML readers: mutated real files, shaped values, arbitrary text. */
function yamlInputs(
  bases: ReadonlyMap<string, string>,
  shaped: fc.Arbitrary<unknown>,
  c: CompiledDataset,
): fc.Arbitrary<TextFileInput> {
  const names = [...bases.keys()];
  const yamlWords = yamlMutationOf([...c.itemIds.slice(0, 80), ...c.countryCodes, 'ALL']);
  const mutatedReal = fc
    .record({
      file: fc.constantFrom(...names),
      asJson: fc.boolean(),
      m: mutations(yamlWords),
    })
    .map(({ file, asJson, m }) => {
      let text = bases.get(file)!;
      if (asJson) {
        // The same content as JSON (a subset of YAML), one key per line.
        text = JSON.stringify(jsonOfYaml(text), null, 2);
      }
      return { file: asJson ? file.replace(/\.ya?ml$/, '.json') : file, text: mutateText(text, m) };
    });
  const file = fc.constantFrom('fuzz.yaml', 'fuzz.json', 'Fuzz Scenario.yml');
  return fc.oneof(
    { weight: 5, arbitrary: mutatedReal },
    { weight: 3, arbitrary: fc.record({ file, text: serialized(shaped) }) },
    { weight: 1, arbitrary: fc.record({ file, text: serialized(fc.jsonValue({ maxDepth: 4 })) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        file,
        text: fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc
            .array(fc.constantFrom(...HOSTILE_YAML, ...HOSTILE_SNIPPETS, ':', '- ', '\n', '  '), {
              maxLength: 8,
            })
            .map((parts) => parts.join('')),
        ),
      }),
    },
  );
}

const yamlCache = new Map<string, unknown>();
function jsonOfYaml(text: string): unknown {
  if (!yamlCache.has(text)) {
    // Bundled files are plain YAML; parse once with the yaml package.
    yamlCache.set(
      text,
      (JSON.parse(JSON.stringify(parseYaml(text) as unknown)) as unknown) ?? null,
    );
  }
  return yamlCache.get(text);
}

/** io/read-scenario.ts on mutated library scenarios, shaped values and arbitrary text. */
function scenarioTarget(dir: string, c: CompiledDataset): FuzzTarget<TextFileInput> {
  mkdirSync(dir, { recursive: true });
  const lib = join(BUNDLED, 'scenarios');
  const bases = new Map(
    readdirSync(lib)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => [f, readFileSync(join(lib, f), 'utf8')]),
  );
  return {
    name: 'scenario',
    what: 'io/read-scenario.ts readScenarioFile on mutated data/scenarios/*.yaml (YAML and JSON), shaped and arbitrary text (then resolveScenario)',
    arbitrary: yamlInputs(bases, shapedScenario(c), c),
    run: readThenCheck(dir, readScenarioFile, 'resolveScenario', (parsed) =>
      locateProblems(parsed, resolveScenario(c, parsed.scenario).problems),
    ),
  };
}

/** io/read-risk.ts on the mutated bundled risk model, shaped values and arbitrary text. */
function riskTarget(dir: string, c: CompiledDataset): FuzzTarget<TextFileInput> {
  mkdirSync(dir, { recursive: true });
  const riskDir = join(BUNDLED, 'risk');
  const bases = new Map(
    readdirSync(riskDir)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => [f, readFileSync(join(riskDir, f), 'utf8')]),
  );
  const event = fc.record(
    {
      id: fc.oneof(fc.constantFrom('e1', 'e2', 'bad id'), namesOf(c)),
      name: fc.string(),
      probability: fc.oneof(
        fc.double({ min: -1, max: 2, noNaN: true }),
        fc.constantFrom<unknown>(NaN, 50, '0.5', null, Infinity),
      ),
      shocks: fc.array(shapedShock(c), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  );
  const shaped = fc.record(
    {
      id: fc.constantFrom('fuzz-risk', 'Bad Id'),
      perspective: namesOf(c),
      events: fc.oneof(fc.array(event, { maxLength: 4 }), fc.constantFrom<unknown>({}, 'x', null)),
    },
    { requiredKeys: [] },
  );
  return {
    name: 'risk',
    what: 'io/read-risk.ts readRiskFile on mutated data/risk/*.yaml, shaped and arbitrary text (then checkRiskModel)',
    arbitrary: yamlInputs(bases, shaped, c),
    run: readThenCheck(dir, readRiskFile, 'checkRiskModel', (parsed) =>
      locateRiskProblems(parsed, checkRiskModel(c, parsed.model)),
    ),
  };
}

/** io/read-projects.ts on mutated data/projects.csv against the bundled dataset. */
function projectsTarget(dir: string, c: CompiledDataset): FuzzTarget<Mutation[]> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'projects.csv');
  const base = readFileSync(join(BUNDLED, 'projects.csv'));
  return {
    name: 'projects',
    what: 'io/read-projects.ts readProjectsFile on mutated data/projects.csv',
    arbitrary: mutations(
      csvMutationOf([
        ...wordsOf([base], /^[a-z0-9]+(-[a-z0-9]+)+$/),
        ...c.itemIds.slice(0, 60),
        ...c.countryCodes,
      ]),
      5,
    ),
    run: (m) => {
      const bytes = mutateBytes(base, m);
      writeFileSync(path, bytes);
      const lines = lineCount(bytes.toString('utf8'));
      const rules: IssueRules = { linesOf: () => lines, needsLine: () => true };
      try {
        const parsed = readProjectsFile(path, c);
        checkIssues(parsed.warnings, rules, false);
      } catch (err) {
        return Promise.resolve(refusal(err, rules));
      }
      return Promise.resolve('accepted');
    },
  };
}

const ETO_FILES = ['inputs.csv', 'providers.csv', 'provision.csv', 'sequence.csv', 'stages.csv'];

/** io/eto on mutated copies of ../shared/data/eto-chip-explorer (read there, never copied in). */
function etoTarget(dir: string): FuzzTarget<FileEdit[]> {
  const base = readFolder(ETO_DIR, ETO_FILES);
  const folder = new WorkFolder(dir, base);
  // ETO ids (N20, S1, P159), types and country codes.
  const words = wordsOf(base.values(), /^([NSP]\d+|[a-z]+_[a-z_]+|country|organization|[A-Z]{3})$/);
  const etoMutation = csvMutationOf(words);
  return {
    name: 'eto',
    what: 'io/eto importEto on mutated copies of the ETO Chip Explorer CSVs (then validate and compile the import)',
    arbitrary: fileEdits(
      ETO_FILES,
      { 'provision.csv': 3, 'providers.csv': 2, 'sequence.csv': 2, 'inputs.csv': 2 },
      () => etoMutation,
      { canDelete: () => true, maxEdits: 2 },
    ),
    run: (edits) => {
      const texts = folder.apply(edits);
      try {
        const rules: IssueRules = {
          linesOf: linesFrom((f) => folder.text(texts, f)),
          // The importer names ETO records ("provision.csv row 17") in its messages, not lines.
          needsLine: () => false,
        };
        let imported;
        try {
          imported = importEto(dir);
        } catch (err) {
          return Promise.resolve(refusal(err, rules));
        }
        // What `chokepoint import eto` does next: the import must be a valid dataset.
        const { dataset } = imported;
        let checked: CheckedDataset;
        try {
          checked = checkDatasetJson(datasetToJson(dataset), { currentYear: YEAR });
        } catch (err) {
          throw new FuzzCrash(`the imported dataset does not read back: ${describe(err)}`, {
            cause: err,
          });
        }
        const errors = checked.issues.filter((i) => i.severity === 'error');
        if (errors.length)
          throw new FuzzCrash(
            `importEto returned a dataset with ${errors.length} validation error(s): ${JSON.stringify(errors[0])}`,
          );
        return Promise.resolve(compiles(checked));
      } finally {
        folder.restore(edits);
      }
    },
  };
}

/** A workbook with one zip entry's XML and the zip's bytes mutated, or with cells set. */
type XlsxInput =
  | { kind: 'entry'; entry: number; xml: Mutation[]; zip: Mutation[] }
  | { kind: 'cells'; cells: { sheet: number; row: number; col: number; value: unknown }[] };

/** io/xlsx.ts on workbooks of the mini dataset with mutated XML, bytes and cell values. */
async function xlsxTarget(dir: string): Promise<FuzzTarget<XlsxInput>> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'book.xlsx');
  const mini = loadDataset(join(FIXTURES, 'mini'), { currentYear: YEAR });
  const written = await datasetToXlsx(mini.dataset);
  const basePath = join(dir, 'base.xlsx');
  writeFileSync(basePath, written);
  const entries = readZip(written);
  const sheetNames = ['dataset', ...FILES.map((f) => f.key), 'Sheet1'];
  // Worksheets and shared strings carry the cells: mutate them most often.
  const weighted = entries.flatMap((e, k) =>
    /worksheets\/sheet|sharedStrings/.test(e.name) ? [k, k, k, k] : [k],
  );
  const xmlMutation = fc.oneof(
    { weight: 3, arbitrary: binaryMutation },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('insert' as const),
        at: fc.nat({ max: 1 << 20 }),
        text: fc.constantFrom(
          ...HOSTILE_XML,
          '<c r="A2" t="e"><v>#REF!</v></c>',
          '<c r="XFE1048577"><v>1</v></c>',
          '<c r="A2" t="s"><v>99999</v></c>',
          '<c r="A2" t="n"><v>NaN</v></c>',
          '<c r="A2" t="d"><v>not a date</v></c>',
          '<c r="A2"><f>1/0</f></c>',
          '<row r="0"><c r="A0"><v>1</v></c></row>',
          '<row r="99999999"></row>',
        ),
      }),
    },
  );
  const cellValue = fc.oneof(
    fc.constantFrom(...HOSTILE_CELLS),
    fc.double(),
    fc.boolean(),
    fc.constantFrom<unknown>(
      null,
      new Date(NaN),
      new Date(0),
      { formula: '1/0', result: { error: '#DIV/0!' } },
      { formula: 'A1', result: undefined },
      { richText: [{ text: 'rich' }, { text: ' text' }] },
      { text: 'link', hyperlink: 'https://example.org' },
      { error: '#N/A' },
      { formula: 'B1', result: 'text' },
    ),
  );
  return {
    name: 'xlsx',
    what: 'io/xlsx.ts checkDatasetXlsx on workbooks of test/fixtures/mini: mutated sheet XML, mutated zip bytes, hostile cell values (then compileDataset)',
    arbitrary: fc.oneof(
      fc.record({
        kind: fc.constant('entry' as const),
        entry: fc.constantFrom(...weighted),
        xml: fc.array(xmlMutation, { maxLength: 3 }),
        zip: fc.array(binaryMutation, { maxLength: 2 }),
      }),
      fc.record({
        kind: fc.constant('cells' as const),
        cells: fc.array(
          fc.record({
            sheet: fc.nat({ max: sheetNames.length - 1 }),
            row: fc.integer({ min: 1, max: 12 }),
            col: fc.integer({ min: 1, max: 14 }),
            value: cellValue,
          }),
          { minLength: 1, maxLength: 6 },
        ),
      }),
    ),
    run: async (input) => {
      let bytes: Buffer;
      if (input.kind === 'entry') {
        const edited = entries.map((e, k) =>
          k === input.entry ? { name: e.name, data: mutateBytes(e.data, input.xml) } : e,
        );
        bytes = mutateBytes(writeStoredZip(edited), input.zip);
      } else {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(basePath);
        for (const c of input.cells) {
          const name = sheetNames[c.sheet]!;
          const ws = wb.getWorksheet(name) ?? wb.addWorksheet(name);
          // A copy: exceljs may keep (and change) the object, which the generator shares.
          ws.getRow(c.row).getCell(c.col).value = structuredClone(c.value) as ExcelJS.CellValue;
        }
        let out: ArrayBuffer | undefined;
        try {
          out = await wb.xlsx.writeBuffer();
        } catch {
          // exceljs cannot write this workbook: not an input for the reader; skip it.
        }
        fc.pre(out !== undefined);
        bytes = Buffer.from(out!);
      }
      writeFileSync(path, bytes);
      const rules: IssueRules = {
        needsLine: (i) => i.file.includes('#') && !FILE_LEVEL.has(i.code),
      };
      let checked: CheckedDataset;
      try {
        checked = await checkDatasetXlsx(path, { currentYear: YEAR });
      } catch (err) {
        return refusal(err, rules);
      }
      checkIssues(checked.issues, rules, false);
      return compiles(checked);
    },
  };
}

interface FirmInputCase {
  base: 'fixture' | 'generated';
  edits: FileEdit[];
}

/** An accepted network must simulate, with the shocks the reader read (none cut short). */
function simulates(
  network: Parameters<typeof simulateFirms>[0],
  shocks: Parameters<typeof compileShocks>[1],
): void {
  mustNotThrow('compileShocks/simulateFirms', () => {
    const compiled = compileShocks(network.nFirms, shocks);
    const sorted = [...shocks].sort((a, b) => a.firm - b.firm);
    sorted.forEach((s, q) => {
      if (compiled.start[q] !== (s.start ?? 0))
        throw new Error(`shock start ${s.start} was stored as ${compiled.start[q]}`);
    });
    simulateFirms(network, compiled, { steps: 3 });
  });
}

/**
 * One firm-reader run: apply the edits, read (a refusal must name file and line), then simulate
 * what was read; the folder is restored whatever happens.
 */
function readThenSimulate(
  folder: WorkFolder,
  edits: FileEdit[],
  read: () => {
    network: Parameters<typeof simulates>[0];
    shocks: Parameters<typeof simulates>[1];
  },
): Promise<Outcome> {
  const texts = folder.apply(edits);
  try {
    const rules: IssueRules = {
      linesOf: linesFrom((f) => folder.text(texts, f)),
      needsLine: (i) => !FILE_LEVEL.has(i.code),
    };
    let got;
    try {
      got = read();
    } catch (err) {
      return Promise.resolve(refusal(err, rules));
    }
    simulates(got.network, got.shocks);
    return Promise.resolve('accepted');
  } finally {
    folder.restore(edits);
  }
}

/** io/firms/read-csv.ts on mutated firm-network folders (a fixture and a generated one). */
function firmCsvTarget(dir: string): FuzzTarget<FirmInputCase> {
  const files = ['firms.csv', 'links.csv', 'shocks.csv'];
  const fixture = new WorkFolder(join(dir, 'fixture'), readFolder(join(FIXTURES, 'firms/csv')));
  const genDir = join(dir, 'generated-src');
  const net = generateFirmNetwork({ firms: 40, links: 160, sectors: 5, countries: 3, seed: 8 });
  writeFirmCsv(genDir, net, [
    { firm: 1, delta: 0.3, start: 2, recovery: 5 },
    { firm: 7, delta: 1, start: 0, recovery: 0 },
  ]);
  const generated = new WorkFolder(join(dir, 'generated'), readFolder(genDir));
  const words = wordsOf(
    [...readFolder(join(FIXTURES, 'firms/csv')).values(), ...readFolder(genDir).values()],
    /^[A-Za-z0-9_-]{1,12}$/,
  );
  const mutation = fc.oneof(csvMutationOf(words), yamlMutation);
  return {
    name: 'firms-csv',
    what: 'io/firms readFirmCsv on mutated firm-network CSV folders (then simulateFirms)',
    arbitrary: fc.record({
      base: fc.constantFrom('fixture', 'generated'),
      edits: fileEdits(files, { 'links.csv': 2 }, () => mutation, {
        canDelete: () => true,
      }),
    }),
    run: ({ base, edits }) => {
      const folder = base === 'fixture' ? fixture : generated;
      return readThenSimulate(folder, edits, () => readFirmCsv(folder.dir));
    },
  };
}

/** io/firms/read-simulator.ts on mutated ProductionNetworkSimulator files. */
function firmSimulatorTarget(dir: string): FuzzTarget<FileEdit[]> {
  const files = ['links.txt', 'final.txt', 'initial.txt', 'sectors.txt', 'delta.txt'];
  const base = readFolder(join(FIXTURES, 'firms/simulator'));
  const folder = new WorkFolder(dir, base);
  const words = wordsOf(base.values(), /^\S{1,12}$/);
  const mutation = fc.oneof(csvMutationOf(words), yamlMutationOf(words));
  return {
    name: 'firms-simulator',
    what: 'io/firms readSimulatorFiles on mutated ProductionNetworkSimulator files (then simulateFirms)',
    arbitrary: fileEdits(files, { 'links.txt': 2, 'sectors.txt': 2 }, () => mutation, {
      canDelete: () => true,
    }),
    run: (edits) => {
      const at = (f: string) => join(dir, f);
      return readThenSimulate(folder, edits, () =>
        readSimulatorFiles({
          links: at('links.txt'),
          finalDemand: at('final.txt'),
          initial: at('initial.txt'),
          sectors: at('sectors.txt'),
          shocks: at('delta.txt'),
        }),
      );
    },
  };
}
