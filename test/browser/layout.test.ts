import { describe, expect, it } from 'vitest';
import { layeredLayout } from '../../web/src/graph/layout.js';

describe('layeredLayout(graph)', () => {
  it('puts each node one layer right of its deepest input', () => {
    const l = layeredLayout({
      nodes: ['ore', 'metal', 'tool', 'chip', 'phone'],
      edges: [
        ['ore', 'metal'],
        ['metal', 'chip'],
        ['tool', 'chip'],
        ['chip', 'phone'],
        ['ore', 'phone'],
      ],
    });
    expect(Object.fromEntries(l.layer)).toEqual({ ore: 0, tool: 0, metal: 1, chip: 2, phone: 3 });
    expect(l.layers.map((x) => x.length)).toEqual([2, 1, 1, 1]);
  });

  it('survives a cycle by dropping the edge that closes it', () => {
    const l = layeredLayout({
      nodes: ['a', 'b', 'c'],
      edges: [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
      ],
    });
    expect(l.layers.flat().sort()).toEqual(['a', 'b', 'c']);
    expect(new Set(l.layer.values()).size).toBe(3);
  });

  it('orders a layer to follow its inputs (fewer crossings)', () => {
    const l = layeredLayout({
      nodes: ['a', 'b', 'x', 'y'],
      edges: [
        ['a', 'y'],
        ['b', 'x'],
      ],
    });
    expect(l.order.get('a')! < l.order.get('b')!).toBe(l.order.get('y')! < l.order.get('x')!);
  });
});
