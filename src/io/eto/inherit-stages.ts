/**
 * Stages for the inputs ETO leaves without one (115 of 126 in the 2026-08 snapshot).
 *
 * ETO gives a `stage_id` only to processes. A tool or material belongs to the stage of what
 * it feeds: follow the network downstream (an item's consumers through `goes_into`, and its
 * category through `is_type_of`) breadth-first and take the stage of the nearest item that
 * has one (EUV lithography tools -> lithography tools -> photolithography -> fabrication).
 * When the nearest items disagree (electronic gases feed both fabrication and ATP materials)
 * the earliest stage in stages.csv order wins and the item gets a note; an item that reaches
 * no stage (the finished chip) keeps none.
 */
import type { Item, Requirement } from '../../core/dataset.js';
import type { EtoNoteLog } from './eto-notes.js';

export function inheritStages(
  items: readonly Item[],
  requirements: readonly Requirement[],
  stageOrder: readonly string[],
  notes: EtoNoteLog,
): void {
  const byId = new Map(items.map((it) => [it.id, it]));
  const consumers = new Map<string, string[]>();
  for (const r of requirements) {
    const list = consumers.get(r.requires);
    if (list) list.push(r.item);
    else consumers.set(r.requires, [r.item]);
  }
  const rank = (stage: string): number => {
    const k = stageOrder.indexOf(stage);
    return k < 0 ? stageOrder.length : k;
  };
  // Decide from the explicit stages only, then assign: an inherited stage never feeds
  // another item's inheritance, so the result does not depend on item order.
  const explicit = new Map(items.flatMap((it) => (it.stage ? [[it.id, it.stage] as const] : [])));
  let inherited = 0;
  for (const it of items) {
    if (it.stage) continue;
    const seen = new Set([it.id]);
    let frontier = [it.id];
    let found: string[] = [];
    while (frontier.length && !found.length) {
      const next: string[] = [];
      for (const id of frontier) {
        const parent = byId.get(id)?.variantOf;
        for (const n of [...(consumers.get(id) ?? []), ...(parent ? [parent] : [])]) {
          if (seen.has(n)) continue;
          seen.add(n);
          next.push(n);
          const stage = explicit.get(n);
          if (stage) found.push(stage);
        }
      }
      frontier = next;
    }
    found = [...new Set(found)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const stage = found[0];
    if (!stage) {
      notes.add('info', 'no stage: nothing downstream of it in the ETO sequence has one', it.id);
      continue;
    }
    it.stage = stage;
    inherited++;
    if (found.length > 1) {
      notes.add(
        'guessed',
        `stage ${stage} inherited from the ETO sequence; it also feeds ${found.slice(1).join(', ')}`,
        it.id,
      );
    }
  }
  notes.add(
    'mapped',
    `${inherited} items without an ETO stage_id took the stage of the nearest item they feed (goes_into, is_type_of)`,
  );
}
