/**
 * Read the five ETO Chip Explorer CSV files (georgetown-cset/eto-chip-explorer, `data/`):
 * inputs, providers, provision, sequence and stages.
 *
 * Each file is parsed with csv-parse (RFC 4180, BOM accepted) and checked for the columns the
 * importer uses; anything missing throws a ValidationError naming the file and the column,
 * since a half-read ETO snapshot would silently produce a wrong dataset. Extra columns are
 * ignored: ETO adds columns between snapshots and the importer should not break on them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../issues.js';

/** One data record: the column values by header name, plus its 1-based record number. */
export type EtoRow<C extends string> = Record<C, string> & { readonly row: number };

const INPUT_COLUMNS = [
  'input_id',
  'input_name',
  'type',
  'stage_name',
  'stage_id',
  'description',
  'year',
  'market_share_chart_global_market_size_info',
] as const;
const PROVIDER_COLUMNS = [
  'provider_name',
  'alias',
  'provider_id',
  'provider_type',
  'country',
] as const;
const PROVISION_COLUMNS = [
  'provider_name',
  'provider_id',
  'provided_name',
  'provided_id',
  'share_provided',
  'year',
  'source',
] as const;
const SEQUENCE_COLUMNS = ['input_id', 'goes_into_id', 'is_type_of_id'] as const;
const STAGE_COLUMNS = [
  'stage_id',
  'stage_name',
  'description',
  'market_share_chart_global_market_size_info',
] as const;
/** Read when present (captions and chart sources inform basis and source), '' otherwise. */
const CHART_COLUMNS = ['market_share_chart_caption', 'market_share_chart_source'] as const;

export type EtoInputRow = EtoRow<(typeof INPUT_COLUMNS)[number] | (typeof CHART_COLUMNS)[number]>;
export type EtoProviderRow = EtoRow<(typeof PROVIDER_COLUMNS)[number]>;
export type EtoProvisionRow = EtoRow<(typeof PROVISION_COLUMNS)[number]>;
export type EtoSequenceRow = EtoRow<(typeof SEQUENCE_COLUMNS)[number]>;
export type EtoStageRow = EtoRow<(typeof STAGE_COLUMNS)[number] | (typeof CHART_COLUMNS)[number]>;

export interface EtoTables {
  inputs: EtoInputRow[];
  providers: EtoProviderRow[];
  provision: EtoProvisionRow[];
  sequence: EtoSequenceRow[];
  stages: EtoStageRow[];
}

/**
 * The importer's refusal of its input: a ValidationError naming the ETO file (the CLI prints
 * it as an input error, not as a bug). Rows are ETO records ("provision.csv row 17", header
 * excluded), as in the importer's notes, so the message names the row and `line` stays unset.
 */
export function etoError(
  file: string,
  code: string,
  message: string,
  hint?: string,
): ValidationError {
  return new ValidationError([
    { severity: 'error', file, code, message: `ETO import: ${message}`, hint },
  ]);
}

/** Read and check every ETO file in `dir`; throws naming the file and what is missing. */
export function readEtoTables(dir: string): EtoTables {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw etoError(
      dir,
      'missing-file',
      'the folder does not exist',
      'give the eto-chip-explorer data folder, with inputs.csv, providers.csv, provision.csv, sequence.csv and stages.csv',
    );
  }
  return {
    inputs: readEtoFile(dir, 'inputs.csv', INPUT_COLUMNS, CHART_COLUMNS),
    providers: readEtoFile(dir, 'providers.csv', PROVIDER_COLUMNS, []),
    provision: readEtoFile(dir, 'provision.csv', PROVISION_COLUMNS, []),
    sequence: readEtoFile(dir, 'sequence.csv', SEQUENCE_COLUMNS, []),
    stages: readEtoFile(dir, 'stages.csv', STAGE_COLUMNS, CHART_COLUMNS),
  };
}

/**
 * Parse one file into rows keyed by the required and optional columns. Values are trimmed:
 * ETO cells carry stray spaces ("Various countries ") that would otherwise break joins.
 */
export function readEtoFile<R extends string, O extends string>(
  dir: string,
  file: string,
  required: readonly R[],
  optional: readonly O[],
): EtoRow<R | O>[] {
  const path = join(dir, file);
  if (!existsSync(path)) {
    throw etoError(file, 'missing-file', `${file} is missing from ${dir}`);
  }
  if (!statSync(path).isFile()) {
    throw etoError(file, 'not-a-file', `${path} is a folder, not a file`);
  }
  let records: string[][];
  try {
    records = parse(readFileSync(path, 'utf8'), {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as string[][];
  } catch (err) {
    throw etoError(
      file,
      'csv-syntax',
      `${file} is not valid CSV: ${(err as Error).message}`,
      'a field with a comma, quote or line break must be in double quotes, with quotes inside it doubled ("")',
    );
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  if (header.length === 0) throw etoError(file, 'empty-file', `${file} is empty (no header row)`);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    throw etoError(
      file,
      'missing-column',
      `${file} is missing column${missing.length > 1 ? 's' : ''} ${missing
        .map((c) => `"${c}"`)
        .join(', ')} (found: ${header.join(', ').slice(0, 300)})`,
    );
  }
  const columns = [...required, ...optional];
  const at = new Map(columns.map((c) => [c, header.indexOf(c)]));
  // Records, not lines: quoted descriptions span lines, so notes say "provision.csv row 17"
  // (the 17th data record, header excluded).
  return records.slice(1).map((cells, n) => {
    const row: Record<string, string | number> = { row: n + 1 };
    for (const c of columns) {
      const k = at.get(c) ?? -1;
      row[c] = k >= 0 ? (cells[k] ?? '').trim() : '';
    }
    return row as EtoRow<R | O>;
  });
}
