/**
 * Two saved runs side by side (`GET /api/runs/compare`, the dashboard's Saved page): the
 * headline figures of their kind, the same figures by area, and the entries that differ most
 * (items for simulations, chokepoints for rankings, events for risk, projects for plans).
 *
 * Results are read as the JSON the commands print (saved runs), defensively: a field missing
 * from one run (an older version, another kind) shows as null, never as a crash.
 */

export type ComparedKind = 'simulate' | 'rank' | 'risk' | 'plan';

export interface ComparedRun {
  id: string;
  kind: string;
  status: string;
  datasetVersionId: string;
  scenarioId: string | null;
  scenarioVersion: number | null;
  startedAt: string;
  results: unknown;
}

export interface ComparedFigure {
  /** What the figure is: `capabilityIndex`, `valueAtRisk.mean`, `cost` ... */
  metric: string;
  /** `share` (0..1) or `usd`. */
  unit: 'share' | 'usd';
  a: number | null;
  b: number | null;
  /** b - a, when both exist. */
  delta: number | null;
}

export interface ComparedEntry {
  /** Stable key: an item id, `item|restrictor`, an event id, a project id. */
  key: string;
  a: number | null;
  b: number | null;
  delta: number | null;
}

export interface RunComparison {
  a: Omit<ComparedRun, 'results'>;
  b: Omit<ComparedRun, 'results'>;
  /** The kind both runs share, or null when they differ (then only the summaries compare). */
  kind: ComparedKind | null;
  sameDataset: boolean;
  sameScenario: boolean;
  /** Notes for the reader: different kinds, datasets or perspectives, failed runs. */
  notes: string[];
  figures: ComparedFigure[];
  /** Per area: the headline figure of the kind (value at risk; its mean for risk). */
  byArea: (ComparedEntry & { unit: 'usd' })[];
  /** What the entries are (`value lost by item` ...) and the largest differences first. */
  entries: { label: string; unit: 'usd' | 'share' | 'chosen'; rows: ComparedEntry[] };
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function at(v: unknown, path: string): unknown {
  let cur = v;
  for (const k of path.split('.')) cur = isObj(cur) ? cur[k] : undefined;
  return cur;
}

function figure(a: unknown, b: unknown, metric: string, unit: 'share' | 'usd'): ComparedFigure {
  const x = num(at(a, metric));
  const y = num(at(b, metric));
  return { metric, unit, a: x, b: y, delta: x !== null && y !== null ? y - x : null };
}

/** Join two keyed maps; missing keys read as `missing` (0 for sums, null otherwise). */
function join(
  ma: Map<string, number>,
  mb: Map<string, number>,
  missing: number | null,
  top: number,
): ComparedEntry[] {
  const keys = [...new Set([...ma.keys(), ...mb.keys()])];
  const rows = keys.map((key) => {
    const a = ma.get(key) ?? missing;
    const b = mb.get(key) ?? missing;
    return { key, a, b, delta: a !== null && b !== null ? b - a : null };
  });
  const size = (r: ComparedEntry) => Math.abs(r.delta ?? Math.max(r.a ?? 0, r.b ?? 0));
  rows.sort((x, y) => size(y) - size(x) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return rows.slice(0, top);
}

function keyed(list: unknown, key: (o: Json) => string | null, value: (o: Json) => unknown) {
  const m = new Map<string, number>();
  for (const o of arr(list)) {
    if (!isObj(o)) continue;
    const k = key(o);
    const v = num(value(o));
    if (k !== null && v !== null) m.set(k, (m.get(k) ?? 0) + v);
  }
  return m;
}

const KINDS: readonly ComparedKind[] = ['simulate', 'rank', 'risk', 'plan'];

/** The figures, areas and entries of one kind. */
function byKind(kind: ComparedKind, a: unknown, b: unknown, top: number) {
  const areaMap = (r: unknown, path: string) =>
    keyed(
      at(r, 'byArea'),
      (o) => str(o.area),
      (o) => at(o, path),
    );
  const areas = (path: string) =>
    join(areaMap(a, path), areaMap(b, path), null, 1000).map((e) => ({
      ...e,
      unit: 'usd' as const,
    }));
  switch (kind) {
    case 'simulate': {
      const lost = (r: unknown) =>
        keyed(
          at(r, 'losses'),
          (o) => str(o.item),
          (o) => o.valueLost,
        );
      return {
        figures: [
          figure(a, b, 'capabilityIndex', 'share'),
          figure(a, b, 'valueAtRisk', 'usd'),
          figure(a, b, 'baselineValue', 'usd'),
        ],
        byArea: areas('valueAtRisk'),
        entries: {
          label: 'value lost by item',
          unit: 'usd' as const,
          rows: join(lost(a), lost(b), 0, top),
        },
      };
    }
    case 'rank': {
      // The CLI prints the rows; the API wraps nothing either: a list of rows.
      const rows = (r: unknown) =>
        keyed(
          Array.isArray(r) ? r : at(r, 'rows'),
          (o) => (str(o.item) && str(o.restrictor) ? `${str(o.item)}|${str(o.restrictor)}` : null),
          (o) => o.valueAtRisk,
        );
      const ra = rows(a);
      const rb = rows(b);
      const max = (m: Map<string, number>) => (m.size ? Math.max(...m.values()) : null);
      const x = max(ra);
      const y = max(rb);
      return {
        figures: [
          {
            metric: 'top valueAtRisk',
            unit: 'usd' as const,
            a: x,
            b: y,
            delta: x !== null && y !== null ? y - x : null,
          },
        ],
        byArea: [],
        entries: {
          label: 'value at risk by chokepoint (item|restrictor)',
          unit: 'usd' as const,
          rows: join(ra, rb, null, top),
        },
      };
    }
    case 'risk': {
      const contrib = (r: unknown) =>
        keyed(
          at(r, 'contributions'),
          (o) => str(o.shock),
          (o) => o.delta,
        );
      return {
        figures: [
          figure(a, b, 'capabilityIndex.mean', 'share'),
          figure(a, b, 'capabilityIndex.p5', 'share'),
          figure(a, b, 'valueAtRisk.mean', 'usd'),
          figure(a, b, 'valueAtRisk.p95', 'usd'),
          figure(a, b, 'valueAtRisk.cvar95', 'usd'),
        ],
        byArea: areas('valueAtRisk.mean'),
        entries: {
          label: "each event's contribution to the mean value at risk",
          unit: 'usd' as const,
          rows: join(contrib(a), contrib(b), null, top),
        },
      };
    }
    case 'plan': {
      const chosen = (r: unknown) =>
        new Map(
          arr(at(r, 'chosen'))
            .map(str)
            .filter((s): s is string => s !== null)
            .map((s) => [s, 1]),
        );
      return {
        figures: [
          figure(a, b, 'budget', 'usd'),
          figure(a, b, 'cost', 'usd'),
          figure(a, b, 'lossBefore', 'usd'),
          figure(a, b, 'lossAfter', 'usd'),
        ],
        byArea: [],
        entries: {
          label: 'projects chosen (1) or not (0)',
          unit: 'chosen' as const,
          rows: join(chosen(a), chosen(b), 0, top),
        },
      };
    }
  }
}

export function compareRuns(a: ComparedRun, b: ComparedRun, top = 20): RunComparison {
  const strip = ({ results: _r, ...rest }: ComparedRun) => rest;
  const notes: string[] = [];
  const kind =
    a.kind === b.kind && (KINDS as readonly string[]).includes(a.kind)
      ? (a.kind as ComparedKind)
      : null;
  if (a.kind !== b.kind)
    notes.push(`the runs are of different kinds (${a.kind}, ${b.kind}): only their summaries`);
  const sameDataset = a.datasetVersionId === b.datasetVersionId;
  if (!sameDataset)
    notes.push(
      `the runs used different dataset versions (${a.datasetVersionId}, ${b.datasetVersionId}): differences mix data and scenario`,
    );
  for (const r of [a, b])
    if (r.status !== 'ok') notes.push(`run ${r.id} ${r.status}: it has no results`);
  const pa = str(at(a.results, 'perspective'));
  const pb = str(at(b.results, 'perspective'));
  if (pa && pb && pa !== pb) notes.push(`different perspectives (${pa}, ${pb})`);
  const body =
    kind === null
      ? { figures: [], byArea: [], entries: { label: '', unit: 'usd' as const, rows: [] } }
      : byKind(kind, a.results, b.results, top);
  return {
    a: strip(a),
    b: strip(b),
    kind,
    sameDataset,
    sameScenario:
      a.scenarioId !== null &&
      a.scenarioId === b.scenarioId &&
      a.scenarioVersion === b.scenarioVersion,
    notes,
    ...body,
  };
}
