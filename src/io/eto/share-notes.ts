/**
 * The per-item notes of the share mapping (map-shares.ts): what happened to each item's
 * provision rows, reported once per item rather than once per row, so the log stays
 * readable (one line for "0.0 shares dropped: AUT, GBR", not two).
 */
import type { EtoNoteAction, EtoNoteLog } from './eto-notes.js';
import { pct } from './eto-notes.js';
import type { ItemMapping } from './map-items.js';

/** What happened to one item's rows, reported once per item. */
export interface ItemLog {
  zeros: string[];
  variousCompanies: number[];
  variousCountries: number[];
  regions: string[];
  merged: string[];
  chartSource: boolean;
  noSource: boolean;
  basisUnknown: boolean;
}

export function emptyItemLog(): ItemLog {
  return {
    zeros: [],
    variousCompanies: [],
    variousCountries: [],
    regions: [],
    merged: [],
    chartSource: false,
    noSource: false,
    basisUnknown: false,
  };
}

export function reportItems(
  items: ItemMapping,
  logs: Map<string, ItemLog>,
  notes: EtoNoteLog,
): void {
  const missing: string[] = [];
  for (const it of items.items) {
    const log = logs.get(it.id);
    const etoId = items.etoIdOf.get(it.id) ?? '';
    if (!log) {
      missing.push(etoId);
      notes.add(
        'info',
        `ETO ${etoId} has no provision rows: kept as an item with no shares`,
        it.id,
      );
      continue;
    }
    const say = (action: EtoNoteAction, message: string) => notes.add(action, message, it.id);
    if (log.zeros.length) {
      say('dropped', `0.0 shares dropped (negligible providers): ${log.zeros.join(', ')}`);
    }
    for (const v of log.variousCompanies) {
      say('dropped', `"Various companies" ${pct(v)} dropped from organization shares (residual)`);
    }
    for (const v of log.variousCountries) {
      say('mapped', `"Various countries" ${pct(v)} -> ROW (explicit residual)`);
    }
    for (const r of log.regions) {
      say('normalized', `${r} counted as unattributed (ROW): a region, not an ISO country`);
    }
    for (const m of log.merged) say('normalized', `rows on one provider summed: ${m}`);
    if (log.chartSource) {
      say('guessed', 'provision rows have no source; cited the chart source of the input/stage');
    }
    if (log.noSource) say('info', 'provision rows have no source; cited the ETO dataset');
    if (log.basisUnknown) {
      say('info', 'basis unknown: the source does not say revenue, capacity or value added');
    }
  }
  if (missing.length) {
    notes.add('info', `${missing.length} ETO inputs have no provision rows: ${missing.join(', ')}`);
  }
}
