import { describe, expect, it } from 'vitest';
import { compileDataset } from '../core/compile.js';
import { BUNDLED, MINI } from '../../test/support.js';
import { loadDataset } from './read-dataset.js';
import { ValidationError, formatIssue } from './issues.js';
import { parseProjectsCsv, readProjectsFile } from './read-projects.js';

const c = compileDataset(loadDataset(MINI).dataset);
const HEADER = 'id,item,country,capacity,cost,years,p_success,requires,exclusive_group';

function errors(text: string): string[] {
  try {
    parseProjectsCsv(text, 'projects.csv', c);
  } catch (err) {
    if (err instanceof ValidationError) return err.issues.map(formatIssue);
    throw err;
  }
  return [];
}

describe('parseProjectsCsv', () => {
  it('reads projects: capacity in percent, requires by id, defaults', () => {
    const { projects, lines } = parseProjectsCsv(
      `${HEADER}\nfab,chip,CHN,5,1e10,3,0.8,tools,\ntools,euv,chn,2,5e9,,,,litho\n`,
      'projects.csv',
      c,
    );
    expect(lines).toEqual([2, 3]);
    expect(projects[0]).toMatchObject({
      id: 'fab',
      capacity: 0.05,
      cost: 1e10,
      years: 3,
      pSuccess: 0.8,
      requires: [1],
    });
    expect(projects[1]).toMatchObject({
      id: 'tools',
      years: 1,
      pSuccess: 1,
      requires: [],
      exclusiveGroup: 'litho',
    });
  });

  it('rejects unknown items and countries with the closest names, bad numbers, with file:line', () => {
    expect(
      errors(
        `${HEADER}\nfab,chipp,CHN,5,10,1,1,,\nx,chip,CNH,5,-3,1,1.5,,\ny,chip,CHN,5,3,1,80,,\n`,
      ),
    ).toEqual([
      'projects.csv:2 [item]: unknown item "chipp". Fix: did you mean "chip"?',
      expect.stringMatching(
        /^projects\.csv:3 \[country\]: unknown country "CNH"\. Fix: did you mean .*"CHN"/,
      ),
      'projects.csv:3 [cost]: cost -3 is outside 0... Fix: a cost is a sum in USD, 0 or more',
      'projects.csv:3 [p_success]: p_success 1.5 is outside 0..1. Fix: write a number from 0 to 1',
      'projects.csv:4 [p_success]: p_success 80 is outside 0..1. Fix: p_success is a fraction: write 0.8 for 80%',
    ]);
  });

  it('names a requires cycle with its lines', () => {
    expect(
      errors(`${HEADER}\na,chip,CHN,1,1,1,1,c,\nb,euv,CHN,1,1,1,1,a,\nc,duv,CHN,1,1,1,1,b,\n`),
    ).toEqual([
      'projects.csv:2 [requires]: requires forms a cycle: a (line 2) -> c (line 4) -> b (line 3) -> a (line 2). Fix: a project cannot require, directly or through others, itself: remove one of these requires',
    ]);
  });

  it('rejects unknown required ids, self-requires, duplicates, categories and missing columns', () => {
    const e = errors(
      `${HEADER}\na,chip,CHN,1,1,1,1,bb;a,\na,litho,CHN,1,1,1,1,,\nb,euv,CHN,1,1,1,1,,\n`,
    );
    expect(e).toContainEqual('projects.csv:3 [id]: project id "a" is already used on line 2.');
    expect(e).toContainEqual(
      expect.stringMatching(/projects\.csv:3 \[item\]: "litho" is a category/),
    );
    expect(e).toContainEqual(
      expect.stringMatching(
        /projects\.csv:2 \[requires\]: "a" requires unknown project "bb"\. Fix: did you mean "b"/,
      ),
    );
    expect(e).toContainEqual('projects.csv:2 [requires]: project "a" requires itself.');
    expect(errors('id,item,country\n')[0]).toMatch(/required column "capacity" is missing/);
  });

  it('reads the bundled candidate list', () => {
    const b = compileDataset(loadDataset(BUNDLED).dataset);
    const { projects, warnings } = readProjectsFile(`${BUNDLED}/projects.csv`, b);
    expect(warnings).toEqual([]);
    expect(projects.length).toBeGreaterThanOrEqual(12);
    const areas = new Set(projects.map((p) => b.areaIds[b.itemArea[p.item]!]));
    expect(areas.size).toBe(6);
  });
});
