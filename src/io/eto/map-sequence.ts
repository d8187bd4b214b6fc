/**
 * ETO sequence (sequence.csv) as requirements and variants.
 *
 * - `goes_into`: "input X goes into Y" means Y requires X (criticality 1, note "ETO
 *   goes_into"). Between processes it is also the process order (deposition goes into
 *   photolithography), which the model reads the same way: a step needs the one before it.
 * - `is_type_of`: X is a type of Y -> X.variantOf = Y. A classification, never a requirement
 *   (MODEL.md §1): a requirement on Y is met through its variants.
 * - stage membership: an input with a `stage_id` (the processes) is required by that stage's
 *   item (note "ETO stage_id"), so the stage items, which carry ETO's stage-level shares,
 *   depend on their processes instead of floating free of the network.
 *
 * Cycles are then broken by breakCycles (break-cycles.ts).
 */
import type { Item, Requirement } from '../../core/dataset.js';
import type { EtoNoteLog } from './eto-notes.js';
import type { ItemMapping } from './map-items.js';
import { ETO_SOURCE_ID } from './map-items.js';
import type { EtoInputRow, EtoSequenceRow } from './read-eto-csv.js';

export const GOES_INTO_NOTE = 'ETO goes_into';
export const STAGE_NOTE = 'ETO stage_id (the stage requires its process)';

export function mapSequence(
  sequence: readonly EtoSequenceRow[],
  inputs: readonly EtoInputRow[],
  mapping: ItemMapping,
  notes: EtoNoteLog,
): Requirement[] {
  const { byEtoId, stageSlug } = mapping;
  const itemById = new Map<string, Item>(mapping.items.map((it) => [it.id, it]));
  const requirements: Requirement[] = [];
  const seen = new Set<string>();
  const require = (item: string, requires: string, note: string): void => {
    const key = `${item}\u0000${requires}`;
    if (seen.has(key)) return;
    seen.add(key);
    requirements.push({
      item,
      requires,
      criticality: 1,
      efficiency: 1,
      note,
      source: ETO_SOURCE_ID,
    });
  };
  const resolve = (etoId: string, column: string, row: number): string | undefined => {
    const id = byEtoId.get(etoId);
    if (!id) {
      notes.add(
        'dropped',
        `sequence.csv row ${row}: ${column} ${etoId} is not an ETO input or stage; row ignored`,
      );
    }
    return id;
  };

  for (const r of sequence) {
    const from = resolve(r.input_id, 'input_id', r.row);
    if (!from) continue;
    if (r.goes_into_id) {
      const into = resolve(r.goes_into_id, 'goes_into_id', r.row);
      if (into === from) {
        notes.add('dropped', `sequence.csv row ${r.row}: ${r.input_id} goes into itself`, from);
      } else if (into) require(into, from, GOES_INTO_NOTE);
    }
    if (r.is_type_of_id) {
      const parent = resolve(r.is_type_of_id, 'is_type_of_id', r.row);
      const item = itemById.get(from)!;
      if (!parent) continue;
      if (parent === from) {
        notes.add('dropped', `sequence.csv row ${r.row}: ${r.input_id} is a type of itself`, from);
      } else if (item.variantOf !== undefined && item.variantOf !== parent) {
        notes.add(
          'dropped',
          `also a type of ${parent} in sequence.csv row ${r.row}; kept the first, ${item.variantOf}`,
          from,
        );
      } else item.variantOf = parent;
    }
  }

  for (const r of inputs) {
    const stage = stageSlug.get(r.stage_id);
    const id = byEtoId.get(r.input_id);
    if (stage && id && stage !== id) require(stage, id, STAGE_NOTE);
  }
  return requirements;
}
