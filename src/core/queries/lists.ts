/**
 * The JSON answers shared by the CLI and the HTTP API (docs/cli.md names their fields): one
 * function per question, so both front ends give identical results for the same question.
 */
import type { CompiledDataset } from '../compile.js';
import type { ConcentrationRow, ExposureRow, OrgConcentrationRow } from '../metrics.js';
import { itemConcentration, itemExposure, itemOrgConcentration } from '../metrics.js';
import { UnknownNameError, resolveArea, resolvePerspective } from '../perspective.js';
import { closestNames } from '../suggest.js';

export interface ItemRow {
  id: string;
  name: string;
  area: string;
  kind: string;
  stage: string | null;
  variantOf: string | null;
  marketSizeUsd: number | null;
}

function itemIndices(c: CompiledDataset, area: string | undefined): number[] {
  if (area !== undefined) resolveArea(c, area);
  return [...c.itemIds.keys()].filter(
    (i) => area === undefined || c.dataset.items[i]!.area === area,
  );
}

/** `items [--area A]`. */
export function itemsQuery(
  c: CompiledDataset,
  opts: { area?: string | undefined } = {},
): ItemRow[] {
  return itemIndices(c, opts.area).map((i) => {
    const it = c.dataset.items[i]!;
    return {
      id: it.id,
      name: it.name,
      area: it.area,
      kind: it.kind,
      stage: it.stage ?? null,
      variantOf: it.variantOf ?? null,
      marketSizeUsd: it.marketSizeUsd ?? null,
    };
  });
}

const byHhi = <T extends { hhi: number | null; item: string }>(a: T, b: T) =>
  (b.hhi ?? -1) - (a.hhi ?? -1) || a.item.localeCompare(b.item);

/** `concentration [--area A]`: most concentrated first, unquantified items last. */
export function concentrationQuery(
  c: CompiledDataset,
  opts: { area?: string | undefined } = {},
): ConcentrationRow[] {
  return itemIndices(c, opts.area)
    .map((i) => itemConcentration(c, i))
    .sort(byHhi);
}

/** `concentration --by org`. */
export function orgConcentrationQuery(
  c: CompiledDataset,
  opts: { area?: string | undefined } = {},
): OrgConcentrationRow[] {
  return itemIndices(c, opts.area)
    .map((i) => itemOrgConcentration(c, i))
    .sort(byHhi);
}

/** Bloc indices from names (each may be comma-separated); default every bloc. */
export function resolveBlocs(c: CompiledDataset, names: readonly string[] | undefined): number[] {
  const list = (names ?? c.blocIds).flatMap((b) => b.split(',')).filter(Boolean);
  return list.map((b) => {
    const idx =
      c.blocIndex.get(b) ?? c.blocIds.findIndex((x) => x.toLowerCase() === b.toLowerCase());
    if (idx === undefined || idx < 0)
      throw new UnknownNameError('bloc', b, closestNames(b, c.blocIds));
    return idx;
  });
}

export type ExposureAnswer = Omit<ExposureRow, 'quantified'>;

/** `exposure --country M [--bloc B...] [--area A]`: largest foreign share first. */
export function exposureQuery(
  c: CompiledDataset,
  opts: { country: string; blocs?: readonly string[] | undefined; area?: string | undefined },
): { rows: ExposureRow[]; answer: ExposureAnswer[]; blocs: number[] } {
  const p = resolvePerspective(c, opts.country);
  const blocs = resolveBlocs(c, opts.blocs);
  const rows = itemIndices(c, opts.area)
    .map((i) => itemExposure(c, i, p, blocs))
    .sort((a, b) => b.foreign - a.foreign || a.item.localeCompare(b.item));
  return { rows, answer: rows.map(({ quantified: _q, ...r }) => r), blocs };
}
