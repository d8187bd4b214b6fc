/**
 * `GET /api/datasets/current`: what the dashboard's header, perspective picker and Data page
 * need: the dataset's metadata, counts, per-area coverage, countries and blocs, the
 * validation report (the dataset loaded, so it has no errors; warnings are listed) and the
 * sources.
 */
import type { CompiledDataset } from '../core/compile.js';
import { areaName } from '../core/dataset.js';
import type { AreaCoverage, DatasetSummary } from './api-types.js';
import type { CheckedDataset } from '../io/read-dataset.js';

export function datasetSummary(checked: CheckedDataset, c: CompiledDataset): DatasetSummary {
  const ds = checked.dataset;
  const withReq = new Set(ds.requirements.map((r) => r.item));
  const shareRows = new Map<string, number>();
  for (const s of ds.shares) shareRows.set(s.item, (shareRows.get(s.item) ?? 0) + 1);
  const areas: AreaCoverage[] = c.areaIds.map((id) => ({
    id,
    name: areaName(id),
    items: 0,
    quantifiedItems: 0,
    sizedItems: 0,
    withRequirements: 0,
    shareRows: 0,
  }));
  ds.items.forEach((it, i) => {
    const a = areas[c.itemArea[i]!]!;
    a.items++;
    if (c.quantified[i]) a.quantifiedItems++;
    if (c.hasMarketSize[i]) a.sizedItems++;
    if (withReq.has(it.id)) a.withRequirements++;
    a.shareRows += shareRows.get(it.id) ?? 0;
  });
  const m = ds.meta;
  return {
    name: m.name ?? null,
    version: m.version ?? null,
    description: m.description ?? null,
    license: m.license ?? null,
    homepage: m.homepage || null,
    format: checked.format,
    counts: {
      items: ds.items.length,
      requirements: ds.requirements.length,
      shares: ds.shares.length,
      organizations: ds.organizations.length,
      countries: ds.countries.length,
      demand: ds.demand.length,
      blocs: ds.blocs.length,
      sources: ds.sources.length,
    },
    areas,
    countries: ds.countries
      .map((k) => ({ code: k.code, name: k.name }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    blocs: ds.blocs.map((b) => ({ id: b.id, members: b.members })),
    validation: {
      errors: checked.issues.filter((i) => i.severity === 'error').length,
      warnings: checked.issues.filter((i) => i.severity === 'warning').length,
      issues: checked.issues,
    },
    sources: ds.sources,
  };
}
