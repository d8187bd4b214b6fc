/** `show ITEM` / `GET /api/items/:id`: one item with everything known about it. */
import type { CompiledDataset } from '../compile.js';
import type { Source } from '../dataset.js';
import type { ConcentrationRow, ModelShares, OrgConcentrationRow } from '../metrics.js';
import {
  itemConcentration,
  itemOrgConcentration,
  modelShares,
  organizationShares,
} from '../metrics.js';
import { resolveItem } from '../perspective.js';

export interface ItemDetail {
  item: string;
  name: string;
  area: string;
  kind: string;
  stage: string | null;
  variantOf: string | null;
  variants: string[];
  marketSizeUsd: number | null;
  marketYear: number | null;
  description: string | null;
  concentration: ConcentrationRow;
  organizationConcentration: OrgConcentrationRow;
  countryShares: {
    country: string;
    share: number | null;
    basis: string | null;
    year: number | null;
    source: string | null;
    confidence: string | null;
  }[];
  organizationShares: {
    organization: string;
    name: string;
    country: string;
    share: number | null;
    basis: string | null;
    year: number | null;
    source: string | null;
    confidence: string | null;
  }[];
  /** The country shares the model runs on and where they come from (metrics.ts). */
  modelShares: ModelShares;
  requires: {
    item: string;
    criticality: number;
    group: string | null;
    efficiency: number;
    note: string | null;
  }[];
  requiredBy: { item: string; criticality: number; group: string | null }[];
  sources: Source[];
}

export function itemDetailQuery(c: CompiledDataset, id: string): ItemDetail {
  const ds = c.dataset;
  const i = resolveItem(c, id);
  const it = ds.items[i]!;
  const shareRows = ds.shares.filter((s) => s.item === it.id);
  const orgById = new Map(ds.organizations.map((o) => [o.id, o]));
  const countryRows = shareRows.filter((s) => !orgById.has(s.provider));
  const { known, unknown } = organizationShares(c, i);
  const requires = ds.requirements.filter((r) => r.item === it.id);
  const requiredBy = ds.requirements.filter((r) => r.requires === it.id);
  const cited = new Set<string>();
  for (const s of [
    it.source,
    ...shareRows.map((s) => s.source),
    ...requires.map((r) => r.source),
  ]) {
    if (s) cited.add(s);
  }
  return {
    item: it.id,
    name: it.name,
    area: it.area,
    kind: it.kind,
    stage: it.stage ?? null,
    variantOf: it.variantOf ?? null,
    variants: ds.items.filter((x) => x.variantOf === it.id).map((x) => x.id),
    marketSizeUsd: it.marketSizeUsd ?? null,
    marketYear: it.marketYear ?? null,
    description: it.description ?? null,
    concentration: itemConcentration(c, i),
    organizationConcentration: itemOrgConcentration(c, i),
    countryShares: countryRows.map((s) => ({
      country: s.provider,
      share: s.share,
      basis: s.basis ?? null,
      year: s.year ?? null,
      source: s.source ?? null,
      confidence: s.confidence ?? null,
    })),
    organizationShares: [
      ...known.map((k) => ({ org: k.org, share: k.share as number | null })),
      ...unknown.map((o) => ({ org: o, share: null })),
    ].map(({ org, share }) => {
      const o = ds.organizations[org]!;
      const row = shareRows.find((s) => s.provider === o.id);
      return {
        organization: o.id,
        name: o.name,
        country: o.country,
        share,
        basis: row?.basis ?? null,
        year: row?.year ?? null,
        source: row?.source ?? null,
        confidence: row?.confidence ?? null,
      };
    }),
    modelShares: modelShares(c, i),
    requires: requires.map((r) => ({
      item: r.requires,
      criticality: r.criticality,
      group: r.group ?? null,
      efficiency: r.efficiency,
      note: r.note ?? null,
    })),
    requiredBy: requiredBy.map((r) => ({
      item: r.item,
      criticality: r.criticality,
      group: r.group ?? null,
    })),
    sources: ds.sources.filter((s) => cited.has(s.id)),
  };
}
