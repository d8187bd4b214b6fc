import { describe, expect, it } from 'vitest';
import { compileMini } from '../equilibrium/test-support.js';
import { resolvePerspective } from '../perspective.js';
import { drawRuns } from './draw.js';
import type { RiskModel } from './model.js';
import { checkRiskModel } from './model.js';
import { CancelledError } from './cancel.js';
import { histogram, runRisk } from './monte-carlo.js';
import { mulberry32, runRng } from './rng.js';
import { cvar, quantileSorted, summarize, tailCount } from './stats.js';

describe('summary statistics', () => {
  it('quantiles interpolate between order statistics (Hyndman-Fan type 7)', () => {
    const v = Float64Array.from({ length: 101 }, (_, q) => q); // 0..100
    expect(quantileSorted(v, 0.05)).toBe(5);
    expect(quantileSorted(v, 0.5)).toBe(50);
    expect(quantileSorted(v, 0.95)).toBe(95);
    expect(quantileSorted(Float64Array.of(0, 10), 0.25)).toBe(2.5);
  });

  it('CVaR 95% is the mean of the worst ceil(0.05 n) runs', () => {
    expect(tailCount(100)).toBe(5);
    expect(tailCount(101)).toBe(6);
    expect(tailCount(10)).toBe(1);
    const v = Float64Array.from({ length: 100 }, (_, q) => q + 1); // 1..100
    expect(cvar(v, 'loss')).toBe((96 + 97 + 98 + 99 + 100) / 5);
    expect(cvar(v, 'gain')).toBe((1 + 2 + 3 + 4 + 5) / 5);
    const s = summarize(v, 'loss');
    expect(s.mean).toBe(50.5);
    expect(s.p50).toBe(50.5);
  });
});

describe('seeded draws', () => {
  it('a run draws the same numbers whatever else was drawn, and seeds differ', () => {
    const a = runRng(42, 7);
    const b = runRng(42, 7);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(runRng(43, 7)()).not.toBe(xs[0]);
    expect(runRng(42, 8)()).not.toBe(xs[0]);
    const u = mulberry32(1)();
    expect(u).toBeGreaterThanOrEqual(0);
    expect(u).toBeLessThan(1);
  });

  it('event frequencies approach their probabilities, and equal sets share one scenario', () => {
    const d = drawRuns([0.3, 0.5, 0], 20000, 1);
    let first = 0;
    let second = 0;
    for (let r = 0; r < d.runs; r++) {
      first += d.occurred[r * 3]!;
      second += d.occurred[r * 3 + 1]!;
      expect(d.occurred[r * 3 + 2]).toBe(0);
    }
    expect(first / d.runs).toBeCloseTo(0.3, 1);
    expect(second / d.runs).toBeCloseTo(0.5, 1);
    expect(d.distinct.length).toBe(4);
  });
});

const world = () =>
  compileMini({
    items: [
      { id: 'tool', marketSizeUsd: 100 },
      { id: 'chip', marketSizeUsd: 1000 },
      { id: 'seed', area: 'seeds', marketSizeUsd: 50 },
    ],
    shares: [
      ['tool', 'NLD', 0.8],
      ['tool', 'JPN', 0.2],
      ['chip', 'CHN', 0.5],
      ['chip', 'TWN', 0.5],
      ['seed', 'CHN', 0.5],
      ['seed', 'USA', 0.5],
    ],
    requirements: [['chip', 'tool']],
    countries: [['CHN'], ['NLD'], ['JPN'], ['TWN'], ['USA']],
  });

const model: RiskModel = {
  id: 'test',
  assumptions: { reallocation: 'market' },
  events: [
    {
      id: 'nld-tools',
      probability: 0.4,
      shocks: [{ restrict: { from: ['NLD'], to: ['CHN'], items: ['tool'], severity: 1 } }],
    },
    {
      id: 'jpn-tools',
      probability: 0.2,
      shocks: [{ restrict: { from: ['JPN'], to: ['CHN'], items: ['tool'], severity: 1 } }],
    },
    { id: 'nothing', probability: 0.5, shocks: [] },
  ],
};

describe('runRisk', () => {
  const c = world();
  const chn = resolvePerspective(c, 'CHN');

  it('checks names against the dataset', () => {
    const bad: RiskModel = {
      ...model,
      events: [
        {
          id: 'x',
          probability: 1,
          shocks: [{ restrict: { from: ['NLX'], to: ['CHN'], severity: 1 } }],
        },
      ],
    };
    const problems = checkRiskModel(c, bad);
    expect(problems[0]!.path).toBe('events[0].shocks[0].restrict.from[0]');
    expect(problems[0]!.hint).toMatch(/NLD/);
  });

  it('is deterministic, differs between seeds, and gives each event its contribution', () => {
    const a = runRisk(c, model, chn, { runs: 500, seed: 1 });
    const b = runRisk(c, model, chn, { runs: 500, seed: 1 });
    const other = runRisk(c, model, chn, { runs: 500, seed: 2 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(other));
    expect(a.distinctScenarios).toBe(8);
    const by = Object.fromEntries(a.contributions.map((x) => [x.shock, x]));
    expect(by['nld-tools']!.delta!).toBeGreaterThan(0);
    expect(by['jpn-tools']!.delta!).toBeGreaterThan(0);
    // NLD holds more of the tools than JPN: withholding them costs more.
    expect(by['nld-tools']!.delta!).toBeGreaterThan(by['jpn-tools']!.delta!);
    // An event with no shocks changes nothing but noise in the sample means.
    expect(Math.abs(by['nothing']!.delta!)).toBeLessThan(by['jpn-tools']!.delta!);
    expect(a.valueAtRisk.p5).toBe(0);
    expect(a.capabilityIndex.cvar95).toBeLessThanOrEqual(a.capabilityIndex.p5 + 1e-12);
    expect(a.valueAtRisk.cvar95).toBeGreaterThanOrEqual(a.valueAtRisk.p95 - 1e-9);
    expect(a.byArea.map((x) => x.area)).toEqual(['ic', 'seeds']);
    expect(a.byArea[1]!.valueAtRisk.mean).toBe(0);
  });

  it('reports progress and stops when cancelled', () => {
    const seen: number[] = [];
    runRisk(c, model, chn, { runs: 50, seed: 3, onProgress: (d) => seen.push(d) });
    expect(seen.at(-1)).toBeGreaterThan(1);
    expect(() => runRisk(c, model, chn, { runs: 50, seed: 3, isCancelled: () => true })).toThrow(
      CancelledError,
    );
  });
});

describe('histogram', () => {
  it('puts every run in one of 20 equal bins from 0 to the largest loss', () => {
    const v = Float64Array.from([0, 0, 5, 10, 20, 19.9, 1]);
    const h = histogram(v);
    expect(h).toHaveLength(20);
    expect(h.reduce((s, b) => s + b.runs, 0)).toBe(v.length);
    expect(h[0]).toEqual({ from: 0, to: 1, runs: 3 }); // 0, 0 and 1
    expect(h[19]).toEqual({ from: 19, to: 20, runs: 2 }); // 19.9 and 20
    expect(histogram(Float64Array.from([0, 0]))).toEqual([{ from: 0, to: 0, runs: 2 }]);
  });
});
