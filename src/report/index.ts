/**
 * Policy briefs (docs/briefs.md): compute the numbers (brief-data), render the page (brief),
 * and write it as HTML or PDF. The command line and the HTTP API both call `briefHtml`.
 */
import { readFileSync } from 'node:fs';
import type { CompiledDataset } from '../core/compile.js';
import type { DatasetMeta } from '../core/dataset.js';
import type { Lang } from '../core/i18n/index.js';
import { resolveScenario } from '../core/scenario.js';
import { ValidationError } from '../io/issues.js';
import { locateProblems, readScenarioFile } from '../io/read-scenario.js';
import { writeFileAtomic } from '../io/write-dataset.js';
import type { BriefOptions } from './brief-data.js';
import { briefData } from './brief-data.js';
import { renderBrief } from './brief.js';
import { htmlToPdf } from './pdf.js';
import type { PlanSummary } from './plan-summary.js';
import { PlanFileError, toPlanSummary } from './plan-summary.js';

export type { BriefData, BriefOptions } from './brief-data.js';
export { briefData } from './brief-data.js';
export { renderBrief } from './brief.js';
export { CHROMIUM, ChromiumMissingError, htmlToPdf } from './pdf.js';
export type { PlanSummary } from './plan-summary.js';
export { PlanFileError, toPlanSummary } from './plan-summary.js';

export interface BriefRequest extends BriefOptions {
  lang: Lang;
  meta: DatasetMeta;
  command: string;
  date?: string | undefined;
}

/** The brief as one HTML page. */
export function briefHtml(c: CompiledDataset, r: BriefRequest): string {
  return renderBrief(c, briefData(c, r), {
    lang: r.lang,
    meta: r.meta,
    command: r.command,
    date: r.date,
  });
}

/** Read a scenario file and resolve it against the dataset; problems name file and line. */
export function loadScenarioFile(c: CompiledDataset, path: string) {
  const parsed = readScenarioFile(path);
  const { diff, problems } = resolveScenario(c, parsed.scenario);
  if (problems.length) throw new ValidationError(locateProblems(parsed, problems));
  return { scenario: parsed.scenario, diff, ref: parsed.scenario.id };
}

/** Read a plan JSON (`chokepoint plan --format json`). */
export function readPlanFile(path: string): PlanSummary {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new PlanFileError(`${path}: cannot read it as JSON (${(err as Error).message})`);
  }
  return toPlanSummary(value, path);
}

/** Write the brief to `out`: `.pdf` prints it with Chromium, anything else is HTML. */
export async function writeBrief(
  c: CompiledDataset,
  r: BriefRequest,
  out: string,
  options: { force?: boolean } = {},
): Promise<void> {
  const html = briefHtml(c, r);
  const data = /\.pdf$/i.test(out)
    ? await htmlToPdf(html, { footer: `${r.meta.name ?? ''} ${r.meta.version ?? ''}`.trim() })
    : html;
  writeFileAtomic(out, data, { force: options.force ?? false });
}
