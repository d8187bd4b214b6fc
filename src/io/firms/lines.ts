/**
 * Streaming line reader for large network files: fixed 1 MiB chunks read synchronously, split
 * at newlines, so memory stays bounded whatever the file size (a line is handed to the
 * callback and not kept). Also the growable typed arrays the readers fill, and the error
 * every reader throws (a ValidationError naming file and line).
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ValidationError } from '../issues.js';

const CHUNK = 1 << 20;

/**
 * Call `onLine(text, lineNumber)` for every line (1-based numbers; `\r\n` handled). A missing
 * file, or a folder where the file should be, fails with a ValidationError naming it.
 */
export function forEachLine(path: string, onLine: (line: string, lineNo: number) => void): void {
  if (!existsSync(path)) fail(path, undefined, 'missing-file', `${basename(path)} is missing`);
  if (!statSync(path).isFile())
    fail(path, undefined, 'not-a-file', `${path} is a folder, not a file`);
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK);
    let carry = 0; // bytes of an unfinished line at the start of buf
    let lineNo = 0;
    for (;;) {
      if (carry === buf.length) {
        // A line longer than the buffer: grow it (rare; a network line is short).
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      const got = readSync(fd, buf, carry, buf.length - carry, null);
      const end = carry + got;
      let start = 0;
      for (let p = buf.indexOf(10, 0); p >= 0 && p < end; p = buf.indexOf(10, start)) {
        const stop = p > start && buf[p - 1] === 13 ? p - 1 : p;
        onLine(buf.toString('utf8', start, stop), ++lineNo);
        start = p + 1;
      }
      if (got === 0) {
        if (start < end) onLine(buf.toString('utf8', start, end).replace(/\r$/, ''), ++lineNo);
        return;
      }
      buf.copy(buf, 0, start, end);
      carry = end - start;
    }
  } finally {
    closeSync(fd);
  }
}

/** Throw a ValidationError for one place in a file. */
export function fail(
  path: string,
  line: number | undefined,
  code: string,
  message: string,
  hint?: string,
): never {
  throw new ValidationError([
    { severity: 'error', file: basename(path), line, code, message, hint },
  ]);
}

/** Parse a number cell or fail with the file and line. */
export function numberAt(
  path: string,
  line: number,
  what: string,
  text: string | undefined,
): number {
  const x = text === undefined || text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(x)) {
    fail(
      path,
      line,
      'not-a-number',
      `${what} "${text ?? ''}" is not a number`,
      'write a plain decimal number',
    );
  }
  return x;
}

/** A typed array that doubles when full. */
export class Grow<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}

  push(x: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
}

export const growInt = () => new Grow(new Int32Array(1024), (n) => new Int32Array(n));
export const growFloat = () => new Grow(new Float64Array(1024), (n) => new Float64Array(n));

/** Firm ids to indices, in order of first appearance. */
export class FirmIds {
  readonly index = new Map<string, number>();
  readonly ids: string[] = [];

  add(id: string): number | undefined {
    if (this.index.has(id)) return undefined;
    const i = this.ids.length;
    this.index.set(id, i);
    this.ids.push(id);
    return i;
  }
}
