/**
 * Merging batch results by batch index: each batch counts once whatever the number of times
 * it was delivered (a retried batch whose first worker finished late, a duplicate completion
 * event), and a result that does not fit its batch is refused.
 */
import type { RunOutcome } from '../../core/risk/index.js';

export class BatchMerger {
  private readonly outcomes: (RunOutcome | undefined)[];
  private readonly seen = new Set<number>();
  private filled = 0;
  duplicates = 0;

  constructor(
    readonly total: number,
    private readonly batches: readonly { start: number; end: number }[],
  ) {
    this.outcomes = new Array<RunOutcome | undefined>(total);
  }

  /** Whether batch `b` has been merged. */
  has(b: number): boolean {
    return this.seen.has(b);
  }

  /** Merge batch `b`'s outcomes for items `indices`; false (ignored) when already merged. */
  add(b: number, indices: readonly number[], outcomes: readonly RunOutcome[]): boolean {
    const range = this.batches[b];
    if (!range) throw new RangeError(`no batch ${b}`);
    if (this.seen.has(b)) {
      this.duplicates++;
      return false;
    }
    const n = range.end - range.start;
    if (indices.length !== n || outcomes.length !== n)
      throw new Error(`batch ${b}: expected ${n} outcomes, got ${outcomes.length}`);
    indices.forEach((index, k) => {
      if (index !== range.start + k)
        throw new Error(`batch ${b}: item ${k} is ${index}, expected ${range.start + k}`);
    });
    this.seen.add(b);
    outcomes.forEach((o, k) => (this.outcomes[range.start + k] = o));
    this.filled += n;
    return true;
  }

  get done(): number {
    return this.filled;
  }

  get complete(): boolean {
    return this.seen.size === this.batches.length;
  }

  /** All outcomes, in item order; throws when some batch is missing. */
  result(): RunOutcome[] {
    if (!this.complete) throw new Error('not every batch has been merged');
    return this.outcomes as RunOutcome[];
  }
}
