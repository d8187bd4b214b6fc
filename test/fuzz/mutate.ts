/**
 * Mutations of real files for the reader fuzzers: a mutation is a small plain object
 * (`{ op: 'cell', line: 3, col: 2, value: 'NaN' }`), so a failing case prints as a readable
 * recipe and replays exactly. Positions are taken modulo the size of the text they apply to,
 * so any number is a valid position.
 *
 * Mutations work on the file's bytes, held as a latin1 string (one char per byte): byte flips
 * can make invalid UTF-8, and line and cell edits split on the ASCII bytes `\n` and `,`.
 * Inserted text is UTF-8 encoded first.
 */
import fc from 'fast-check';

export type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'byte'; at: number; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'cut'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'dupLine'; line: number }
  | { op: 'delLine'; line: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'swapColumns'; a: number; b: number }
  | { op: 'cell'; line: number; col: number; value: string }
  | { op: 'copyCell'; from: number; to: number; col: number; toCol?: number }
  | { op: 'eol'; style: 'crlf' | 'cr' | 'lf-none' }
  | { op: 'bom' }
  | { op: 'value'; line: number; value: string }
  | { op: 'key'; line: number; key: string }
  | { op: 'indent'; line: number; by: number };

/** Cell values that break naive readers: number edge cases, quotes, unicode, prototype keys. */
export const HOSTILE_CELLS: readonly string[] = [
  '',
  ' ',
  'NaN',
  'nan',
  'Infinity',
  '-Infinity',
  '-1',
  '-0',
  '0',
  '0.0',
  '1e309',
  '-1e309',
  '1e-400',
  '9'.repeat(400),
  '0x1F',
  '0b101',
  '1_000',
  '1,5',
  '12.5%',
  '%',
  '%%',
  '100',
  '100.0000001',
  '105.1',
  '1e2',
  '.5',
  '5.',
  '+3',
  '2024',
  '1899',
  '2101',
  '2024.5',
  '"',
  '""',
  '"a,b"',
  'a"b',
  '\r',
  '\n',
  '\t',
  '\u0000',
  '\uFEFF',
  '\uFFFD',
  '\uD800',
  '中文名',
  '😀',
  '\u202Eevil',
  'ROW',
  'ALL',
  'CHN',
  'EUR',
  'XXX',
  'chn',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'x'.repeat(10_000),
  'true',
  'null',
  'undefined',
  ';',
  ';;',
  ' a ; b ',
  '=1+1',
  '-',
  'a b',
  'A-B',
  'N0',
  'S1',
  'P1',
];

/** Scalars and structures that break naive YAML and JSON consumers. */
export const HOSTILE_YAML: readonly string[] = [
  '',
  '~',
  'null',
  'true',
  'yes',
  'no',
  '.nan',
  '.inf',
  '-.inf',
  '1e400',
  '-1e400',
  '0x1F',
  '0o17',
  '1_000',
  '-1',
  '1.5',
  '101',
  '1201',
  '2024-01-01',
  '"\\u0000"',
  '"\\uD800"',
  "'中文'",
  '😀',
  '[]',
  '{}',
  '[[]]',
  '[null]',
  '[1, [2, [3]]]',
  '{a: 1}',
  '{__proto__: {x: 1}}',
  '{constructor: 1}',
  '{toString: 1}',
  '{valueOf: 1, toString: 1}',
  '[{toString: 1}]',
  '[0.5]',
  '""',
  "' '",
  '&a [*a]',
  '*a',
  '&a x',
  '*undefined-alias',
  '!!binary aGVsbG8=',
  '!!js/function "function(){}"',
  '!!timestamp 2001-12-14',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '!!str',
  '!custom x',
  '|',
  '>-',
  '? [a]',
  '"unterminated',
  "'",
  '[unclosed',
  '{unclosed',
  '- - - x',
  '%',
  '@',
  '`',
  '"x"y',
  '\t',
  '[' + '['.repeat(2000) + ']'.repeat(2000) + ']',
  '{a: '.repeat(500) + '1' + '}'.repeat(500),
  'x'.repeat(100_000),
];

/** Keys for YAML mappings: prototype names, merge keys, snake_case, near-misses. */
export const HOSTILE_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '<<',
  'name_zh',
  'serverity',
  'shocks',
  'restrict',
  'from',
  'items',
  'in',
  '"a.b[0]"',
  '"[0]"',
  '"."',
  '""',
  '? complex',
  '1',
  'null',
  '&k id',
  '*k',
];

/** XML that breaks naive parsers: entity expansion, bad character references, deep nesting. */
export const HOSTILE_XML: readonly string[] = [
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '&b;',
  '&#0;',
  '&#x110000;',
  '<![CDATA[x]]>',
  '<a>'.repeat(5000),
  '</x>',
];

/** Whole-text insertions: YAML bombs, deep nesting, document markers, XML entities. */
export const HOSTILE_SNIPPETS: readonly string[] = [
  '\n---\n',
  '\n...\n',
  '%YAML 1.1\n---\n',
  '%TAG ! tag:x,2000:\n',
  '\n' +
    'a: &a ["x","x","x","x","x","x","x","x","x"]\n' +
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n' +
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n' +
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n' +
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n' +
    'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n',
  '\nx: &r\n  y: *r\n',
  '\n<<: {a: 1}\n',
  '\n' + '- '.repeat(3000) + 'x\n',
  '['.repeat(10_000),
  ']'.repeat(100),
  '{'.repeat(10_000),
  ...HOSTILE_XML,
  '"',
  '""',
  '\r',
  '\r\n',
  '\n\n\n',
  ',',
  ',,,,',
  '\u0000',
  '\uFEFF',
  '\u2028',
  '\t',
  '#',
  '# comment\n',
  'y'.repeat(1_100_000),
];

const LATIN1 = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

/** Apply mutations to file bytes (returns new bytes). */
export function mutateBytes(input: Uint8Array, mutations: readonly Mutation[]): Buffer {
  let s = Buffer.from(input).toString('latin1');
  for (const m of mutations) s = apply(s, m);
  return Buffer.from(s, 'latin1');
}

/** Apply mutations to UTF-8 text; the result is decoded as Node's readFileSync(…, 'utf8'). */
export function mutateText(text: string, mutations: readonly Mutation[]): string {
  return mutateBytes(Buffer.from(text, 'utf8'), mutations).toString('utf8');
}

const mod = (k: number, n: number) => (n <= 0 ? 0 : ((k % n) + n) % n);

function lines(s: string): string[] {
  return s.split('\n');
}

function apply(s: string, m: Mutation): string {
  const n = s.length;
  switch (m.op) {
    case 'flip': {
      if (n === 0) return s;
      const at = mod(m.at, n);
      return (
        s.slice(0, at) + String.fromCharCode(s.charCodeAt(at) ^ (1 << m.bit)) + s.slice(at + 1)
      );
    }
    case 'byte': {
      if (n === 0) return String.fromCharCode(m.value);
      const at = mod(m.at, n);
      return s.slice(0, at) + String.fromCharCode(m.value) + s.slice(at + 1);
    }
    case 'truncate':
      return s.slice(0, mod(m.at, n + 1));
    case 'cut': {
      const at = mod(m.at, n + 1);
      return s.slice(0, at) + s.slice(at + m.len);
    }
    case 'insert': {
      const at = mod(m.at, n + 1);
      return s.slice(0, at) + LATIN1(m.text) + s.slice(at);
    }
    case 'dupLine': {
      const ls = lines(s);
      const k = mod(m.line, ls.length);
      ls.splice(k, 0, ls[k]!);
      return ls.join('\n');
    }
    case 'delLine': {
      const ls = lines(s);
      ls.splice(mod(m.line, ls.length), 1);
      return ls.join('\n');
    }
    case 'swapLines': {
      const ls = lines(s);
      const a = mod(m.a, ls.length);
      const b = mod(m.b, ls.length);
      [ls[a], ls[b]] = [ls[b]!, ls[a]!];
      return ls.join('\n');
    }
    case 'swapColumns':
      return lines(s)
        .map((l) => {
          const cells = l.split(',');
          const a = mod(m.a, cells.length);
          const b = mod(m.b, cells.length);
          [cells[a], cells[b]] = [cells[b]!, cells[a]!];
          return cells.join(',');
        })
        .join('\n');
    case 'cell': {
      const ls = lines(s);
      const k = mod(m.line, ls.length);
      const cells = ls[k]!.replace(/\r$/, '').split(',');
      cells[mod(m.col, cells.length)] = LATIN1(m.value);
      ls[k] = cells.join(',') + (ls[k]!.endsWith('\r') ? '\r' : '');
      return ls.join('\n');
    }
    case 'copyCell': {
      const ls = lines(s);
      const from = ls[mod(m.from, ls.length)]!.replace(/\r$/, '').split(',');
      const k = mod(m.to, ls.length);
      const to = ls[k]!.replace(/\r$/, '').split(',');
      // The same column (a duplicate id), or another (an id as a reference: a cycle).
      const col = mod(m.col, from.length);
      to[mod(m.toCol ?? m.col, to.length)] = from[col]!;
      ls[k] = to.join(',') + (ls[k]!.endsWith('\r') ? '\r' : '');
      return ls.join('\n');
    }
    case 'eol':
      if (m.style === 'lf-none') return s.replace(/\n+$/, '');
      return s.replace(/\r?\n/g, m.style === 'crlf' ? '\r\n' : '\r');
    case 'bom':
      return '\xEF\xBB\xBF' + s;
    case 'value': {
      // YAML: replace what follows the first `key:` or `- ` of a line.
      const ls = lines(s);
      const k = mod(m.line, ls.length);
      const l = ls[k]!;
      const at = /^(\s*(?:- )*[^:#]*:\s|\s*- )/.exec(l);
      ls[k] = (at ? at[1]! : l + ' ') + LATIN1(m.value);
      return ls.join('\n');
    }
    case 'key': {
      const ls = lines(s);
      const k = mod(m.line, ls.length);
      ls[k] = ls[k]!.replace(
        /^(\s*(?:- )*)[^:#\s][^:#]*:/,
        (_all, lead: string) => `${lead}${LATIN1(m.key)}:`,
      );
      return ls.join('\n');
    }
    case 'indent': {
      const ls = lines(s);
      const k = mod(m.line, ls.length);
      ls[k] =
        m.by > 0
          ? ' '.repeat(m.by) + ls[k]!
          : ls[k]!.slice(Math.min(-m.by, /^ */.exec(ls[k]!)![0].length));
      return ls.join('\n');
    }
  }
}

const pos = fc.nat({ max: 1 << 24 });
/** A line: the header and first rows often, any line of a long file sometimes. */
const small = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.nat({ max: 6 }) },
  { weight: 5, arbitrary: fc.nat({ max: 400 }) },
);
const hostileCell = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_CELLS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
);
/** Hostile values, and words of the file's own vocabulary (ids, codes) to make references. */
const cellValue = (words: readonly string[]) =>
  words.length
    ? fc.oneof(
        { weight: 3, arbitrary: hostileCell },
        { weight: 2, arbitrary: fc.constantFrom(...words) },
      )
    : hostileCell;
const snippet = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SNIPPETS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
);

/** Mutations for any file: bytes, lines, line endings, BOM, insertions. */
const byteMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: pos, bit: fc.nat({ max: 7 }) }),
  fc.record({ op: fc.constant('byte' as const), at: pos, value: fc.nat({ max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: pos }),
  fc.record({ op: fc.constant('cut' as const), at: pos, len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('insert' as const), at: pos, text: snippet }),
);
const lineMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('dupLine' as const), line: small }),
  fc.record({ op: fc.constant('delLine' as const), line: small }),
  fc.record({ op: fc.constant('swapLines' as const), a: small, b: small }),
  fc.record({ op: fc.constant('eol' as const), style: fc.constantFrom('crlf', 'cr', 'lf-none') }),
  fc.record({ op: fc.constant('bom' as const) }),
);

/**
 * Mutations of a CSV file: any of the above plus column swaps, hostile cells, cells set to
 * words of `words` (the dataset's ids and codes), and cells copied between rows and columns.
 */
export function csvMutationOf(words: readonly string[] = []): fc.Arbitrary<Mutation> {
  const col = fc.nat({ max: 12 });
  return fc.oneof(
    { weight: 2, arbitrary: byteMutation },
    { weight: 2, arbitrary: lineMutation },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('swapColumns' as const), a: col, b: col }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        op: fc.constant('cell' as const),
        line: small,
        col,
        value: cellValue(words),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record(
        { op: fc.constant('copyCell' as const), from: small, to: small, col, toCol: col },
        { requiredKeys: ['op', 'from', 'to', 'col'] },
      ),
    },
  );
}
export const csvMutation = csvMutationOf();

/** Mutations of a YAML (or JSON) file: any byte/line mutation plus hostile values and keys. */
export function yamlMutationOf(words: readonly string[] = []): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { weight: 2, arbitrary: byteMutation },
    { weight: 2, arbitrary: lineMutation },
    {
      weight: 5,
      arbitrary: fc.record({
        op: fc.constant('value' as const),
        line: small,
        value: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_YAML) },
          { weight: 2, arbitrary: cellValue(words) },
        ),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('key' as const),
        line: small,
        key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('indent' as const),
        line: small,
        by: fc.integer({ min: -4, max: 4 }),
      }),
    },
  );
}
export const yamlMutation = yamlMutationOf();

/** Mutations of raw binary (a zip): bytes only. */
export const binaryMutation: fc.Arbitrary<Mutation> = byteMutation;

export const mutations = (one: fc.Arbitrary<Mutation>, maxLength = 4) =>
  fc.array(one, { minLength: 1, maxLength });
