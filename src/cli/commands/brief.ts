/**
 * `chokepoint brief --country M [--area A] [--item I] [--scenario S] [--plan P] --out FILE`:
 * a self-contained policy brief (docs/briefs.md) as HTML, or PDF when FILE ends in .pdf, in
 * the language of the global `--lang` (en or zh-CN).
 */
import { isLang } from '../../core/i18n/index.js';
import type { Lang } from '../../core/i18n/index.js';
import {
  ChromiumMissingError,
  PlanFileError,
  readPlanFile,
  writeBrief,
} from '../../report/index.js';
import type { Context } from '../context.js';
import { BUNDLED_DATASET } from '../context.js';
import { UsageError } from '../output.js';
import { loadScenario } from '../scenario-input.js';

export interface BriefArgs {
  country: string;
  area?: string | undefined;
  item?: string | undefined;
  scenario?: string | undefined;
  plan?: string | undefined;
  out: string;
  force: boolean;
  /** The global --lang; default en. */
  lang?: string | undefined;
  /** Printed under the title (ISO date); default today. */
  date?: string | undefined;
}

export function parseLang(value: string | undefined): Lang {
  if (value === undefined) return 'en';
  if (isLang(value)) return value;
  if (/^zh/i.test(value)) return 'zh-CN';
  throw new UsageError(`--lang must be en or zh-CN, not "${value}"`);
}

const quote = (s: string) => (/^[\w./:@=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The command line that reproduces a brief. */
export function briefCommand(ctx: Context, a: BriefArgs, lang: Lang): string {
  const parts = ['chokepoint', 'brief'];
  if (ctx.datasetPath !== BUNDLED_DATASET) parts.push('--dataset', ctx.datasetPath);
  parts.push('--country', a.country);
  if (a.area) parts.push('--area', a.area);
  if (a.item) parts.push('--item', a.item);
  if (a.scenario) parts.push('--scenario', a.scenario);
  if (a.plan) parts.push('--plan', a.plan);
  parts.push('--lang', lang, '--out', a.out);
  return parts.map(quote).join(' ');
}

/** Resolves to the exit code: 0, or 1 with a message for a bad plan file or no Chromium. */
export async function runBrief(ctx: Context, a: BriefArgs): Promise<number> {
  const lang = parseLang(a.lang);
  if (!/\.(html?|pdf)$/i.test(a.out))
    throw new UsageError(`--out must end in .html or .pdf, not "${a.out}"`);
  const { checked, compiled: c } = ctx.load();
  try {
    const scenario = a.scenario ? loadScenario(ctx, c, a.scenario) : undefined;
    await writeBrief(
      c,
      {
        country: a.country,
        area: a.area,
        item: a.item,
        scenario: scenario && {
          scenario: scenario.scenario,
          diff: scenario.diff,
          ref: a.scenario!,
        },
        plan: a.plan ? readPlanFile(a.plan) : undefined,
        lang,
        meta: checked.dataset.meta,
        command: briefCommand(ctx, a, lang),
        date: a.date ?? new Date().toISOString().slice(0, 10),
      },
      a.out,
      { force: a.force },
    );
  } catch (err) {
    if (err instanceof PlanFileError || err instanceof ChromiumMissingError) {
      ctx.err(`chokepoint: ${err.message}`);
      return 1;
    }
    throw err;
  }
  ctx.err(`chokepoint: wrote the brief to ${a.out}`);
  return 0;
}
