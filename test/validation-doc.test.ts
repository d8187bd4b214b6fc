/**
 * docs/validation.md sets the model's figures for every library case beside what happened.
 * The figures are typed by hand from `chokepoint simulate`; this test recomputes each one on
 * the bundled dataset, in both reallocation modes, and fails when the page no longer says it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDataset } from '../src/core/compile.js';
import { resolvePerspective } from '../src/core/perspective.js';
import { resolveScenario } from '../src/core/scenario.js';
import type { SimulationReport } from '../src/core/simulate.js';
import { simulate } from '../src/core/simulate.js';
import { loadDataset } from '../src/io/read-dataset.js';
import { readLibraryFiles } from '../src/io/scenario-library.js';
import { BUNDLED, REPO } from './support.js';

const c = compileDataset(loadDataset(BUNDLED).dataset);
const library = new Map(readLibraryFiles(BUNDLED, c).map((f) => [f.scenario.id, f.scenario]));
const doc = readFileSync(join(REPO, 'docs/validation.md'), 'utf8');

type Mode = 'market' | 'fixed';
const cache = new Map<string, SimulationReport>();
function run(id: string, mode: Mode): SimulationReport {
  const key = `${id}/${mode}`;
  let r = cache.get(key);
  if (!r) {
    const scenario = library.get(id);
    if (!scenario) throw new Error(`no library scenario ${id}`);
    const { diff, problems } = resolveScenario(c, scenario, mode);
    expect(problems).toEqual([]);
    const p = resolvePerspective(c, scenario.perspective ?? 'CHN');
    r = simulate(c, diff, p, id).report;
    expect(r.converged, key).toBe(true);
    cache.set(key, r);
  }
  return r;
}

/** The part of the page about a scenario: its section, table row or bullet. */
function section(id: string): string {
  const at = doc.indexOf(`\`${id}\``);
  expect(at, `docs/validation.md does not name ${id}`).toBeGreaterThan(0);
  const lineStart = doc.lastIndexOf('\n', at) + 1;
  const line = doc.slice(lineStart, doc.indexOf('\n', at));
  if (line.startsWith('## ')) {
    const next = doc.indexOf('\n## ', at);
    return doc.slice(at, next < 0 ? undefined : next).replace(/\s+/g, ' ');
  }
  if (line.startsWith('- ')) {
    const next = doc.indexOf('\n- ', at);
    return doc.slice(lineStart, next < 0 ? undefined : next).replace(/\s+/g, ' ');
  }
  return line;
}

const pct = (x: number, digits: number) => `${(100 * x).toFixed(digits)}%`;
const access = (r: SimulationReport, item: string) =>
  r.access.find((a) => a.item === item && a.country === r.perspective)?.a ?? 1;
const level = (r: SimulationReport, item: string) =>
  r.nodes.find((n) => n.item === item && n.country === r.perspective)?.x ?? 1;
const world = (r: SimulationReport, item: string) =>
  r.worldLoss.find((w) => w.item === item)?.loss ?? 0;
const billions = (r: SimulationReport, digits: number) =>
  `${(r.valueAtRisk / 1e9).toFixed(digits)} billion`;

/** [scenario, mode, what the page must say, how it is computed] */
const claims: [string, Mode, (r: SimulationReport) => string][] = [
  ['japan-korea-2019', 'market', (r) => pct(access(r, 'photoresists'), 1)],
  ['japan-korea-2019', 'fixed', (r) => pct(access(r, 'photoresists'), 0)],
  ['japan-korea-2019', 'market', (r) => pct(access(r, 'high-purity-hydrogen-fluoride'), 0)],
  ['japan-korea-2019', 'fixed', (r) => pct(access(r, 'high-purity-hydrogen-fluoride'), 0)],
  ['japan-korea-2019', 'market', (r) => pct(r.capabilityIndex, 1)],
  ['japan-korea-2019', 'fixed', (r) => pct(r.capabilityIndex, 1)],
  ['japan-korea-2019', 'market', (r) => `falls to ${pct(level(r, 'memory-chips'), 0)}`],
  ['us-controls-2022', 'market', (r) => pct(r.capabilityIndex, 0)],
  ['us-controls-2022', 'fixed', (r) => pct(r.capabilityIndex, 1)],
  ['us-controls-2022', 'fixed', (r) => pct(1 - r.capabilityIndex, 1)],
  ['us-controls-2022', 'fixed', (r) => pct(access(r, 'ion-implanters'), 1)],
  ['us-controls-2022', 'fixed', (r) => pct(access(r, 'deposition-tools'), 1)],
  ['us-controls-2022', 'fixed', (r) => `machine tools at ${pct(level(r, 'machine-tools'), 0)}`],
  ['us-nl-jp-controls-2023', 'market', (r) => pct(access(r, 'lithography-tools'), 1)],
  ['us-nl-jp-controls-2023', 'fixed', (r) => pct(access(r, 'lithography-tools'), 1)],
  ['us-nl-jp-controls-2023', 'market', (r) => pct(r.capabilityIndex, 1)],
  ['us-nl-jp-controls-2023', 'fixed', (r) => pct(r.capabilityIndex, 1)],
  [
    'us-nl-jp-controls-2023',
    'market',
    (r) => `machine tools at ${pct(level(r, 'machine-tools'), 0)}`,
  ],
  [
    'china-gallium-germanium-2023',
    'market',
    (r) => pct(access(r, 'refined-high-purity-gallium'), 1),
  ],
  [
    'china-gallium-germanium-2023',
    'fixed',
    (r) => pct(access(r, 'refined-high-purity-gallium'), 1),
  ],
  ['china-gallium-germanium-2023', 'market', (r) => pct(access(r, 'germanium'), 1)],
  ['china-gallium-germanium-2023', 'fixed', (r) => pct(access(r, 'germanium'), 0)],
  ['china-gallium-germanium-2023', 'market', (r) => pct(r.capabilityIndex, 1)],
  ['china-gallium-germanium-2023', 'fixed', (r) => pct(r.capabilityIndex, 1)],
  ['china-ban-to-us-2024', 'market', (r) => `germanium access ${pct(access(r, 'germanium'), 0)}`],
  ['china-ban-to-us-2024', 'market', (r) => `CI ${pct(r.capabilityIndex, 1)}`],
  ['china-ban-to-us-2024', 'market', (r) => `USD ${billions(r, 1)}`],
  ['china-ban-to-us-2024', 'fixed', (r) => `germanium ${pct(access(r, 'germanium'), 0)}`],
  [
    'china-ban-to-us-2024',
    'fixed',
    (r) => `gallium ${pct(access(r, 'refined-high-purity-gallium'), 0)}`,
  ],
  ['china-ban-to-us-2024', 'fixed', (r) => `antimony ${pct(access(r, 'antimony'), 0)}`],
  ['china-ban-to-us-2024', 'fixed', (r) => `CI ${pct(r.capabilityIndex, 1)}`],
  ['china-ban-to-us-2024', 'fixed', (r) => `USD ${billions(r, 1)}`],
  [
    'china-graphite-2023',
    'market',
    (r) => `natural graphite ${pct(access(r, 'natural-graphite'), 1)}`,
  ],
  ['china-graphite-2023', 'fixed', (r) => pct(access(r, 'natural-graphite'), 1)],
  ['china-antimony-2024', 'market', (r) => `antimony ${pct(access(r, 'antimony'), 0)}`],
  ['china-antimony-2024', 'fixed', (r) => pct(access(r, 'antimony'), 0)],
  [
    'china-rare-earths-2025',
    'market',
    (r) => `NdFeB magnets ${pct(access(r, 'ndfeb-magnets'), 0)}`,
  ],
  ['china-rare-earths-2025', 'fixed', (r) => pct(access(r, 'ndfeb-magnets'), 0)],
  [
    'china-rare-earths-2025',
    'market',
    (r) => `machine tools ${pct(access(r, 'machine-tools'), 0)}`,
  ],
  ['china-rare-earths-2025', 'fixed', (r) => pct(access(r, 'machine-tools'), 0)],
  ['china-rare-earths-2025', 'market', (r) => `CI ${pct(r.capabilityIndex, 1)}`],
  ['china-rare-earths-2025', 'fixed', (r) => pct(r.capabilityIndex, 1)],
  [
    'china-rare-earths-2025',
    'market',
    (r) => `machine tools at ${pct(level(r, 'machine-tools'), 0)}`,
  ],
  ['renesas-fire-2021', 'market', (r) => `${pct(world(r, 'microcontrollers'), 0)} lower`],
  ['renesas-fire-2021', 'market', (r) => `USD ${billions(r, 1)}`],
  ['thailand-floods-2011', 'market', (r) => `${pct(world(r, 'hard-disk-drives'), 0)} lower`],
  ['thailand-floods-2011', 'market', (r) => `capability index ${pct(r.capabilityIndex, 1)}`],
  ['thailand-floods-2011', 'market', (r) => `USD ${billions(r, 1)}`],
  ['taiwan-strait-disruption', 'market', (r) => `CI ${pct(r.capabilityIndex, 1)}`],
  ['taiwan-strait-disruption', 'market', (r) => `USD ${billions(r, 0)}`],
  [
    'taiwan-strait-disruption',
    'market',
    (r) => `logic chips fall to ${pct(level(r, 'logic-chips'), 0)}`,
  ],
  ['decoupling-equipment-software', 'market', (r) => `CI ${pct(r.capabilityIndex, 0)}`],
  ['decoupling-equipment-software', 'fixed', (r) => `${pct(r.capabilityIndex, 0)} (\`fixed\`)`],
  ['seed-stock-embargo', 'market', (r) => (r.valueAtRisk === 0 ? 'no production loss' : 'a loss')],
  ['seed-stock-embargo', 'fixed', (r) => `seed falls to ${pct(access(r, 'commercial-seeds'), 0)}`],
];

describe('docs/validation.md matches the model on the bundled data', () => {
  it('states every library case with the figures simulate gives today', () => {
    const stale: string[] = [];
    for (const [id, mode, say] of claims) {
      const want = say(run(id, mode));
      if (!section(id).includes(want)) stale.push(`${id} (${mode}): expected "${want}"`);
    }
    expect(stale).toEqual([]);
  }, 60_000);

  it('names the dataset version it was measured on', () => {
    const version = loadDataset(BUNDLED).dataset.meta.version;
    expect(version).toBeTruthy();
    expect(doc).toContain(`bundled dataset ${version}`);
  });
});
