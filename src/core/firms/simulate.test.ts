import { describe, expect, it } from 'vitest';
import type { FirmSimOptions } from './options.js';
import { compileShocks } from './shocks.js';
import { simulateFirms } from './simulate.js';
import { linkOf, shockOf, tinyNetwork } from './test-support.js';

const series = (xs: Float64Array) => Array.from(xs);
const close = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, k) => expect(a).toBeCloseTo(expected[k]!, 9));
};

// Two firms: A (sector a, final demand 5) sells 10 to B (sector b, final demand 20).
// P0_A = 5 + 10 = 15, P0_B = 20. A loses 60% of capacity: Pcap_A = 6. n = 2, tau = 2.
const pair = () =>
  tinyNetwork({
    firms: [
      ['A', 'a', 5],
      ['B', 'b', 20],
    ],
    links: [['A', 'B', 10]],
  });
const run = (options: FirmSimOptions) => {
  const net = pair();
  return simulateFirms(net, compileShocks(net.nFirms, [shockOf(net, 'A', 0.6)]), {
    inventory: 2,
    tau: 2,
    steps: 3,
    ...options,
  });
};

describe('simulateFirms: hand-computed traces, two firms', () => {
  it('proportional rationing, final demand served equally', () => {
    // t=0: B's stock 20 + 10 delivered - 10 used = 20; B orders 10. D_A = 5 + 10 = 15,
    //      Pact_A = 6, r = 0.4: final demand of A gets 2, B will get 4. Pact_B = 20.
    // t=1: B's stock 20 + 4 - 10 = 14, order 10 + (20 - 14)/2 = 13. D_A = 18, r = 1/3:
    //      A's final demand 5/3, B gets 13/3. Pprop_B = 14/10 * 20 = 28 > 20: Pact_B = 20.
    // t=2: B's stock 14 + 13/3 - 10 = 25/3, order 10 + (20 - 25/3)/2 = 95/6; Pprop_B = 50/3
    //      binds: Pact_B = 50/3. D_A = 5 + 95/6 = 125/6, r = 6/(125/6) = 36/125:
    //      A's final demand 36/25.
    const r = run({});
    close(series(r.series.production), [35, 26, 26, 6 + 50 / 3]);
    close(series(r.series.finalConsumption), [25, 22, 5 / 3 + 20, 36 / 25 + 50 / 3]);
  });

  it('lowest-first rationing (Inoue-Todo), final demand served equally', () => {
    // t=0: both requesters ask for 1x their initial order: level 6/15 = 0.4, as proportional.
    // t=1: B asks 13/10 = 1.3x, final demand 1x. Level 6/15 = 0.4 <= 1: both get 0.4x
    //      their initial order: final demand 2, B 4 (proportional gave B 13/3).
    // t=2: B's stock 14 + 4 - 10 = 8, Pprop_B = 16: Pact_B = 16; B asks 1.6x, level 0.4
    //      again: A's final demand 2.
    const r = run({ rationing: 'lowest-first' });
    close(series(r.series.production), [35, 26, 26, 22]);
    close(series(r.series.finalConsumption), [25, 22, 22, 18]);
  });

  it('final demand served last (proportional and lowest-first agree with one client)', () => {
    // t=0: D_A = 15, shortfall 9 > final demand 5: A's final demand gets 0, B gets all 6.
    // t=1: B's stock 20 + 6 - 10 = 16, order 10 + 4/2 = 12; B gets 6 again, its stock
    //      16 + 6 - 10 = 12 at t=2, Pprop_B = 24: B keeps producing 20.
    for (const rationing of ['proportional', 'lowest-first'] as const) {
      const r = run({ rationing, finalDemandPriority: 'lowest' });
      close(series(r.series.production), [35, 26, 26, 26]);
      close(series(r.series.finalConsumption), [25, 20, 20, 20]);
      expect(r.state.stock[0]).toBeCloseTo(12, 9);
    }
  });

  it('final demand served last absorbs a small shortfall alone', () => {
    // delta 0.2: Pcap_A = 12, D_A = 15: final demand of A gets 5 - 3 = 2, B all it asked.
    const net = pair();
    const r = simulateFirms(net, compileShocks(2, [shockOf(net, 'A', 0.2)]), {
      inventory: 2,
      tau: 2,
      steps: 1,
      finalDemandPriority: 'lowest',
    });
    close(series(r.series.finalConsumption), [25, 22]);
  });
});

// A supplies B and C (10 each, no final demand); B and C each sell 10 to final demand.
// A loses half its capacity (Pcap 10), B too (Pcap 5). n = 2, tau = 4.
describe('simulateFirms: one supplier, two clients', () => {
  const net = tinyNetwork({
    firms: [
      ['A', 'a', 0],
      ['B', 'b', 10],
      ['C', 'b', 10],
    ],
    links: [
      ['A', 'B', 10],
      ['A', 'C', 10],
    ],
  });
  const shocks = compileShocks(3, [shockOf(net, 'A', 0.5), shockOf(net, 'B', 0.5)]);
  const opts = { inventory: 2, tau: 4, steps: 3 };
  const ab = linkOf(net, 'A', 'B');
  const ac = linkOf(net, 'A', 'C');

  it('proportional: clients get the same fraction of what they order', () => {
    // t=0: orders 10 and 10, Pact_A = 10: each gets 5. Pact_B = 5 (capacity).
    // t=1: B (x = 0.5): stock 20 + 5 - 5 = 20, order 5 + (10 - 20)/4 = 2.5;
    //      C (x = 1): stock 20 + 5 - 10 = 15, order 10 + 5/4 = 11.25. D_A = 13.75,
    //      r = 10/13.75: B gets 20/11, C gets 90/11.
    // t=2: stocks B 20 + 20/11 - 5 = 185/11, C 15 + 90/11 - 10 = 145/11.
    const r = simulateFirms(net, shocks, { ...opts, rationing: 'proportional' });
    expect(r.state.stock[ab]).toBeCloseTo(185 / 11, 9);
    expect(r.state.stock[ac]).toBeCloseTo(145 / 11, 9);
    close(series(r.series.production), [40, 25, 25, 25]);
    close(series(r.series.finalConsumption), [20, 15, 15, 15]);
  });

  it('lowest-first: the client asking least is filled first', () => {
    // t=1: B asks 0.25x its initial order, C 1.125x. Level: 10/20 = 0.5 > 0.25, so B gets
    //      all 2.5; the rest 7.5 over C's initial 10: level 0.75, C gets 7.5.
    // t=2: stocks B 20 + 2.5 - 5 = 17.5, C 15 + 7.5 - 10 = 12.5.
    const r = simulateFirms(net, shocks, { ...opts, rationing: 'lowest-first' });
    expect(r.state.stock[ab]).toBeCloseTo(17.5, 9);
    expect(r.state.stock[ac]).toBeCloseTo(12.5, 9);
  });
});

// Two suppliers of one sector (A1, A2: 10 each to B); A1 stops (delta 1). n = 2, tau = 2.
describe('simulateFirms: sector pooling and inventory use', () => {
  const net = tinyNetwork({
    firms: [
      ['A1', 'a', 0],
      ['A2', 'a', 0],
      ['B', 'b', 20],
    ],
    links: [
      ['A1', 'B', 10],
      ['A2', 'B', 10],
    ],
  });
  const shocks = compileShocks(3, [shockOf(net, 'A1', 1)]);
  const opts = { inventory: 2, tau: 2, steps: 4 };
  const outputOfB = (r: ReturnType<typeof simulateFirms>) =>
    series(r.series.productionBySector).slice(5, 10);

  it('by stock: the pooled stock runs down, then B makes what A2 delivers', () => {
    // Sector stock of B: 40 at first. t=0: +20 delivered -20 used = 40 (A1 fails now).
    // t=1: +10 (A2 only) -20 = 30. t=2: +10 -20 = 20. t=3: +10 -20 = 10, so Pprop_B =
    // 10/20 * 20 = 10: B makes 10 (the static model's 50%).
    const r = simulateFirms(net, shocks, { ...opts, inventoryUse: 'by-stock' });
    close(outputOfB(r), [20, 20, 20, 20, 10]);
  });

  it("by flow (proNet.cpp): A1's empty stock is clamped at zero and B never runs short", () => {
    // t=2: A1's link stock 10 - 10 = 0; t=3: 0 - 10 clamps to 0 while A2's link keeps 20:
    // the pooled stock stays 20 and B keeps making 20 from 10 units of input a step.
    const r = simulateFirms(net, shocks, { ...opts, inventoryUse: 'by-flow' });
    close(outputOfB(r), [20, 20, 20, 20, 20]);
  });
});

describe('simulateFirms: shocks over time', () => {
  it('a shock starts at its step and recovers linearly', () => {
    // A alone (final demand 10): delta 0.5 from t=2, recovering over 4 steps:
    // capacity 10, 10, 5, 6.25, 7.5, 8.75, 10.
    const net = tinyNetwork({ firms: [['A', 'a', 10]], links: [] });
    const r = simulateFirms(net, compileShocks(1, [shockOf(net, 'A', 0.5, 2, 4)]), { steps: 7 });
    close(series(r.series.production), [10, 10, 10, 5, 6.25, 7.5, 8.75, 10]);
  });

  it('keeps snapshots of every firm at the requested steps', () => {
    const net = pair();
    const r = simulateFirms(net, compileShocks(2, [shockOf(net, 'A', 0.6)]), {
      inventory: 2,
      tau: 2,
      steps: 3,
      snapshots: [-1, 2, 9],
    });
    expect([...r.snapshots.keys()].sort()).toEqual([-1, 2]);
    close(Array.from(r.snapshots.get(-1)!), [15, 20]);
    close(Array.from(r.snapshots.get(2)!), [6, 50 / 3]);
  });
});
