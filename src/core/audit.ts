/**
 * The data audit: how well a dataset supports the model, per area and per item. Coverage of
 * shares, market sizes, requirements and demand; share sums; sources per row; data age;
 * confidence mix; suppliers with unknown shares; items with no path to an end product; and a
 * score per area. Pure: the current year is passed in.
 */
import type { CompiledDataset } from './compile.js';
import type { ModelShares } from './metrics.js';
import { modelShareOrigins } from './metrics.js';

export interface AuditItem {
  item: string;
  area: string;
  kind: string;
  /** Has at least one quantified country (or organization) share. */
  quantified: boolean;
  /** Sum of the quantified country shares before normalization (0..1+). */
  shareSum: number;
  shareRows: number;
  /** Share rows with a source id. */
  sourcedRows: number;
  unquantifiedSuppliers: number;
  hasMarketSize: boolean;
  requirements: number;
  requiredBy: number;
  hasExplicitDemand: boolean;
  /** Newest and oldest share year, null without years. */
  newestYear: number | null;
  oldestYear: number | null;
  confidence: Record<string, number>;
  /** Some chain of "required by" links reaches an end product (an item nothing requires). */
  reachesEndProduct: boolean;
  /**
   * Where the country shares the model runs on come from (metrics.ts `modelShares`): own
   * country rows, organizations, the category, the variants, or none (made where it is used:
   * the model sees no dependence on other countries for this item).
   */
  modelShares: ModelShares['origin'];
}

export interface AuditArea {
  area: string;
  items: number;
  quantified: number;
  withMarketSize: number;
  withRequirements: number;
  withDemand: number;
  crossAreaRequirements: number;
  shareRows: number;
  sourcedShareRows: number;
  unquantifiedSuppliers: number;
  medianDataAge: number | null;
  confidence: Record<string, number>;
  orphans: number;
  /** Items the model treats as made where they are used (no shares of their own or inherited). */
  madeWhereUsed: number;
  /**
   * 0..100: the mean of five coverage ratios (quantified shares, market sizes, requirements or
   * being required, sourced share rows, data no older than five years).
   */
  score: number;
}

export interface AuditReport {
  currentYear: number;
  items: AuditItem[];
  areas: AuditArea[];
  totals: {
    items: number;
    shareRows: number;
    requirements: number;
    crossAreaRequirements: number;
    sources: number;
  };
}

export function auditDataset(c: CompiledDataset, currentYear: number): AuditReport {
  const ds = c.dataset;
  const n = c.nItems;
  const reqCount = new Int32Array(n);
  const reqByCount = new Int32Array(n);
  const consumers: number[][] = Array.from({ length: n }, () => []);
  let crossTotal = 0;
  const crossByArea = new Map<string, number>();
  for (const r of ds.requirements) {
    const i = c.itemIndex.get(r.item)!;
    const j = c.itemIndex.get(r.requires)!;
    reqCount[i]!++;
    reqByCount[j]!++;
    consumers[j]!.push(i);
    const ai = ds.items[i]!.area;
    if (ai !== ds.items[j]!.area) {
      crossTotal++;
      crossByArea.set(ai, (crossByArea.get(ai) ?? 0) + 1);
    }
  }
  // Items from which some chain of consumers reaches an end product (nothing requires it).
  const reaches = new Uint8Array(n);
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    if (reqByCount[i] === 0 && c.variantParent[i]! < 0) {
      reaches[i] = 1;
      stack.push(i);
    }
  }
  // Walk upstream from end products; variants reach what their category reaches.
  const inputs: number[][] = Array.from({ length: n }, () => []);
  consumers.forEach((cs, j) => cs.forEach((i) => inputs[i]!.push(j)));
  const visit = (j: number) => {
    if (!reaches[j]) {
      reaches[j] = 1;
      stack.push(j);
    }
  };
  while (stack.length) {
    const i = stack.pop()!;
    for (const j of inputs[i]!) visit(j);
    for (let q = c.variantOffsets[i]!; q < c.variantOffsets[i + 1]!; q++) visit(c.variantChild[q]!);
    const parent = c.variantParent[i]!;
    if (parent >= 0) visit(parent);
  }
  const rowsByItem = new Map<string, typeof ds.shares>();
  for (const s of ds.shares) {
    const list = rowsByItem.get(s.item) ?? [];
    list.push(s);
    rowsByItem.set(s.item, list);
  }
  const origins = modelShareOrigins(c);
  const items: AuditItem[] = ds.items.map((it, i) => {
    const rows = rowsByItem.get(it.id) ?? [];
    const years = rows.flatMap((r) => (r.year !== undefined ? [r.year] : []));
    const confidence: Record<string, number> = {};
    for (const r of rows) {
      const k = r.confidence ?? 'unstated';
      confidence[k] = (confidence[k] ?? 0) + 1;
    }
    return {
      item: it.id,
      area: it.area,
      kind: it.kind,
      quantified: c.quantified[i] === 1,
      shareSum: c.rawShareSum[i]!,
      shareRows: rows.length,
      sourcedRows: rows.filter((r) => r.source !== undefined).length,
      unquantifiedSuppliers: rows.filter((r) => r.share === null).length,
      hasMarketSize: c.hasMarketSize[i] === 1,
      requirements: reqCount[i]!,
      requiredBy: reqByCount[i]!,
      hasExplicitDemand: c.hasExplicitDemand[i] === 1,
      newestYear: years.length ? Math.max(...years) : null,
      oldestYear: years.length ? Math.min(...years) : null,
      confidence,
      reachesEndProduct: reaches[i] === 1,
      modelShares: origins[i]!,
    };
  });
  const areas: AuditArea[] = c.areaIds.map((area) => {
    const list = items.filter((x) => x.area === area);
    const ages = list
      .flatMap((x) => (x.newestYear !== null ? [currentYear - x.newestYear] : []))
      .sort((a, b) => a - b);
    const confidence: Record<string, number> = {};
    for (const x of list)
      for (const [k, v] of Object.entries(x.confidence)) confidence[k] = (confidence[k] ?? 0) + v;
    const count = (f: (x: AuditItem) => boolean) => list.filter(f).length;
    const shareRows = list.reduce((s, x) => s + x.shareRows, 0);
    const sourced = list.reduce((s, x) => s + x.sourcedRows, 0);
    const ratio = (k: number, d: number) => (d > 0 ? k / d : 0);
    const recent = count((x) => x.newestYear !== null && currentYear - x.newestYear <= 5);
    const score =
      (100 *
        (ratio(
          count((x) => x.quantified),
          list.length,
        ) +
          ratio(
            count((x) => x.hasMarketSize),
            list.length,
          ) +
          ratio(
            count((x) => x.requirements + x.requiredBy > 0),
            list.length,
          ) +
          ratio(sourced, shareRows) +
          ratio(recent, list.length))) /
      5;
    return {
      area,
      items: list.length,
      quantified: count((x) => x.quantified),
      withMarketSize: count((x) => x.hasMarketSize),
      withRequirements: count((x) => x.requirements > 0),
      withDemand: count((x) => x.hasExplicitDemand),
      crossAreaRequirements: crossByArea.get(area) ?? 0,
      shareRows,
      sourcedShareRows: sourced,
      unquantifiedSuppliers: list.reduce((s, x) => s + x.unquantifiedSuppliers, 0),
      medianDataAge: ages.length ? ages[Math.floor((ages.length - 1) / 2)]! : null,
      confidence,
      orphans: count((x) => !x.reachesEndProduct),
      madeWhereUsed: count((x) => x.modelShares === 'none'),
      score: Math.round(score * 10) / 10,
    };
  });
  return {
    currentYear,
    items,
    areas,
    totals: {
      items: n,
      shareRows: ds.shares.length,
      requirements: ds.requirements.length,
      crossAreaRequirements: crossTotal,
      sources: ds.sources.length,
    },
  };
}
