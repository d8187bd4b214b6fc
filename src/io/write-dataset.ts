/**
 * Write a dataset as a CSV folder or as its JSON form (DATA.md).
 *
 * Writes never leave a half-written dataset: files go to a temporary sibling folder that is
 * renamed into place at the end, and an existing non-empty target is replaced only with
 * `force`, after the new content is complete.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import type { Dataset } from '../core/dataset.js';
import { formatNumber, toCsv } from './csv.js';
import type { TableKey } from './schema.js';
import { FILES, META_FILE } from './schema.js';

export interface WriteOptions {
  /** Replace an existing non-empty folder or file. Default false. */
  force?: boolean;
}

export class OutputExistsError extends Error {
  override readonly name = 'OutputExistsError';
  constructor(readonly path: string) {
    super(
      `${path} already exists and is not empty; choose another path or pass --force to replace it`,
    );
  }
}

const pct = (x: number | null) => (x === null ? null : Number(formatNumber(x * 100)));

/** Rows of each table as CSV column values (percentages 0..100). */
export function datasetRows(
  ds: Dataset,
): Record<TableKey, (string | number | null | undefined)[][]> {
  return {
    items: ds.items.map((i) => [
      i.id,
      i.name,
      i.nameZh,
      i.area,
      i.kind,
      i.stage,
      i.variantOf,
      i.marketSizeUsd,
      i.marketYear,
      i.description,
      i.source,
    ]),
    requirements: ds.requirements.map((r) => [
      r.item,
      r.requires,
      r.criticality === 1 ? undefined : r.criticality,
      r.group,
      r.group === undefined && r.efficiency === 1 ? undefined : r.efficiency,
      r.note,
      r.source,
    ]),
    shares: ds.shares.map((s) => [
      s.item,
      s.provider,
      pct(s.share),
      s.basis,
      s.year,
      s.source,
      s.confidence,
    ]),
    organizations: ds.organizations.map((o) => [o.id, o.name, o.country, o.aliases.join(';')]),
    countries: ds.countries.map((c) => [c.code, c.name, c.nameZh, c.gdpUsd, c.gdpYear]),
    demand: ds.demand.map((d) => [d.item, d.country, pct(d.share), d.year, d.source]),
    blocs: ds.blocs.flatMap((b) => b.members.map((m) => [b.id, m])),
    sources: ds.sources.map((s) => [
      s.id,
      s.title,
      s.publisher,
      s.url,
      s.year,
      s.accessed,
      s.license,
    ]),
  };
}

/** The JSON form: one object with an array per file, keyed by the CSV column names. */
export function datasetToJson(ds: Dataset): Record<string, unknown> {
  const rows = datasetRows(ds);
  const out: Record<string, unknown> = { dataset: ds.meta };
  for (const spec of FILES) {
    out[spec.key] = rows[spec.key].map((r) => {
      const o: Record<string, unknown> = {};
      spec.columns.forEach((col, q) => {
        const v = r[q];
        if (v !== undefined && v !== null && v !== '') o[col] = v;
      });
      return o;
    });
  }
  return out;
}

function isNonEmpty(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    return readdirSync(path).length > 0;
  } catch {
    return true; // a file
  }
}

/** Replace `target` with `tmp` (already complete): the old content is removed only after. */
function swapIn(tmp: string, target: string): void {
  if (existsSync(target)) {
    const old = `${target}.old-${process.pid}-${Date.now()}`;
    renameSync(target, old);
    renameSync(tmp, target);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmp, target);
  }
}

export function writeDatasetFolder(dir: string, ds: Dataset, options: WriteOptions = {}): void {
  if (isNonEmpty(dir) && !options.force) throw new OutputExistsError(dir);
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(tmp);
  try {
    const rows = datasetRows(ds);
    for (const spec of FILES) {
      if (!spec.required && rows[spec.key].length === 0) continue;
      writeFileSync(join(tmp, spec.file), toCsv(spec.columns, rows[spec.key]));
    }
    const meta = Object.fromEntries(Object.entries(ds.meta).filter(([, v]) => v !== undefined));
    if (Object.keys(meta).length) writeFileSync(join(tmp, META_FILE), toYaml(meta));
    swapIn(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

export function writeDatasetJson(file: string, ds: Dataset, options: WriteOptions = {}): void {
  writeFileAtomic(file, JSON.stringify(datasetToJson(ds), null, 2) + '\n', options);
}

/** Write a file through a temporary sibling and a rename. */
export function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  options: WriteOptions = {},
): void {
  if (existsSync(file) && !options.force) throw new OutputExistsError(file);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}-${Date.now()}`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
