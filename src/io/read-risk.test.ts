import { describe, expect, it } from 'vitest';
import { compileDataset } from '../core/compile.js';
import { checkRiskModel } from '../core/risk/model.js';
import { BUNDLED, MINI } from '../../test/support.js';
import { loadDataset } from './read-dataset.js';
import { ValidationError, formatIssue } from './issues.js';
import { locateRiskProblems, parseRiskText, readRiskFile } from './read-risk.js';

const GOOD = `perspective: CHN
events:
  - id: euv-ban
    probability: 0.3
    shocks:
      - restrict: { from: [NLD], to: [CHN], items: [euv], severity: 1 }
  - id: resist-ban
    probability: 0.2
    shocks: [ { restrict: { from: [JPN], to: [CHN], items: [resist] } } ]
`;

describe('parseRiskText', () => {
  it('reads events with probabilities and scenario shocks', () => {
    const r = parseRiskText(GOOD, 'risk.yaml');
    expect(r.problems).toEqual([]);
    expect(r.model.id).toBe('risk');
    expect(r.model.perspective).toBe('CHN');
    expect(r.model.events.map((e) => [e.id, e.probability])).toEqual([
      ['euv-ban', 0.3],
      ['resist-ban', 0.2],
    ]);
    expect(r.model.events[1]!.shocks[0]).toMatchObject({ restrict: { severity: 1 } });
  });

  it('rejects a probability outside 0..1 with its line and a hint', () => {
    const r = parseRiskText(GOOD.replace('probability: 0.3', 'probability: 30'), 'risk.yaml');
    const issues = locateRiskProblems(r, r.problems);
    expect(issues).toHaveLength(1);
    expect(formatIssue(issues[0]!)).toBe(
      'risk.yaml:4 [events[0].probability]: events[0].probability 30 is outside 0..1. Fix: probabilities are fractions: write 0.3 for 30%',
    );
  });

  it('locates shape errors inside shocks, unknown keys, duplicate ids and syntax errors', () => {
    const r = parseRiskText(
      GOOD.replace('severity: 1 }', 'severity: 2 }')
        .replace('id: resist-ban', 'id: euv-ban')
        .replace('perspective', 'perspectve'),
      'risk.yaml',
    );
    const issues = locateRiskProblems(r, r.problems).map(formatIssue);
    expect(issues).toContainEqual(
      expect.stringMatching(
        /^risk\.yaml:1 \[perspectve\]: unknown key "perspectve".*did you mean "perspective"/,
      ),
    );
    expect(issues).toContainEqual(
      expect.stringMatching(
        /^risk\.yaml:6 \[events\[0\]\.shocks\[0\]\.restrict\.severity\]: .*2 is outside 0\.\.1/,
      ),
    );
    expect(issues).toContainEqual(
      expect.stringMatching(
        /^risk\.yaml:7 \[events\[1\]\.id\]: event id "euv-ban" is already used/,
      ),
    );
    expect(parseRiskText('events: [', 'x.yaml').syntax?.message).toMatch(/not valid YAML/);
    expect(parseRiskText('perspective: CHN\n', 'x.yaml').problems[0]!.message).toBe(
      'events is required',
    );
  });

  it('names unknown items and countries with the closest known names and their lines', () => {
    const c = compileDataset(loadDataset(MINI).dataset);
    const r = parseRiskText(
      GOOD.replace('items: [euv]', 'items: [euvv]').replace('from: [JPN]', 'from: [JNP]'),
      'risk.yaml',
    );
    const issues = locateRiskProblems(r, checkRiskModel(c, r.model)).map(formatIssue);
    expect(issues).toEqual([
      'risk.yaml:6 [events[0].shocks[0].restrict.items[0]]: unknown item "euvv". Fix: did you mean "euv", "duv"?',
      expect.stringMatching(
        /^risk\.yaml:9 \[events\[1\]\.shocks\[0\]\.restrict\.from\[0\]\]: unknown country or bloc "JNP"/,
      ),
    ]);
  });

  it('reads the bundled CHN risk model without problems', () => {
    const c = compileDataset(loadDataset(BUNDLED).dataset);
    const parsed = readRiskFile(`${BUNDLED}/risk/chn-2025.yaml`);
    expect(checkRiskModel(c, parsed.model)).toEqual([]);
    expect(parsed.model.events.length).toBeGreaterThanOrEqual(5);
    expect(() => readRiskFile(`${MINI}/items.csv`)).toThrow(ValidationError);
  });
});

// Hostile input found by fuzzing (test/fuzz/scenario.test.ts): minimal counterexamples.
describe('parseRiskText (hostile input)', () => {
  it('refuses mappings with a toString key as id and probability, instead of throwing', () => {
    const r = parseRiskText(
      'events:\n  - { id: {toString: 1}, probability: {toString: 1}, shocks: [{ outage: { in: CHN } }] }\n',
      'risk.yaml',
    );
    expect(r.problems.map((p) => p.message)).toEqual([
      'event id a mapping is not a lowercase identifier',
      'events[0].probability must be a number, not a mapping',
    ]);
  });
});
