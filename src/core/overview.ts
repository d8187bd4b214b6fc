/**
 * The overview a perspective sees first: per area, its value-weighted share (MODEL.md §2) and
 * the most concentrated items it does not control, with the sources behind their shares.
 */
import type { CompiledDataset } from './compile.js';
import type { ConcentrationRow, GroupShare } from './metrics.js';
import { areaShares, controlledBy, itemConcentration, stageShares } from './metrics.js';
import type { Perspective } from './perspective.js';

export interface OverviewOptions {
  /** Items listed per area. Default 5. */
  top?: number;
  /** A perspective "controls" an item when it holds at least this share. Default 0.5. */
  controlThreshold?: number;
}

export interface OverviewItem extends ConcentrationRow {
  /** The perspective's share of world supply (quantified rows only). */
  domestic: number;
  /** The perspective is named as a supplier whose share is unknown. */
  domesticUnknown: boolean;
  /** Source ids cited by the item's share rows. */
  sources: string[];
}

export interface OverviewArea extends GroupShare {
  /** Quantified items the perspective does not control, most concentrated first. */
  chokepoints: OverviewItem[];
  /** How many such items exist in the area (the list shows the top ones). */
  uncontrolledConcentrated: number;
}

export interface Overview {
  perspective: string;
  members: string[];
  areas: OverviewArea[];
  /** Value-weighted shares per stage (MODEL.md §2), where items have stages. */
  stages: GroupShare[];
}

/** An item is "concentrated" at or above this HHI (the US DoJ's "highly concentrated"). */
export const HIGH_HHI = 2500;

export function overview(
  c: CompiledDataset,
  perspective: Perspective,
  options: OverviewOptions = {},
): Overview {
  const top = options.top ?? 5;
  const threshold = options.controlThreshold ?? 0.5;
  const sourcesByItem = new Map<string, Set<string>>();
  for (const s of c.dataset.shares) {
    if (!s.source) continue;
    let set = sourcesByItem.get(s.item);
    if (!set) sourcesByItem.set(s.item, (set = new Set()));
    set.add(s.source);
  }
  const perArea: OverviewItem[][] = c.areaIds.map(() => []);
  for (let i = 0; i < c.nItems; i++) {
    if (!c.quantified[i]) continue;
    const domestic = controlledBy(c, i, perspective.members);
    if (domestic >= threshold) continue;
    const row = itemConcentration(c, i);
    const members = new Set([...perspective.members].map((k) => c.countryCodes[k]!));
    perArea[c.itemArea[i]!]!.push({
      ...row,
      domestic,
      domesticUnknown: row.unquantified.some((k) => members.has(k)),
      sources: [...(sourcesByItem.get(row.item) ?? [])].sort(),
    });
  }
  const shares = areaShares(c, perspective);
  return {
    perspective: perspective.id,
    members: [...perspective.members].map((k) => c.countryCodes[k]!),
    stages: stageShares(c, perspective),
    areas: shares.map((g, a) => {
      const list = perArea[a]!.sort(
        (x, y) =>
          (y.hhi ?? 0) - (x.hhi ?? 0) || x.domestic - y.domestic || x.item.localeCompare(y.item),
      );
      return {
        ...g,
        chokepoints: list.slice(0, top),
        uncontrolledConcentrated: list.filter((r) => (r.hhi ?? 0) >= HIGH_HHI).length,
      };
    }),
  };
}
