/**
 * The bundled dataset and the installed command, end to end: what a newcomer gets from
 * `npm start` and `chokepoint validate`. Runs the built CLI (npm test builds first).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORE_AREAS } from '../src/core/dataset.js';
import { checkDataset } from '../src/io/read-dataset.js';
import { BUNDLED, REPO } from './support.js';

const BIN = join(REPO, 'bin/chokepoint.js');

beforeAll(() => {
  if (!existsSync(join(REPO, 'dist/cli/main.js'))) {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
  }
});

function chokepoint(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8' });
}

describe('the bundled dataset', () => {
  const { dataset, issues } = checkDataset(BUNDLED);

  it('validates with no errors and no missing sources', () => {
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(issues.filter((i) => i.code === 'missing-source')).toEqual([]);
  });

  it('has at least five items in each of the six areas, with requirements', () => {
    for (const area of CORE_AREAS) {
      expect(dataset.items.filter((i) => i.area === area).length, area).toBeGreaterThanOrEqual(5);
    }
    const areaOf = new Map(dataset.items.map((i) => [i.id, i.area]));
    const crossArea = dataset.requirements.filter(
      (r) => areaOf.get(r.item) !== areaOf.get(r.requires),
    );
    expect(crossArea.length).toBeGreaterThan(0);
  });

  it('cites a source for every quantified share, and the source exists', () => {
    const ids = new Set(dataset.sources.map((s) => s.id));
    for (const s of dataset.shares.filter((x) => x.share !== null)) {
      expect(s.source && ids.has(s.source), `${s.item}/${s.provider}`).toBe(true);
      expect(s.year, `${s.item}/${s.provider} year`).toBeDefined();
    }
  });

  it('defines the blocs EU27 (27 members) and G7, and GDP for the countries', () => {
    const eu = dataset.blocs.find((b) => b.id === 'EU27');
    expect(eu?.members).toHaveLength(27);
    expect(dataset.blocs.find((b) => b.id === 'G7')?.members).toHaveLength(7);
    expect(dataset.countries.filter((c) => c.gdpUsd !== undefined).length).toBeGreaterThan(10);
  });
});

describe('the installed command', () => {
  it('prints the overview for CHN on the bundled data, one block per area', () => {
    const r = chokepoint('overview', '--format', 'table');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Chokepoint overview for CHN');
    for (const name of [
      'Integrated circuits',
      'Industrial machine tools',
      'Basic software',
      'Advanced materials',
      'Scientific research instruments',
      'Seed sources',
    ]) {
      expect(r.stdout).toContain(name);
    }
  });

  it('validates the bundled dataset with exit code 0', () => {
    const r = chokepoint('validate', '--format', 'json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, errors: 0 });
  });

  it('shows a category made up of its variants with the mixed shares and unused requirements', () => {
    const r = chokepoint('show', 'machine-tools', '--format', 'table');
    expect(r.status).toBe(0);
    // Its own published rows are listed, then the shares the model runs on (the variants').
    expect(r.stdout).toMatch(/CHN\s+32\.4%\s+production value\s+2022/);
    expect(r.stdout).toMatch(/made up of its variants: the model runs on .*: CHN \d+\.\d%/);
    expect(r.stdout).toContain('(not used by the model: a category made up of its variants');
    const own = chokepoint('show', 'metal-cutting-machine-tools', '--format', 'table');
    expect(own.stdout).not.toContain('made up of its variants');
    expect(own.stdout).not.toContain('not used by the model');
  });

  it('exits 2 with a usage message for an unknown command', () => {
    const r = chokepoint('simulat');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'simulat'");
  });
});

describe('the bundled scenario library', () => {
  it('holds valid scenarios that all converge, with losses explained to their roots', () => {
    const list = JSON.parse(chokepoint('scenarios', '--format', 'json').stdout) as {
      id: string;
      valid: boolean;
      problems: string[];
    }[];
    expect(list.length).toBeGreaterThanOrEqual(13);
    for (const s of list) expect(s.problems, s.id).toEqual([]);
    for (const id of [
      'japan-korea-2019',
      'us-nl-jp-controls-2023',
      'china-gallium-germanium-2023',
      'renesas-fire-2021',
      'thailand-floods-2011',
    ]) {
      const r = chokepoint('simulate', id, '--format', 'json');
      expect(r.status, id).toBe(0);
      const rep = JSON.parse(r.stdout) as {
        converged: boolean;
        losses: { item: string; why: string[] }[];
        worldLoss: unknown[];
      };
      expect(rep.converged, id).toBe(true);
      expect(rep.worldLoss.length, id).toBeGreaterThan(0);
      for (const l of rep.losses) expect(l.why[0], id).toBe(l.item);
    }
  }, 60_000);
});
