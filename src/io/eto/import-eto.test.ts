// The ETO importer on the real snapshot (../shared/data/eto-chip-explorer, which must exist:
// a missing snapshot fails these tests) and on small synthetic folders for errors and cycles.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDataset } from '../../core/compile.js';
import type { Dataset } from '../../core/dataset.js';
import { itemConcentration } from '../../core/metrics.js';
import { ValidationError } from '../issues.js';
import { checkDatasetJson } from '../read-dataset.js';
import { datasetToJson } from '../write-dataset.js';
import type { EtoNote } from './import-eto.js';
import { importEto } from './import-eto.js';
import { parseMarketSize } from './eto-text.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ETO_DIR = path.resolve(repoRoot, '../shared/data/eto-chip-explorer');

type Raw = Record<string, string>;
interface Eto {
  dataset: Dataset;
  notes: EtoNote[];
  raw: { inputs: Raw[]; providers: Raw[]; provision: Raw[]; stages: Raw[] };
  /** Dataset item id by ETO id, read back from the "ETO N20." description prefix. */
  itemOf: Map<string, string>;
}

let cached: Eto | undefined;
/** The real ETO snapshot, imported once. A missing snapshot fails every test, never skips. */
function eto(): Eto {
  if (cached) return cached;
  if (!existsSync(ETO_DIR)) {
    throw new Error(
      `ETO snapshot not found at ${ETO_DIR}: these tests need ../shared/data/eto-chip-explorer next to the repository (see docs on test data)`,
    );
  }
  const read = (f: string) =>
    parse(readFileSync(path.join(ETO_DIR, f), 'utf8'), { columns: true, bom: true }) as Raw[];
  const { dataset, notes } = importEto(ETO_DIR);
  const itemOf = new Map<string, string>();
  for (const it of dataset.items) {
    const m = /^ETO (\w+)[. ]/.exec(it.description ?? '');
    if (m) itemOf.set(m[1]!, it.id);
  }
  cached = {
    dataset,
    notes,
    raw: {
      inputs: read('inputs.csv'),
      providers: read('providers.csv'),
      provision: read('provision.csv'),
      stages: read('stages.csv'),
    },
    itemOf,
  };
  return cached;
}

describe('importEto(real ETO snapshot)', () => {
  it('finds the snapshot at ../shared/data/eto-chip-explorer', () => {
    expect(eto().raw.inputs.length).toBeGreaterThan(0);
  });

  it('makes one item per ETO input and per stage, with unique slug ids', () => {
    const { dataset, raw, itemOf } = eto();
    expect(raw.inputs).toHaveLength(126);
    expect(dataset.items).toHaveLength(raw.inputs.length + raw.stages.length);
    for (const r of [...raw.inputs.map((i) => i.input_id), ...raw.stages.map((s) => s.stage_id)]) {
      expect(itemOf.has(r!), `item for ${r}`).toBe(true);
    }
    expect(new Set(dataset.items.map((i) => i.id)).size).toBe(dataset.items.length);
    expect(itemOf.get('N20')).toBe('euv-lithography-tools');
    const euv = dataset.items.find((i) => i.id === 'euv-lithography-tools')!;
    expect(euv).toMatchObject({ kind: 'tool', area: 'ic', variantOf: 'lithography-tools' });
    expect(euv).toMatchObject({ marketSizeUsd: 13e9, marketYear: 2025, stage: 'fabrication' });
  });

  it('validates as a dataset with no errors', () => {
    const { issues } = checkDatasetJson(datasetToJson(eto().dataset), { currentYear: 2026 });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('gives EUV lithography tools hhi 10000, all in NLD', () => {
    const c = compileDataset(eto().dataset);
    const row = itemConcentration(c, c.itemIndex.get('euv-lithography-tools')!);
    expect(row.hhi).toBe(10000);
    expect(row.top).toEqual({ country: 'NLD', share: 1 });
  });

  it('matches countriesTo75 computed straight from provision.csv for every quantified input', () => {
    const { dataset, raw, itemOf } = eto();
    const c = compileDataset(dataset);
    const provider = new Map(raw.providers.map((p) => [p.provider_id!, p]));
    const byInput = new Map<string, Raw[]>();
    for (const r of raw.provision) {
      if (provider.get(r.provider_id!)?.provider_type !== 'country') continue;
      byInput.set(r.provided_id!, [...(byInput.get(r.provided_id!) ?? []), r]);
    }
    let compared = 0;
    for (const [etoId, rows] of byInput) {
      if (rows.some((r) => r.share_provided === '')) continue;
      const total = rows.reduce((s, r) => s + Number(r.share_provided), 0);
      // "Various countries" is the residual; EUR is Europe aggregated: neither is one country.
      const shares = rows
        .filter(
          (r) =>
            !['Various countries', 'EUR'].includes(provider.get(r.provider_id!)!.provider_name!),
        )
        .map((r) => Number(r.share_provided))
        .filter((s) => s > 0)
        .sort((a, b) => b - a)
        .map((s) => (total > 100 ? s / (total / 100) : s));
      let cum = 0;
      let expected: number | null = null;
      for (let n = 0; n < shares.length; n++) {
        cum += shares[n]!;
        if (cum >= 75 - 1e-7) {
          expected = n + 1;
          break;
        }
      }
      const row = itemConcentration(c, c.itemIndex.get(itemOf.get(etoId)!)!);
      expect(row.countriesTo75, `countriesTo75 of ${etoId}`).toBe(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('leaves no item requiring itself, through requirements or variants', () => {
    const { dataset } = eto();
    const next = new Map<string, string[]>();
    const edge = (a: string, b: string) => next.set(a, [...(next.get(a) ?? []), b]);
    for (const r of dataset.requirements) edge(r.item, r.requires);
    for (const it of dataset.items) if (it.variantOf) edge(it.variantOf, it.id);
    for (const start of dataset.items) {
      const seen = new Set<string>();
      const stack = [...(next.get(start.id) ?? [])];
      while (stack.length) {
        const id = stack.pop()!;
        expect(id, `${start.id} reaches itself`).not.toBe(start.id);
        if (seen.has(id)) continue;
        seen.add(id);
        stack.push(...(next.get(id) ?? []));
      }
    }
    expect(
      dataset.requirements.some(
        (r) => r.item === 'photolithography' && r.requires === 'deposition',
      ),
    ).toBe(true);
  });

  it('makes one organization per provider id used, joining old names on the id', () => {
    const { dataset, raw } = eto();
    const provider = new Map(raw.providers.map((p) => [p.provider_id!, p]));
    const used = new Set(
      raw.provision
        .filter((r) => {
          const p = provider.get(r.provider_id!)!;
          return (
            p.provider_type === 'organization' &&
            !p.provider_name!.startsWith('Various') &&
            r.share_provided !== '0.0'
          );
        })
        .map((r) => r.provider_id!),
    );
    expect(raw.providers.length).toBeGreaterThan(
      new Set(raw.providers.map((p) => p.provider_id)).size,
    );
    expect(dataset.organizations).toHaveLength(used.size);
    expect(new Set(dataset.organizations.map((o) => o.id)).size).toBe(used.size);
    const fuji = dataset.organizations.find((o) => o.name === 'Fujifilm Electronic Materials');
    expect(fuji?.aliases).toContain('Fujifilm');
    expect(dataset.shares.some((s) => s.provider === fuji?.id && s.item === 'photoresists')).toBe(
      true,
    );
  });

  it('notes EUR, Various countries and every input without provision rows', () => {
    const { notes, raw, itemOf } = eto();
    expect(notes.some((n) => n.message.includes('EUR (Europe, aggregated)'))).toBe(true);
    expect(notes.some((n) => n.message.includes('"Various countries"'))).toBe(true);
    const provided = new Set(raw.provision.map((r) => r.provided_id));
    const without = raw.inputs.map((r) => r.input_id!).filter((id) => !provided.has(id));
    expect(without).toHaveLength(16);
    for (const id of without) {
      const item = itemOf.get(id);
      expect(
        notes.some((n) => n.item === item && n.message.includes('no provision rows')),
        `note for ${id}`,
      ).toBe(true);
    }
  });

  it('counts EUR and Various countries as ROW in one summed row', () => {
    const { dataset } = eto();
    const row = dataset.shares.filter((s) => s.item === 'design' && s.provider === 'ROW');
    expect(row).toHaveLength(1);
    expect(row[0]!.share).toBeCloseTo(0.14, 12);
  });
});

describe('parseMarketSize(text)', () => {
  it('reads amounts, units, years and qualifiers', () => {
    expect(parseMarketSize('$574.1 billion (2022)')).toEqual({
      usd: 574.1e9,
      year: 2022,
      qualifiers: [],
    });
    expect(parseMarketSize('$56.2 billion (microprocessors) (2019)')).toEqual({
      usd: 56.2e9,
      year: 2019,
      qualifiers: ['microprocessors'],
    });
    expect(parseMarketSize('$852.6 million (2025)')?.usd).toBe(852.6e6);
    expect(parseMarketSize('$10.9 billion')).toEqual({ usd: 10.9e9, qualifiers: [] });
    expect(parseMarketSize('n/a')).toBeUndefined();
  });
});

describe('importEto(synthetic folder)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const files = (): Record<string, string> => ({
    'inputs.csv':
      'input_id,input_name,type,stage_name,stage_id,description,year,market_share_chart_global_market_size_info\n' +
      'N1,Tool A,tool_resource,,,,2025,$1 billion (2025)\n' +
      'N2,Process B,process,Fab,S1,,,\n',
    'providers.csv':
      'provider_name,alias,provider_id,provider_type,country\nUSA,United States,P1,country,\n',
    'provision.csv':
      'provider_name,provider_id,provided_name,provided_id,share_provided,year,source\n' +
      'USA,P1,Tool A,N1,100,2025,Somebody (2025)\n',
    'sequence.csv':
      'input_name,input_id,goes_into_name,goes_into_id,is_type_of_name,is_type_of_id\n' +
      'Tool A,N1,Process B,N2,,\nProcess B,N2,Tool A,N1,,\n',
    'stages.csv':
      'stage_id,stage_name,description,market_share_chart_global_market_size_info\nS1,Fab,,\n',
  });
  const folder = (edit: (f: Record<string, string>) => void = () => {}): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eto-'));
    dirs.push(dir);
    const f = files();
    edit(f);
    for (const [name, text] of Object.entries(f)) writeFileSync(path.join(dir, name), text);
    return dir;
  };

  it('breaks a goes_into cycle deterministically and notes it', () => {
    const { dataset, notes } = importEto(folder());
    const pairs = dataset.requirements.map((r) => `${r.item}<-${r.requires}`);
    expect(pairs).toContain('process-b<-tool-a');
    expect(pairs).not.toContain('tool-a<-process-b');
    expect(notes.some((n) => n.action === 'dropped' && n.message.includes('cycle'))).toBe(true);
  });

  it('throws naming a missing file', () => {
    const dir = folder((f) => delete f['provision.csv']);
    expect(() => importEto(dir)).toThrow(/provision\.csv is missing/);
  });

  it('throws naming the file and a missing column', () => {
    const dir = folder((f) => {
      f['providers.csv'] =
        'provider_name,alias,provider_type,country\nUSA,United States,country,\n';
    });
    expect(() => importEto(dir)).toThrow(/providers\.csv is missing column "provider_id"/);
  });

  it('throws naming a missing folder', () => {
    expect(() => importEto(path.join(tmpdir(), 'no-such-eto-folder'))).toThrow(/does not exist/);
  });
});

// Hostile input found by fuzzing (test/fuzz/eto.test.ts): each case is the minimal input that
// once crashed the importer or made it write a dataset that does not validate.
describe('importEto(hostile synthetic folder)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const base: Record<string, string> = {
    'inputs.csv':
      'input_id,input_name,type,stage_name,stage_id,description,year,market_share_chart_global_market_size_info\n' +
      'N1,Tool A,tool_resource,,,,2025,\n',
    'providers.csv':
      'provider_name,alias,provider_id,provider_type,country\n' +
      'USA,United States,P1,country,\nAcme,,P2,organization,USA\n',
    'provision.csv':
      'provider_name,provider_id,provided_name,provided_id,share_provided,year,source\n' +
      'USA,P1,Tool A,N1,60,2025,Somebody (2025)\nAcme,P2,Tool A,N1,60,2025,Somebody (2025)\n',
    'sequence.csv':
      'input_name,input_id,goes_into_name,goes_into_id,is_type_of_name,is_type_of_id\n',
    'stages.csv': 'stage_id,stage_name,description,market_share_chart_global_market_size_info\n',
  };
  const folder = (edits: Record<string, (text: string) => string>): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eto-hostile-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(base))
      writeFileSync(path.join(dir, name), edits[name]?.(text) ?? text);
    return dir;
  };
  /** Import, then check the result as `chokepoint import eto` does: it must validate. */
  const importValid = (dir: string) => {
    const { dataset, notes } = importEto(dir);
    const errors = checkDatasetJson(datasetToJson(dataset), { currentYear: 2026 }).issues.filter(
      (i) => i.severity === 'error',
    );
    expect(errors).toEqual([]);
    return { dataset, notes };
  };
  const refusal = (dir: string): ValidationError => {
    try {
      importEto(dir);
    } catch (err) {
      if (err instanceof ValidationError) return err;
      throw err;
    }
    throw new Error('expected a ValidationError');
  };

  it('refuses a missing file, a missing column or a missing folder with a ValidationError', () => {
    // These were plain Errors, which the CLI reported as "unexpected error ... This is a bug".
    const noFolder = refusal(path.join(tmpdir(), 'no-such-eto-folder'));
    expect(noFolder.issues[0]).toMatchObject({ code: 'missing-file' });
    const dir = folder({});
    rmSync(path.join(dir, 'stages.csv'));
    expect(refusal(dir).issues[0]).toMatchObject({ file: 'stages.csv', code: 'missing-file' });
    const noColumn = refusal(folder({ 'providers.csv': (t) => t.replace('provider_id,', 'id,') }));
    expect(noColumn.issues[0]).toMatchObject({ file: 'providers.csv', code: 'missing-column' });
    expect(noColumn.message).toMatch(/providers\.csv is missing column "provider_id"/);
  });

  it('refuses a file that is a folder', () => {
    const dir = folder({});
    rmSync(path.join(dir, 'sequence.csv'));
    mkdirSync(path.join(dir, 'sequence.csv'));
    expect(refusal(dir).issues[0]).toMatchObject({ file: 'sequence.csv', code: 'not-a-file' });
  });

  it('refuses a provider with no name, which would make an organization with no name', () => {
    const err = refusal(folder({ 'providers.csv': (t) => t.replace('Acme,,P2', ',,P2') }));
    expect(err.issues[0]).toMatchObject({ file: 'providers.csv', code: 'missing-value' });
    expect(err.message).toMatch(/row 2 has no provider_id or provider_name/);
  });

  it('gives an organization whose name has no letters an id that is not a country code', () => {
    // ";" slugs to nothing; the id fell back to the country, "usa", which reads as USA.
    const { dataset } = importValid(folder({ 'providers.csv': (t) => t.replace('Acme', ';') }));
    expect(dataset.organizations.map((o) => o.id)).toEqual(['org-usa']);
  });

  it('reads an ETO type named like an Object method as unknown, not as the method', () => {
    const { dataset, notes } = importValid(
      folder({ 'inputs.csv': (t) => t.replace('tool_resource', 'toString') }),
    );
    expect(dataset.items[0]!.kind).toBe('component');
    expect(notes.some((n) => n.message.includes('ETO type "toString" is not known'))).toBe(true);
  });

  it('leaves a year outside 1900..2100 blank, with a note', () => {
    const { dataset, notes } = importValid(
      folder({
        'provision.csv': (t) => t.replace('60,2025,Somebody (2025)', '60,1899,Somebody (3025)'),
      }),
    );
    expect(dataset.shares.map((s) => s.year)).toEqual([undefined, 2025]);
    expect(dataset.sources.find((s) => s.title.includes('3025'))?.year).toBeUndefined();
    expect(notes.some((n) => n.message.includes('year "1899" is not a year 1900..2100'))).toBe(
      true,
    );
  });
});
