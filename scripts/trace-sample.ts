/**
 * Trace sampler for the bundled dataset: picks quantified share rows of data/shares.csv at
 * random, reproducibly, so that a reviewer can open each row's source and check the figure
 * (docs/data-trace.md records one such audit).
 *
 *   node --import tsx scripts/trace-sample.ts --seed 20261129 --count 20
 *   node --import tsx scripts/trace-sample.ts --seed 20261129 --count 20 --format json
 *   node --import tsx scripts/trace-sample.ts --seed 7 --count 5 --dataset path/to/folder
 *   node --import tsx scripts/trace-sample.ts --seed 7 --count 10 --exclude-source usgs-mcs-2026
 *
 * A "quantified" row is one whose share cell is not blank. Rows are numbered by their line in
 * the file (the header is line 1). The same seed and the same shares.csv give the same rows;
 * the pseudo-random generator is mulberry32, and the rows are drawn without replacement by a
 * partial Fisher-Yates shuffle of the quantified rows in file order.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { mulberry32 } from '../src/core/risk/rng.js';
import { splitCsv } from '../src/io/csv.js';

// Piping into `head` closes stdout early; end quietly instead of throwing EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

interface Args {
  seed: number;
  count: number;
  dataset: string;
  format: 'table' | 'json';
  /** source ids whose rows are left out of the draw (for a stratum of hand-compiled rows) */
  excludeSources: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    seed: 1,
    count: 20,
    dataset: resolve('data'),
    format: 'table',
    excludeSources: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: node --import tsx scripts/trace-sample.ts --seed N --count K [--dataset DIR] [--format table|json] [--exclude-source id,id]\n',
      );
      process.exit(0);
    }
    if (v === undefined) fail(`missing value after ${a}`);
    if (a === '--seed') args.seed = Number(v);
    else if (a === '--count') args.count = Number(v);
    else if (a === '--dataset') args.dataset = resolve(v);
    else if (a === '--format' && (v === 'json' || v === 'table')) args.format = v;
    else if (a === '--exclude-source') args.excludeSources.push(...v.split(',').filter(Boolean));
    else fail(`unknown or invalid argument: ${a} ${v}`);
    i++;
  }
  if (!Number.isInteger(args.seed) || args.seed < 0) fail('--seed must be a non-negative integer');
  if (!Number.isInteger(args.count) || args.count < 1) fail('--count must be a positive integer');
  return args;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function readTable(file: string): { line: number; cells: Record<string, string> }[] {
  const [head, ...rows] = splitCsv(readFileSync(file, 'utf8'));
  const header = head?.cells ?? [];
  return rows
    .map((r) => ({
      line: r.line,
      cells: Object.fromEntries(header.map((h, j) => [h, r.cells[j] ?? ''])),
    }))
    .filter((r) => Object.values(r.cells).some((v) => v !== ''));
}

const args = parseArgs(process.argv.slice(2));
const shares = readTable(join(args.dataset, 'shares.csv'));
const sources = new Map(
  readTable(join(args.dataset, 'sources.csv')).map((r) => [r.cells.id, r.cells]),
);
const quantified = shares.filter(
  (r) => (r.cells.share ?? '').trim() !== '' && !args.excludeSources.includes(r.cells.source ?? ''),
);
const k = Math.min(args.count, quantified.length);
const random = mulberry32(args.seed);
const pool = quantified.slice();
for (let i = 0; i < k; i++) {
  const j = i + Math.floor(random() * (pool.length - i));
  [pool[i], pool[j]] = [pool[j]!, pool[i]!];
}
const picked = pool.slice(0, k).map((r, n) => {
  const src = sources.get(r.cells.source ?? '');
  return {
    n: n + 1,
    line: r.line,
    item: r.cells.item,
    provider: r.cells.provider,
    share: r.cells.share,
    basis: r.cells.basis,
    year: r.cells.year,
    source: r.cells.source,
    confidence: r.cells.confidence,
    sourceTitle: src?.title ?? '(source id not in sources.csv)',
    sourceUrl: src?.url ?? '',
  };
});

if (args.format === 'json') {
  process.stdout.write(
    `${JSON.stringify({ seed: args.seed, count: k, excludeSources: args.excludeSources, quantifiedRows: quantified.length, rows: picked }, null, 2)}\n`,
  );
} else {
  process.stdout.write(
    `seed ${args.seed}: ${k} of ${quantified.length} quantified rows of ${relative(process.cwd(), join(args.dataset, 'shares.csv')) || 'shares.csv'}` +
      (args.excludeSources.length ? ` (excluding sources ${args.excludeSources.join(', ')})` : '') +
      '\n\n',
  );
  process.stdout.write('#  | line | item | provider | share | basis | year | source | conf\n');
  for (const p of picked) {
    process.stdout.write(
      `${p.n} | ${p.line} | ${p.item} | ${p.provider} | ${p.share} | ${p.basis} | ${p.year} | ${p.source} | ${p.confidence}\n`,
    );
  }
}
