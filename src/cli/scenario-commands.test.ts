import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../test/cli-run.js';
import { MINI, cleanupTemp, tempDir } from '../../test/support.js';

afterAll(cleanupTemp);

const D = ['--dataset', MINI];
interface Report {
  scenario: string;
  perspective: string;
  converged: boolean;
  capabilityIndex: number;
  valueAtRisk: number;
  byArea: { area: string; capabilityIndex: number; valueAtRisk: number }[];
  nodes: { item: string; country: string; x: number }[];
  access: { item: string; country: string; a: number }[];
  losses: { item: string; country: string; x: number; why: string[] }[];
}

describe('chokepoint simulate', () => {
  it('runs a library scenario and prints the documented JSON with why chains', async () => {
    const r = await cli(['simulate', 'nl-duv', ...D, '--format', 'json']);
    expect(r.stderr).toBe('');
    const rep = JSON.parse(r.stdout) as Report;
    expect(Object.keys(rep)).toEqual(
      expect.arrayContaining([
        'scenario',
        'perspective',
        'converged',
        'iterations',
        'capabilityIndex',
        'valueAtRisk',
        'byArea',
        'nodes',
        'access',
        'losses',
      ]),
    );
    expect(rep).toMatchObject({ scenario: 'nl-duv', perspective: 'CHN', converged: true });
    // CHN's chips need litho (any of EUV, DUV at 0.6); NLD holds all EUV and 90% of DUV.
    const chip = rep.losses.find((l) => l.item === 'chip' && l.country === 'CHN')!;
    expect(chip.x).toBeLessThan(1);
    expect(chip.why[0]).toBe('chip');
    expect(['euv', 'duv']).toContain(chip.why.at(-1));
    expect(rep.valueAtRisk).toBeGreaterThan(0);
    expect(rep.capabilityIndex).toBeLessThan(1);
    expect(rep.access.find((a) => a.item === 'euv' && a.country === 'CHN')?.a).toBe(0);
  });

  it('shows the largest losses with their why chains in the table view', async () => {
    const r = await cli(['simulate', 'nl-duv', ...D], { tty: true });
    expect(r.stdout).toContain('Largest losses of CHN');
    expect(r.stdout).toMatch(/chip <- (euv|duv)/);
  });

  it('gives no loss for a scenario without shocks', async () => {
    const file = join(tempDir(), 'empty.yaml');
    writeFileSync(file, 'id: empty\nshocks: []\n');
    const rep = JSON.parse(
      (await cli(['simulate', file, ...D, '--country', 'USA', '--format', 'json'])).stdout,
    ) as Report;
    expect(rep.valueAtRisk).toBe(0);
    expect(rep.capabilityIndex).toBe(1);
    expect(rep.losses).toEqual([]);
    expect(rep.nodes.every((n) => n.x === 1)).toBe(true);
  });

  it('reports a malformed scenario with its line and the closest names, without a stack trace', async () => {
    const file = join(tempDir(), 'bad.yaml');
    writeFileSync(
      file,
      'id: bad\nshocks:\n  - restrict:\n      from: [NDL]\n      to: [CHN]\n      items: [euv]\n      severity: 1.5\n',
    );
    const r = await cli(['simulate', file, ...D]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'bad.yaml:7 [shocks[0].restrict.severity]: shocks[0].restrict.severity 1.5 is outside 0..1',
    );
    const file2 = join(tempDir(), 'bad2.yaml');
    writeFileSync(
      file2,
      'id: bad2\nshocks:\n  - restrict: { from: [NDL], to: [CHN], items: [euv] }\n',
    );
    const r2 = await cli(['simulate', file2, ...D]);
    expect(r2.stderr).toContain('unknown country or bloc "NDL". Fix: did you mean "NLD"?');
    expect(r2.stderr).not.toMatch(/\n\s+at /);
  });

  it('suggests the closest library scenario for an unknown name', async () => {
    const r = await cli(['simulate', 'nl-dvu', ...D]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "nl-duv"');
  });

  it('uses fixed reallocation when the scenario asks for it, and --reallocation overrides', async () => {
    const fixed = JSON.parse(
      (await cli(['simulate', 'jp-resist', ...D, '--format', 'json'])).stdout,
    ) as Report & { reallocation: string };
    expect(fixed.reallocation).toBe('fixed');
    // fixed: CHN keeps baseline sourcing, so it gets only the non-Japanese 10% of resist.
    expect(fixed.access.find((a) => a.item === 'resist' && a.country === 'CHN')?.a).toBeCloseTo(
      0.1,
      9,
    );
    const market = JSON.parse(
      (await cli(['simulate', 'jp-resist', ...D, '--reallocation', 'market', '--format', 'json']))
        .stdout,
    ) as Report;
    expect(
      market.access.find((a) => a.item === 'resist' && a.country === 'CHN')!.a,
    ).toBeGreaterThan(0.1);
  });
});

describe('chokepoint rank, compare and scenarios', () => {
  it('ranks single-item restrictions with the documented fields, worst first', async () => {
    const r = await cli(['rank', '--country', 'CHN', ...D, '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as {
      item: string;
      restrictor: string;
      valueAtRisk: number;
      capabilityIndex: number;
      fullDecouplingValueAtRisk: number;
    }[];
    expect(rows.length).toBeGreaterThan(3);
    for (let q = 1; q < rows.length; q++)
      expect(rows[q - 1]!.valueAtRisk).toBeGreaterThanOrEqual(rows[q]!.valueAtRisk);
    for (const row of rows) {
      expect(row.fullDecouplingValueAtRisk).toBeGreaterThanOrEqual(row.valueAtRisk - 1e-6);
      expect(row.capabilityIndex).toBeLessThanOrEqual(1);
    }
    expect(rows.map((x) => x.restrictor)).toContain('US+allies');
  });

  it('restricts the ranking to the restrictors given', async () => {
    const r = await cli([
      'rank',
      '--country',
      'CHN',
      '--restrictors',
      'JPN',
      ...D,
      '--format',
      'json',
    ]);
    const rows = JSON.parse(r.stdout) as { restrictor: string }[];
    expect(new Set(rows.map((x) => x.restrictor))).toEqual(new Set(['JPN']));
    const bad = await cli(['rank', '--country', 'CHN', '--restrictors', 'JNP', ...D]);
    expect(bad.stderr).toContain('did you mean "JPN"');
  });

  it('compares two scenarios and lists the nodes that differ', async () => {
    const r = await cli(['compare', 'nl-duv', 'jp-resist', ...D, '--format', 'json']);
    const cmp = JSON.parse(r.stdout) as {
      a: { valueAtRisk: number };
      b: { valueAtRisk: number };
      delta: { valueAtRisk: number };
      nodes: { item: string }[];
    };
    expect(cmp.delta.valueAtRisk).toBeCloseTo(cmp.b.valueAtRisk - cmp.a.valueAtRisk, 6);
    expect(cmp.nodes.map((n) => n.item)).toContain('chip');
  });

  it('lists the library with each file checked against the dataset', async () => {
    const r = await cli(['scenarios', ...D, '--format', 'json']);
    const rows = JSON.parse(r.stdout) as { id: string; valid: boolean }[];
    expect(rows.find((x) => x.id === 'nl-duv')).toMatchObject({ valid: true });
    expect(rows.find((x) => x.id === 'jp-resist')).toMatchObject({ valid: true });
  });
});

describe('--save', () => {
  it('records a simulation and a ranking in the store, with the dataset and scenario versions', async () => {
    const db = join(tempDir(), 'store.db');
    const s = await cli(['simulate', 'nl-duv', ...D, '--format', 'json', '--save', '--db', db]);
    expect(s.code).toBe(0);
    const r = await cli([
      'rank',
      '--country',
      'CHN',
      ...D,
      '--format',
      'json',
      '--save',
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    const list = await cli(['runs', 'list', '--db', db, '--format', 'json']);
    const runs = JSON.parse(list.stdout) as {
      kind: string;
      status: string;
      scenarioId?: string | null;
    }[];
    expect(runs.map((x) => x.kind).sort()).toEqual(['rank', 'simulate']);
    expect(runs.every((x) => x.status === 'ok')).toBe(true);
  });
});
