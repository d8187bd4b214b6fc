/**
 * What every command shares: where output goes, the chosen format, and the dataset
 * (loaded, validated and compiled once per run).
 */
import type { CompiledDataset } from '../core/compile.js';
import { compileDataset } from '../core/compile.js';
import type { CheckedDataset } from '../io/read-dataset.js';
import { loadDataset } from '../io/read-dataset.js';
import type { Format } from './output.js';
import { writeFileAtomic } from '../io/write-dataset.js';
import { rowsToXlsx } from '../io/xlsx.js';
import type { Lang, MessageKey, Params } from '../core/i18n/index.js';
import { isLang, t } from '../core/i18n/index.js';
import { UsageError, flatten, resolveFormat, rowsToCsv, stableJson } from './output.js';

export interface Streams {
  stdout: { write(s: string): unknown; isTTY?: boolean | undefined };
  stderr: { write(s: string): unknown; isTTY?: boolean | undefined };
}

/** The bundled dataset: `data/` at the package root (two levels above src/cli or dist/cli). */
export { BUNDLED_DATASET } from '../io/scenario-library.js';
import { BUNDLED_DATASET } from '../io/scenario-library.js';

export interface GlobalOptions {
  dataset?: string;
  format?: string;
  /** Also write the result rows to this Excel file. */
  xlsx?: string;
  /** The store: a SQLite file or a postgres:// URL (docs/store.md). */
  db?: string;
  /** Language of tables and briefs: en (default) or zh-CN. */
  lang?: string;
}

/** Writes started by `emit` (xlsx output); `run` waits for them before it returns. */
export const pendingWrites: Promise<unknown>[] = [];

export class Context {
  private loaded: { checked: CheckedDataset; compiled: CompiledDataset } | undefined;

  constructor(
    readonly io: Streams,
    readonly options: GlobalOptions,
  ) {}

  /** The language of table output (`--lang`, default English). */
  get lang(): Lang {
    const v = this.options.lang;
    if (v === undefined) return 'en';
    if (isLang(v)) return v;
    throw new UsageError(`unknown language "${v}"; use en or zh-CN`);
  }

  /** A message of the catalogs in the chosen language (src/core/i18n). */
  t(key: MessageKey, params?: Params): string {
    return t(this.lang, key, params);
  }

  get format(): Format {
    return resolveFormat(this.options.format, this.io.stdout.isTTY === true);
  }

  get datasetPath(): string {
    return this.options.dataset ?? BUNDLED_DATASET;
  }

  load(): { checked: CheckedDataset; compiled: CompiledDataset } {
    if (!this.loaded) {
      const checked = loadDataset(this.datasetPath);
      this.loaded = { checked, compiled: compileDataset(checked.dataset) };
    }
    return this.loaded;
  }

  get compiled(): CompiledDataset {
    return this.load().compiled;
  }

  out(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }

  err(text: string): void {
    this.io.stderr.write(text.endsWith('\n') ? text : text + '\n');
  }

  /** Print a result in the chosen format: JSON value, CSV rows, or a table rendering. */
  emit(jsonValue: unknown, csvRows: () => readonly object[], table: () => string): void {
    const xlsx = this.options.xlsx;
    if (xlsx) {
      const rows = JSON.parse(stableJson(csvRows())) as Record<string, unknown>[];
      pendingWrites.push(
        rowsToXlsx(
          'results',
          rows.map((r) => flatten(r)),
        ).then((buf) => {
          writeFileAtomic(xlsx, buf, { force: true });
          this.err(`chokepoint: wrote ${rows.length} rows to ${xlsx}`);
        }),
      );
    }
    const f = this.format;
    if (f === 'json') this.out(stableJson(jsonValue));
    else if (f === 'csv') this.out(rowsToCsv(csvRows()));
    else this.out(table());
  }
}
