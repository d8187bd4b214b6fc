/**
 * The ETO Chip Explorer import, end to end: the converted dataset works with every command,
 * and the equilibrium explains a Dutch EUV restriction on China down to EUV tools.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli-run.js';
import { ETO_DIR, cleanupTemp, tempDir } from './support.js';

let out = '';

beforeAll(async () => {
  if (!existsSync(ETO_DIR))
    throw new Error(`ETO data not found at ${ETO_DIR} (../shared/data/eto-chip-explorer)`);
  out = join(tempDir(), 'eto');
  const r = await cli(['import', 'eto', ETO_DIR, '--out', out, '--format', 'table']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});
afterAll(cleanupTemp);

describe('chokepoint import eto', () => {
  it('refuses to overwrite the output without --force', async () => {
    const r = await cli(['import', 'eto', ETO_DIR, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already exists');
  });

  it('produces a dataset every command accepts', async () => {
    const D = ['--dataset', out, '--format', 'json'];
    for (const args of [
      ['validate', out],
      ['overview', '--country', 'CHN'],
      ['overview', '--country', 'USA'],
      ['items', '--area', 'ic'],
      ['show', 'euv-lithography-tools'],
      ['concentration'],
      ['concentration', '--by', 'org'],
      ['exposure', '--country', 'CHN'],
      ['rank', '--country', 'CHN', '--restrictors', 'NLD,USA', '--top', '5'],
    ]) {
      const r = await cli([...args, ...D]);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
      expect(() => JSON.parse(r.stdout) as unknown, args.join(' ')).not.toThrow();
    }
  });

  it('reports EUV lithography tools as a Dutch monopoly', async () => {
    const r = await cli(['concentration', '--dataset', out, '--format', 'json']);
    const rows = JSON.parse(r.stdout) as {
      item: string;
      hhi: number;
      top: { country: string; share: number };
    }[];
    expect(rows.find((x) => x.item === 'euv-lithography-tools')).toMatchObject({
      hhi: 10000,
      top: { country: 'NLD', share: 1 },
    });
  });

  it('explains "NLD restricts EUV to CHN" with a why chain ending at EUV tools', async () => {
    const file = join(tempDir(), 'nl-euv.yaml');
    writeFileSync(
      file,
      'id: nl-euv\nperspective: CHN\nshocks:\n  - restrict: { from: [NLD], to: [CHN], items: [euv-lithography-tools] }\n',
    );
    const r = await cli(['simulate', file, '--dataset', out, '--format', 'json']);
    expect(r.stderr).toBe('');
    const rep = JSON.parse(r.stdout) as {
      converged: boolean;
      valueAtRisk: number;
      losses: { item: string; why: string[] }[];
    };
    expect(rep.converged).toBe(true);
    expect(rep.valueAtRisk).toBeGreaterThan(0);
    expect(rep.losses.length).toBeGreaterThan(0);
    for (const l of rep.losses) expect(l.why.at(-1)).toBe('euv-lithography-tools');
    expect(rep.losses[0]!.why[0]).toBe(rep.losses[0]!.item);
  });
});
