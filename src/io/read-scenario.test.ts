import { describe, expect, it, vi } from 'vitest';
import { compileDataset } from '../core/compile.js';
import { resolveScenario } from '../core/scenario.js';
import { MINI } from '../../test/support.js';
import { loadDataset } from './read-dataset.js';
import { locateProblems, parseScenarioText } from './read-scenario.js';

const c = compileDataset(loadDataset(MINI, { currentYear: 2026 }).dataset);

function problemsOf(text: string) {
  const p = parseScenarioText(text, 's.yaml');
  if (p.syntax) return [p.syntax];
  return locateProblems(p, [...p.problems, ...resolveScenario(c, p.scenario).problems]);
}

describe('scenario files', () => {
  it('parse the DATA.md example shape with defaults', () => {
    const p = parseScenarioText(
      'id: t\nperspective: CHN\nshocks:\n  - restrict: { from: [NLD], to: [CHN], items: [euv] }\n  - outage: { in: [TWN], items: [chip], severity: 0.5 }\n  - build: { in: CHN, item: duv, capacity: 5 }\n',
      't.yaml',
    );
    expect(p.problems).toEqual([]);
    expect(p.scenario).toMatchObject({
      id: 't',
      assumptions: { reallocation: 'market' },
      shocks: [
        { restrict: { from: ['NLD'], to: ['CHN'], items: ['euv'], severity: 1 } },
        { outage: { in: ['TWN'], items: ['chip'], severity: 0.5 } },
        { build: { in: 'CHN', item: 'duv', capacity: 5 } },
      ],
    });
    const { diff, problems } = resolveScenario(c, p.scenario);
    expect(problems).toEqual([]);
    expect(diff.restrictions).toHaveLength(1);
    expect(
      diff.added[c.itemIndex.get('duv')! * c.nCountries + c.countryIndex.get('CHN')!],
    ).toBeCloseTo(0.05, 12);
  });

  it('accept JSON as well as YAML', () => {
    const p = parseScenarioText(
      '{"id":"j","shocks":[{"restrict":{"from":["NLD"],"to":["CHN"],"items":["euv"]}}]}',
      'j.json',
    );
    expect(p.problems).toEqual([]);
    expect(p.scenario.shocks).toHaveLength(1);
  });

  it('name an unknown item, country and bloc with the closest known names and lines', () => {
    const issues = problemsOf(
      'id: t\nshocks:\n  - restrict:\n      from: [NDL, US+allies]\n      to: [CHN]\n      items: [euvv]\n  - restrict: { from: [US+allis], to: [CHN], areas: [semis] }\n',
    );
    expect(issues.map((i) => [i.line, i.column, i.message, i.hint])).toEqual([
      [6, 'shocks[0].restrict.items[0]', 'unknown item "euvv"', 'did you mean "euv", "duv"?'],
      [4, 'shocks[0].restrict.from[0]', 'unknown country or bloc "NDL"', 'did you mean "NLD"?'],
      [7, 'shocks[1].restrict.areas[0]', 'unknown area "semis"', 'did you mean "seeds"?'],
      [
        7,
        'shocks[1].restrict.from[0]',
        'unknown country or bloc "US+allis"',
        'did you mean "US+allies"?',
      ],
    ]);
  });

  it('reject severity and capacity outside their ranges, and misspelt keys', () => {
    const issues = problemsOf(
      'id: t\nshocks:\n  - restrict: { from: [NLD], to: [CHN], items: [euv], severity: 2 }\n  - build: { in: CHN, item: duv, capacity: -1 }\n  - outage: { in: [TWN], item: [chip] }\n',
    );
    expect(issues.map((i) => i.message)).toEqual([
      'shocks[0].restrict.severity 2 is outside 0..1',
      'shocks[1].build.capacity -1 is outside 0..100',
      'unknown key "item"',
    ]);
    expect(issues[2]?.hint).toBe('did you mean "items"?');
  });

  it('report YAML syntax errors, alias bombs and absurd nesting as errors, not crashes', () => {
    expect(problemsOf('id: t\nshocks: [ {restrict: ')[0]).toMatchObject({
      code: 'scenario-syntax',
      line: 2,
    });
    const bomb =
      'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
    expect(problemsOf(bomb)[0]?.message).toMatch(/alias/i);
    expect(problemsOf('['.repeat(50_000))[0]).toMatchObject({ code: 'scenario-syntax' });
  });

  it('select by area, kind and stage together, with variants on request', () => {
    const p = parseScenarioText(
      'id: t\nshocks:\n  - restrict: { from: [NLD], to: [CHN], items: [litho], includeVariants: true }\n  - restrict: { from: [NLD], to: [CHN], areas: [ic], kinds: [tool], stages: [equipment] }\n  - restrict: { from: [ALL], to: [CHN], items: [litho] }\n',
      't.yaml',
    );
    const { diff } = resolveScenario(c, p.scenario);
    const ids = (n: number) => [...diff.restrictions[n]!.items].map((i) => c.itemIds[i]).sort();
    expect(ids(0)).toEqual(['duv', 'euv', 'litho']);
    expect(ids(1)).toEqual(['duv', 'euv', 'litho']);
    expect(ids(2)).toEqual(['litho']);
    expect(diff.restrictions[2]!.from.length).toBe(c.nCountries);
  });
});

// Hostile input found by fuzzing (test/fuzz/scenario.test.ts): minimal counterexamples.
describe('scenario files (hostile input)', () => {
  const shapeOf = (text: string) => parseScenarioText(text, 's.yaml').problems;
  const shock = (severity: string) =>
    `shocks:\n  - restrict: { from: [NLD], to: [CHN], severity: ${severity} }\n`;

  it('refuse a mapping with a toString key where a number belongs, instead of throwing', () => {
    // Number() and String() of { toString: 1 } throw a TypeError.
    expect(shapeOf(shock('{toString: 1}')).map((p) => p.message)).toEqual([
      'shocks[0].restrict.severity must be a number, not a mapping',
    ]);
    expect(shapeOf('assumptions: {reallocation: {toString: 1}}\n')[0]?.message).toBe(
      'reallocation a mapping is not market or fixed',
    );
  });

  it('refuse a list or blank text as a number (Number([0.5]) is 0.5, Number("") is 0)', () => {
    expect(shapeOf(shock('[0.5]'))[0]?.message).toBe(
      'shocks[0].restrict.severity must be a number, not a list',
    );
    expect(shapeOf(shock('" "'))[0]?.message).toBe(
      'shocks[0].restrict.severity must be a number, not " "',
    );
    expect(shapeOf(shock('"0.5"'))).toEqual([]);
  });

  it('refuse a collection used as a key without printing a Node warning', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    try {
      const issues = problemsOf('? [a]\n: 1\nshocks: []\n');
      expect(issues.map((i) => i.message)).toEqual(['unknown key "[ a ]"']);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
