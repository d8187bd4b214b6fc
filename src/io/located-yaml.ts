/**
 * Hand-written YAML or JSON (scenarios, risk models) read with positions: the value, and a
 * function from a problem's path (`shocks[0].restrict.from[1]`) to the line it is on.
 * Alias bombs, pathological nesting and oversized files end as a syntax error, never a crash.
 */
import type { Document } from 'yaml';
import { LineCounter, parseDocument } from 'yaml';

/** Hand-written files larger than this are refused (1 MiB is plenty). */
export const MAX_HANDWRITTEN_BYTES = 1 << 20;

export type LocatedYaml =
  | { ok: true; value: unknown; lineOf: (path: string) => number | undefined }
  | { ok: false; line: number | undefined; message: string; hint?: string };

function pathToKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    keys.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  }
  return keys;
}

/** Parse text; `what` names the kind of file in messages ("the scenario"). */
export function parseLocatedYaml(text: string, what: string): LocatedYaml {
  if (text.length > MAX_HANDWRITTEN_BYTES) {
    return {
      ok: false,
      line: undefined,
      message: `the file is larger than ${MAX_HANDWRITTEN_BYTES} bytes`,
      hint: `${what} is a short hand-written file`,
    };
  }
  const lc = new LineCounter();
  let doc: Document;
  let value: unknown;
  try {
    doc = parseDocument(text.replace(/^\uFEFF/, ''), {
      lineCounter: lc,
      uniqueKeys: true,
      prettyErrors: false,
      // A collection used as a key (`? [a]: 1`) is stringified and then refused as an unknown
      // key; without this the yaml package also prints a Node warning on stderr.
      logLevel: 'error',
    });
    const err = doc.errors[0];
    if (err) {
      return {
        ok: false,
        line: lc.linePos(err.pos[0]).line,
        message: `not valid YAML or JSON: ${err.message.split('\n')[0]}`,
      };
    }
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    // Alias bombs ("excessive alias count") and pathological nesting end up here.
    return {
      ok: false,
      line: undefined,
      message: `cannot read ${what}: ${(err as Error).message.split('\n')[0]}`,
    };
  }
  const lineOf = (path: string): number | undefined => {
    const keys = pathToKeys(path);
    while (keys.length) {
      const node = doc.getIn(keys, true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lc.linePos(node.range[0]).line;
      keys.pop();
    }
    return undefined;
  };
  return { ok: true, value, lineOf };
}
