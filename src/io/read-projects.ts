/**
 * Projects files (CSV; docs/planning.md): the candidate build projects of the planner
 * (MODEL.md §6), one per row:
 *
 *   id,item,country,capacity,cost,years,p_success,requires,exclusive_group
 *
 * `capacity` is percent of world capacity added, `cost` USD, `years` whole years (default 1),
 * `p_success` 0..1 (default 1), `requires` project ids separated by `;`, `exclusive_group` a
 * name shared by mutually exclusive options. Every problem names the file and line; unknown
 * items, countries and required ids come with the closest known names; a cycle in `requires`
 * is reported with the whole cycle.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { CompiledDataset } from '../core/compile.js';
import { isSlug } from '../core/dataset.js';
import { variantStructure } from '../core/equilibrium/variants.js';
import type { Project } from '../core/plan/project.js';
import { findRequiresCycle } from '../core/plan/project.js';
import { suggestNames } from './suggest.js';
import { parseCsv } from './csv.js';
import type { ValidationIssue } from './issues.js';
import { IssueList, ValidationError } from './issues.js';

export const PROJECT_COLUMNS = [
  'id',
  'item',
  'country',
  'capacity',
  'cost',
  'years',
  'p_success',
  'requires',
  'exclusive_group',
] as const;
const REQUIRED = ['id', 'item', 'country', 'capacity', 'cost'];

export interface ParsedProjects {
  projects: Project[];
  /** 1-based line of each project's row. */
  lines: number[];
  /** Warnings (unknown columns); errors are thrown. */
  warnings: ValidationIssue[];
}

const near = (name: string, known: Iterable<string>) => {
  const list = suggestNames(name, known);
  return list.length ? `did you mean ${list.map((n) => `"${n}"`).join(', ')}?` : undefined;
};

/** Parse projects CSV text against a compiled dataset; throws ValidationError on any error. */
export function parseProjectsCsv(text: string, file: string, c: CompiledDataset): ParsedProjects {
  const issues = new IssueList();
  const csv = parseCsv(file, text, issues);
  if (!csv) throw new ValidationError(issues.issues);
  const col = new Map<string, number>();
  csv.header.forEach((h, q) => {
    if ((PROJECT_COLUMNS as readonly string[]).includes(h)) col.set(h, q);
    else
      issues.warn(
        { file, line: 1, column: h },
        'unknown-column',
        `unknown column "${h}" is ignored`,
        near(h, PROJECT_COLUMNS) ?? `the columns are: ${PROJECT_COLUMNS.join(', ')}`,
      );
  });
  for (const r of REQUIRED) {
    if (!col.has(r))
      issues.error(
        { file, line: 1 },
        'missing-column',
        `the required column "${r}" is missing`,
        `the header is: ${PROJECT_COLUMNS.join(',')}`,
      );
  }
  if (issues.hasErrors) throw new ValidationError(issues.issues);
  const derived = variantStructure(c).derived;
  const projects: Project[] = [];
  const lines: number[] = [];
  const requiresText: string[][] = [];
  const index = new Map<string, number>();
  for (const row of csv.rows) {
    const line = row.line;
    const cell = (name: string) => {
      const q = col.get(name);
      return q === undefined ? '' : (row.cells[q] ?? '');
    };
    const err = (column: string, message: string, hint?: string) =>
      issues.error({ file, line, column }, 'project', message, hint);
    const number = (column: string, fallback: number | undefined, min: number, max: number) => {
      const raw = cell(column);
      if (raw === '') {
        if (fallback === undefined) err(column, `${column} is required`);
        return fallback ?? min;
      }
      const v = Number(raw);
      if (!Number.isFinite(v)) {
        err(column, `${column} "${raw}" is not a number`);
        return min;
      }
      if (v < min || v > max) {
        const hint =
          column === 'p_success' && v > 1 && v <= 100 && Number.isInteger(v)
            ? `p_success is a fraction: write ${v / 100} for ${v}%`
            : column === 'cost'
              ? 'a cost is a sum in USD, 0 or more'
              : `write a number from ${min} to ${max === Infinity ? 'up' : max}`;
        err(
          column,
          `${column} ${v} is outside ${min}..${max === Infinity ? '' : max}`.trimEnd(),
          hint,
        );
        return Math.min(max, Math.max(min, v));
      }
      return v;
    };
    const id = cell('id');
    if (!isSlug(id))
      err(
        'id',
        `project id "${id}" is not a lowercase identifier`,
        'use lowercase words joined by hyphens',
      );
    const dup = index.get(id);
    if (dup !== undefined) err('id', `project id "${id}" is already used on line ${lines[dup]}`);
    const itemId = cell('item');
    let item = c.itemIndex.get(itemId);
    if (item === undefined) {
      err('item', `unknown item "${itemId}"`, near(itemId, c.itemIds));
      item = 0;
    } else if (derived[item]) {
      err(
        'item',
        `"${itemId}" is a category whose variants carry the shares`,
        'build one of its variants instead',
      );
    }
    const code = cell('country');
    let country = c.countryIndex.get(code.toUpperCase());
    if (country === undefined || country === c.rowIndex) {
      err(
        'country',
        `unknown country "${code}"`,
        near(
          code,
          c.countryCodes.filter((k) => k !== 'ROW'),
        ),
      );
      country = 0;
    }
    const capacity = number('capacity', undefined, 0, 100) / 100;
    const cost = number('cost', undefined, 0, Infinity);
    const years = number('years', 1, 1, 100);
    if (!Number.isInteger(years)) err('years', `years ${years} must be a whole number`);
    const pSuccess = number('p_success', 1, 0, 1);
    const group = cell('exclusive_group');
    if (dup === undefined) index.set(id, projects.length);
    projects.push({
      id,
      item,
      country,
      capacity,
      cost,
      years: Math.max(1, Math.round(years)),
      pSuccess,
      requires: [],
      exclusiveGroup: group === '' ? undefined : group,
    });
    lines.push(line);
    requiresText.push(
      cell('requires')
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }
  if (projects.length === 0)
    issues.error(
      { file, line: 1 },
      'no-projects',
      'the file lists no projects',
      'add one row per candidate project',
    );
  projects.forEach((p, q) => {
    for (const r of requiresText[q]!) {
      const k = index.get(r);
      if (r === p.id)
        issues.error(
          { file, line: lines[q], column: 'requires' },
          'project',
          `project "${p.id}" requires itself`,
        );
      else if (k === undefined)
        issues.error(
          { file, line: lines[q], column: 'requires' },
          'project',
          `"${p.id}" requires unknown project "${r}"`,
          near(r, index.keys()),
        );
      else if (!p.requires.includes(k)) p.requires.push(k);
    }
  });
  if (!issues.hasErrors) {
    const cycle = findRequiresCycle(projects.map((p) => p.requires));
    if (cycle) {
      issues.error(
        { file, line: lines[cycle[0]!], column: 'requires' },
        'requires-cycle',
        `requires forms a cycle: ${cycle.map((q) => `${projects[q]!.id} (line ${lines[q]})`).join(' -> ')}`,
        'a project cannot require, directly or through others, itself: remove one of these requires',
      );
    }
  }
  if (issues.hasErrors) throw new ValidationError(issues.issues);
  return { projects, lines, warnings: issues.issues };
}

/** Read a projects file; throws ValidationError (with file:line) on any error. */
export function readProjectsFile(path: string, c: CompiledDataset): ParsedProjects {
  return parseProjectsCsv(readFileSync(path, 'utf8'), basename(path), c);
}
