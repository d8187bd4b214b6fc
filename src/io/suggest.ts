/**
 * "Did you mean" for the readers: core/suggest.ts's closestNames, bounded for hostile input.
 *
 * The edit distance costs the product of the two lengths, and the readers ask it for every
 * unknown reference against every known name, so one 1 MB cell (an item id pasted over a
 * whole column, a stray quote swallowing the rest of a file) made validating a dataset take
 * tens of seconds. No misspelt identifier is that long: names longer than MAX_SUGGEST_LENGTH
 * get no suggestion and are never suggested.
 */
import { closestNames } from '../core/suggest.js';

export const MAX_SUGGEST_LENGTH = 100;

/** Up to `limit` known names close to `name` (closestNames), ignoring over-long names. */
export function suggestNames(name: string, known: Iterable<string>, limit?: number): string[] {
  if (name.length > MAX_SUGGEST_LENGTH) return [];
  const short: string[] = [];
  for (const k of known) if (k.length <= MAX_SUGGEST_LENGTH) short.push(k);
  return closestNames(name, short, limit);
}
