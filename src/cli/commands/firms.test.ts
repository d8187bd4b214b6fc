import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import type { GlobalOptions } from '../context.js';
import { Context } from '../context.js';
import { registerFirms } from './firms.js';

const fixtures = resolve(__dirname, '../../../test/fixtures/firms');
const tmp = mkdtempSync(join(tmpdir(), 'chokepoint-firms-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run `chokepoint firms ...` in-process (main.ts registers the same way). */
async function firms(...args: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  const io = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  };
  const p = new Command('chokepoint')
    .addOption(new Option('--format <format>'))
    .exitOverride()
    .configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerFirms(p, (cmd) => new Context(io, cmd.optsWithGlobals<GlobalOptions>()));
  await p.parseAsync(['firms', ...args, '--format', 'json'], { from: 'user' });
  return { out, err };
}

describe('chokepoint firms', () => {
  it('simulates the CSV form and gives the same numbers on any number of workers', async () => {
    const dir = join(tmp, 'net');
    await firms(
      'generate',
      '--firms',
      '3000',
      '--links',
      '15000',
      '--sectors',
      '9',
      '--countries',
      '4',
      '--seed',
      '3',
      '--out',
      dir,
    );
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(dir, 'shocks.csv'),
      'firm,delta,start,recovery\n0,0.9,0,\n17,0.5,2,10\n42,1,1,30\n',
    );
    const runs = [];
    for (const w of ['0', '1', '2']) {
      const { out } = await firms(
        'simulate',
        dir,
        '--steps',
        '30',
        '--rationing',
        'lowest-first',
        '--workers',
        w,
      );
      runs.push(JSON.parse(out));
    }
    expect(runs[0].steps).toHaveLength(31);
    expect(runs[0].steps[30].production).toBeLessThan(runs[0].steps[0].production);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    expect(Object.keys(runs[0].byCountry).sort()).toEqual(['C001', 'C002', 'C003', 'C004']);
  });

  it("reads the simulator's files and writes snapshots", async () => {
    const sim = join(fixtures, 'simulator');
    const snaps = join(tmp, 'snaps');
    const { out } = await firms(
      'simulate',
      '--links',
      join(sim, 'links.txt'),
      '--final-demand',
      join(sim, 'final.txt'),
      '--initial',
      join(sim, 'initial.txt'),
      '--sectors',
      join(sim, 'sectors.txt'),
      '--shocks',
      join(sim, 'delta.txt'),
      '--snapshot',
      '0,5',
      '--snapshot-out',
      snaps,
    );
    const r = JSON.parse(out);
    expect(r.options).toMatchObject({
      steps: 10,
      inventory: 15,
      tau: 6,
      rationing: 'proportional',
      inventoryUse: 'by-flow',
    });
    expect(r.steps[0]).toEqual({ t: -1, production: 120, finalConsumption: 80 });
    expect(readFileSync(join(snaps, 'snapshot-0.txt'), 'utf8').split('\n')[0]).toBe('1 3');
  });

  it('sweeps: one scenario per country, checked against firms simulate', async () => {
    const dir = join(fixtures, 'csv');
    const lostOf = (steps: { production: number }[]) =>
      steps.slice(1).reduce((s, r) => s + (steps[0]!.production - r.production), 0);
    // With a zero loss every scenario is the network's own shocks: the plain run's loss.
    const plain = JSON.parse((await firms('simulate', dir, '--steps', '12')).out);
    const zero = JSON.parse(
      (await firms('simulate', dir, '--steps', '12', '--sweep', 'countries', '--sweep-delta', '0'))
        .out,
    );
    expect(zero.scenarios.map((x: { id: string }) => x.id)).toEqual(['AAA', 'BBB']);
    for (const x of zero.scenarios) {
      expect(x.productionLost).toBeGreaterThan(0);
      expect(x.productionLost).toBeCloseTo(lostOf(plain.steps), 6);
    }
    expect(zero.baseline).toEqual({ production: 120, finalConsumption: 80 });
    // Full loss: each country's two firms are out, and the loss shows where they are.
    const out = JSON.parse(
      (await firms('simulate', dir, '--steps', '12', '--sweep', 'countries')).out,
    );
    const byId = Object.fromEntries(
      out.scenarios.map((x: { id: string; firms: number }) => [x.id, x]),
    );
    expect(byId.AAA.firms).toBe(2);
    expect(byId.BBB.firms).toBe(2);
    expect(byId.BBB.productionLostByCountry.BBB).toBeGreaterThan(0);
    expect(byId.BBB.endProduction).toBeLessThan(out.baseline.production);
    // Listed by production lost, largest first.
    expect(out.scenarios[0].productionLost).toBeGreaterThanOrEqual(out.scenarios[1].productionLost);
    // The sweep summarizes: no snapshots; --redis needs a sweep.
    await expect(firms('simulate', dir, '--sweep', 'countries', '--snapshot', '1')).rejects.toThrow(
      /--snapshot does not apply to --sweep/,
    );
    await expect(firms('simulate', dir, '--redis', 'redis://127.0.0.1:1')).rejects.toThrow(
      /--redis distributes a sweep/,
    );
    await expect(firms('simulate', dir, '--sweep', 'regions')).rejects.toThrow(
      /--sweep must be one of countries, sectors/,
    );
  });

  it('refuses to overwrite a folder without --force', async () => {
    const dir = join(tmp, 'twice');
    await firms('generate', '--firms', '10', '--links', '20', '--out', dir);
    await expect(firms('generate', '--firms', '10', '--links', '20', '--out', dir)).rejects.toThrow(
      /already exists/,
    );
    await firms('generate', '--firms', '10', '--links', '20', '--out', dir, '--force');
  });
});
