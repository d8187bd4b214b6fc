/**
 * The importer's log: what was normalized, dropped, guessed or mapped while turning the ETO
 * Chip Explorer CSVs into a dataset, item by item. The CLI prints it, so every decision the
 * importer makes on the user's behalf is visible next to the data it touched.
 */

export type EtoNoteAction = 'normalized' | 'dropped' | 'guessed' | 'mapped' | 'info';

export interface EtoNote {
  /** The dataset item id the note is about; absent for dataset-wide notes. */
  item?: string;
  action: EtoNoteAction;
  message: string;
}

export class EtoNoteLog {
  readonly notes: EtoNote[] = [];

  add(action: EtoNoteAction, message: string, item?: string): void {
    // exactOptionalPropertyTypes: leave `item` out rather than set it to undefined.
    this.notes.push(item === undefined ? { action, message } : { item, action, message });
  }
}

/** A percentage (0..100, as ETO writes it) for messages: 10 -> "10%", 0.55 -> "0.6%". */
export function pct(percent: number): string {
  return `${Math.round(percent * 10) / 10}%`;
}
