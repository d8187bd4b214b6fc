/**
 * Merging batch results by batch index: each batch counts once whatever the number of times
 * it was delivered (a retried batch whose first worker finished late, a duplicate completion
 * event, a batch enqueued again after Redis lost it), and a result that does not fit its batch
 * is refused.
 */
export class BatchMerger<T> {
  private readonly values: (T | undefined)[];
  private readonly seen = new Set<number>();
  private filled = 0;
  duplicates = 0;

  constructor(
    readonly total: number,
    private readonly batches: readonly { start: number; end: number }[],
  ) {
    this.values = new Array<T | undefined>(total);
  }

  /** Whether batch `b` has been merged. */
  has(b: number): boolean {
    return this.seen.has(b);
  }

  /** Merge batch `b`'s values for items `start..start+values.length`; false (ignored) when already merged. */
  add(b: number, start: number, values: readonly T[]): boolean {
    const range = this.batches[b];
    if (!range) throw new RangeError(`no batch ${b}`);
    if (this.seen.has(b)) {
      this.duplicates++;
      return false;
    }
    const n = range.end - range.start;
    if (start !== range.start)
      throw new Error(`batch ${b}: starts at item ${start}, expected ${range.start}`);
    if (values.length !== n)
      throw new Error(`batch ${b}: expected ${n} items, got ${values.length}`);
    this.seen.add(b);
    values.forEach((v, k) => (this.values[range.start + k] = v));
    this.filled += n;
    return true;
  }

  /** Items merged so far. */
  get done(): number {
    return this.filled;
  }

  get complete(): boolean {
    return this.seen.size === this.batches.length;
  }

  /** All values, in item order; throws when some batch is missing. */
  result(): T[] {
    if (!this.complete) throw new Error('not every batch has been merged');
    return this.values as T[];
  }
}
