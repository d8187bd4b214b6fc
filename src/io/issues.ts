/**
 * Validation issues and the typed errors of the io layer.
 *
 * An issue names where it is (file, line, column: 1-based, as a spreadsheet shows them),
 * what is wrong, and how to fix it. Errors block loading; warnings never do.
 */

export type Severity = 'error' | 'warning';

export interface Location {
  /** File name as the user knows it (`shares.csv`, `dataset.json`). */
  file: string;
  /** 1-based line of the row in the file; for JSON input, the 1-based row number. */
  line?: number | undefined;
  /** Column name (CSV header) or JSON key. */
  column?: string | undefined;
}

export interface ValidationIssue extends Location {
  severity: Severity;
  /** A stable machine-readable code, e.g. `share-out-of-range`. */
  code: string;
  message: string;
  /** How to fix it. */
  hint?: string | undefined;
}

/** Thrown when input cannot be loaded; carries every error found, not only the first. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;
  readonly hint: string | undefined;

  constructor(readonly issues: readonly ValidationIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors[0] ?? issues[0];
    super(
      first
        ? formatIssue(first) + (errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : '')
        : 'invalid input',
    );
    this.file = first?.file ?? '';
    this.line = first?.line;
    this.column = first?.column;
    this.hint = first?.hint;
  }
}

/** `shares.csv:14: column share: share 130 is above 100. Fix: write a percentage 0..100.` */
export function formatIssue(issue: ValidationIssue): string {
  const where = issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file;
  const col = issue.column ? ` [${issue.column}]` : '';
  const hint = issue.hint ? ` Fix: ${issue.hint}` : '';
  return `${where}${col}: ${issue.message}.${hint}`;
}

/**
 * A value from a user's file for a message: text and numbers quoted as they are, lists and
 * mappings by their kind. Never throws, unlike String(): a parsed mapping may have a key
 * named `toString` (String() then throws a TypeError), or nest deeper than the stack
 * (Array#join then overflows).
 */
export function quoteValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a mapping';
  return `"${String(value)}"`;
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** Collects issues while reading; keeps the code paths short. */
export class IssueList {
  readonly issues: ValidationIssue[] = [];

  error(at: Location, code: string, message: string, hint?: string): void {
    this.issues.push({ severity: 'error', code, ...at, message, hint });
  }

  warn(at: Location, code: string, message: string, hint?: string): void {
    this.issues.push({ severity: 'warning', code, ...at, message, hint });
  }

  get hasErrors(): boolean {
    return hasErrors(this.issues);
  }
}
