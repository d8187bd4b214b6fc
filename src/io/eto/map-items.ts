/**
 * ETO inputs (inputs.csv) and stages (stages.csv) as dataset items.
 *
 * Every input (N*) and every stage (S1-S3) becomes an item: provision.csv gives shares for
 * stage ids too, so stages must be items to carry them. Ids are lowercase slugs of the names
 * ("EUV lithography tools" -> `euv-lithography-tools`), stages first, clashes suffixed with
 * the ETO id; the ETO id opens the description ("ETO N20. ..."). Area is `ic`.
 *
 * Kinds from ETO's `type`: process -> process, tool_resource -> tool, material_resource ->
 * material, design_resource -> design, ultimate_output -> product; stages are processes.
 * Two ETO types are corrected by name, with a note: software tools (EDA software) -> software,
 * and intellectual property (ETO files Core IP as a material) -> design.
 *
 * Market size and year come from `market_share_chart_global_market_size_info`; where the text
 * has no year the input's `year` column is used (noted as a guess), and where the text does
 * not parse the size is left blank (noted).
 */
import type { Item, ItemKind } from '../../core/dataset.js';
import { slugify } from '../validate-dataset.js';
import type { EtoNoteLog } from './eto-notes.js';
import { parseMarketSize, parseYear, uniqueSlug } from './eto-text.js';
import type { EtoInputRow, EtoStageRow } from './read-eto-csv.js';
import { etoError } from './read-eto-csv.js';

/** The dataset source every item and requirement cites. */
export const ETO_SOURCE_ID = 'eto-chip-explorer';

const KINDS: Record<string, ItemKind> = {
  process: 'process',
  tool_resource: 'tool',
  material_resource: 'material',
  design_resource: 'design',
  ultimate_output: 'product',
};

export interface ItemMapping {
  items: Item[];
  /** Dataset item id by ETO id (N* and S*). */
  byEtoId: Map<string, string>;
  /** ETO id by dataset item id. */
  etoIdOf: Map<string, string>;
  /** Stage slug by ETO stage id (S1 -> `design`). */
  stageSlug: Map<string, string>;
}

export function mapItems(
  inputs: readonly EtoInputRow[],
  stages: readonly EtoStageRow[],
  notes: EtoNoteLog,
): ItemMapping {
  const taken = new Set<string>();
  const items: Item[] = [];
  const byEtoId = new Map<string, string>();
  const etoIdOf = new Map<string, string>();
  const stageSlug = new Map<string, string>();
  const add = (etoId: string, item: Item, file: string, row: number): void => {
    if (byEtoId.has(etoId)) {
      throw etoError(file, 'duplicate-id', `${file} row ${row}: id ${etoId} is defined twice`);
    }
    byEtoId.set(etoId, item.id);
    etoIdOf.set(item.id, etoId);
    items.push(item);
  };

  for (const s of stages) {
    if (!s.stage_id || !s.stage_name) {
      throw etoError(
        'stages.csv',
        'missing-value',
        `stages.csv row ${s.row} has no stage_id or stage_name`,
      );
    }
    const id = uniqueSlug(s.stage_name, taken, s.stage_id);
    stageSlug.set(s.stage_id, id);
    const item: Item = {
      id,
      name: s.stage_name,
      area: 'ic',
      kind: 'process',
      stage: id,
      description: describe(`ETO ${s.stage_id} (stage)`, s.description),
      source: ETO_SOURCE_ID,
    };
    setMarketSize(item, s.market_share_chart_global_market_size_info, undefined, notes);
    add(s.stage_id, item, 'stages.csv', s.row);
  }

  for (const r of inputs) {
    if (!r.input_id || !r.input_name) {
      throw etoError(
        'inputs.csv',
        'missing-value',
        `inputs.csv row ${r.row} has no input_id or input_name`,
      );
    }
    const id = uniqueSlug(r.input_name, taken, r.input_id);
    const item: Item = {
      id,
      name: r.input_name,
      area: 'ic',
      kind: kindOf(r, id, notes),
      description: describe(`ETO ${r.input_id}`, r.description),
      source: ETO_SOURCE_ID,
    };
    if (id !== slugify(r.input_name)) {
      notes.add('normalized', `id ${id}: the name's slug was already taken`, id);
    }
    if (r.stage_id) {
      let stage = stageSlug.get(r.stage_id);
      if (!stage) {
        stage = uniqueSlug(r.stage_name || r.stage_id, new Set(), r.stage_id);
        notes.add('guessed', `stage_id ${r.stage_id} is not in stages.csv; stage "${stage}"`, id);
      }
      item.stage = stage;
    }
    setMarketSize(item, r.market_share_chart_global_market_size_info, r.year, notes);
    add(r.input_id, item, 'inputs.csv', r.row);
  }
  return { items, byEtoId, etoIdOf, stageSlug };
}

function describe(prefix: string, text: string): string {
  return text ? `${prefix}. ${text}` : `${prefix}.`;
}

function kindOf(r: EtoInputRow, id: string, notes: EtoNoteLog): ItemKind {
  // Own keys only: a type "toString" must not find Object.prototype.toString.
  const kind = Object.hasOwn(KINDS, r.type) ? KINDS[r.type] : undefined;
  if (kind === 'tool' && /\bsoftware\b/i.test(r.input_name)) {
    notes.add('guessed', `ETO type ${r.type}, kind "software" (a software tool)`, id);
    return 'software';
  }
  if (kind === 'material' && /intellectual property|\bIP\b/.test(r.input_name)) {
    notes.add('guessed', `ETO type ${r.type}, kind "design" (IP is licensed design)`, id);
    return 'design';
  }
  if (kind) return kind;
  notes.add('guessed', `ETO type "${r.type}" is not known; kind "component"`, id);
  return 'component';
}

function setMarketSize(
  item: Item,
  text: string,
  yearColumn: string | undefined,
  notes: EtoNoteLog,
): void {
  if (!text) return;
  const size = parseMarketSize(text);
  if (!size) {
    notes.add('dropped', `market size "${text}" does not parse; left blank`, item.id);
    return;
  }
  item.marketSizeUsd = size.usd;
  const fallback = yearColumn === undefined ? undefined : parseYear(yearColumn);
  if (size.year !== undefined) item.marketYear = size.year;
  else if (fallback !== undefined) {
    item.marketYear = fallback;
    notes.add(
      'guessed',
      `market size "${text}" states no year; using the input's year, ${fallback}`,
      item.id,
    );
  } else {
    notes.add('info', `market size "${text}" states no year; market year left blank`, item.id);
  }
  if (size.qualifiers.length) {
    notes.add(
      'info',
      `market size "${text}" covers ${size.qualifiers.join(', ')}, not exactly this item`,
      item.id,
    );
  }
}
