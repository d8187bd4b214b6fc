/**
 * Long runs (Monte Carlo, planning) report progress and can be stopped: the caller passes
 * `onProgress` and `isCancelled`, checked between equilibria (an HTTP job flips a flag; the
 * core has no timers of its own).
 */

export interface RunControl {
  /** Called after each unit of work with (done, total). */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Checked between units of work; when it returns true the run throws CancelledError. */
  isCancelled?: (() => boolean) | undefined;
}

export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(what = 'the run') {
    super(`${what} was cancelled`);
  }
}

export function checkCancelled(control: RunControl | undefined, what?: string): void {
  if (control?.isCancelled?.()) throw new CancelledError(what);
}
