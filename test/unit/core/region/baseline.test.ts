import { describe, expect, it } from 'vitest';
import { BaselineStore, baselineShare } from '../../../../src/core/region/baseline.js';

const rule = { prior: 0.02, priorWeight: 100, floor: 0.01, ceiling: 0.25, halfLifeMs: 3 * 86_400_000 };
const HOUR = 3_600_000;

describe('baseline share', () => {
  it('is the prior for a cell never seen', () => {
    expect(baselineShare(0, 0, rule)).toBeCloseTo(0.02, 12);
  });

  it('moves from the prior towards the learned share as craft accumulate', () => {
    expect(baselineShare(5, 100, rule)).toBeCloseTo((5 + 2) / 200, 12);
    expect(baselineShare(500, 10_000, rule)).toBeCloseTo(502 / 10_100, 12);
  });

  it('is clamped to the floor and the ceiling', () => {
    expect(baselineShare(0, 100_000, rule)).toBe(0.01);
    expect(baselineShare(90_000, 100_000, rule)).toBe(0.25);
  });
});

describe('baseline store', () => {
  it('learns a cell and leaves others at the prior', () => {
    const store = new BaselineStore(rule, 10);
    for (let i = 0; i < 100; i++) store.learn('a', i * 15_000, [0, 1, 0], [0, 10, 0], 1);
    expect(store.share('a', 1)).toBeCloseTo((100 + 2) / (1000 + 100), 3);
    expect(store.share('a', 0)).toBeCloseTo(0.02, 12);
    expect(store.share('b', 1)).toBeCloseTo(0.02, 12);
  });

  it('forgets with the half-life: old counts weigh half after one', () => {
    const store = new BaselineStore(rule, 10);
    store.learn('a', 0, [0, 0, 50], [0, 0, 100], 1);
    store.learn('a', rule.halfLifeMs, [0, 0, 0], [0, 0, 100], 1);
    // 25 of 150 after decay, plus the prior.
    expect(store.share('a', 2)).toBeCloseTo((25 + 2) / (150 + 100), 10);
  });

  it('round-trips through a JSON snapshot', () => {
    const store = new BaselineStore(rule, 10);
    store.learn('a', HOUR, [1, 2, 3], [10, 20, 30], 0.05);
    store.learn('b', 2 * HOUR, [0, 1, 0], [5, 5, 5], 0.05);
    const copy = new BaselineStore(rule, 10);
    copy.restore(JSON.parse(JSON.stringify(store.snapshot())));
    for (const cell of ['a', 'b', 'c'])
      for (const g of [0, 1, 2]) expect(copy.share(cell, g)).toBe(store.share(cell, g));
    expect(copy.snapshot()).toEqual(store.snapshot());
  });

  it('rejects a malformed snapshot', () => {
    const store = new BaselineStore(rule, 10);
    expect(() =>
      store.restore({ schema: 'jamwatch.region-baselines/1', cells: [['a', 0, [1], [1]]] } as never),
    ).toThrow();
  });

  it('stays within its size bound', () => {
    const store = new BaselineStore(rule, 3);
    for (let i = 0; i < 10; i++) store.learn(`c${i}`, i, [0, 0, 0], [1, 1, 1], 1);
    expect(store.size).toBe(3);
  });

  it('keeps affected counts only for cells that learned an affected craft, given back with the cell', () => {
    const store = new BaselineStore(rule, 3);
    store.learn('quiet', 0, [0, 0, 0], [0, 10, 0], 1);
    expect(store.affectedCount).toBe(0);
    store.learn('busy', 0, [0, 0, 0], [0, 10, 0], 1);
    store.learn('busy', HOUR, [0, 2, 0], [0, 10, 0], 1);
    expect(store.affectedCount).toBe(1);
    // the same figures as counts kept for every cell: decayed zeros are zeros
    const decay = 0.5 ** (HOUR / rule.halfLifeMs);
    expect(store.share('busy', 1)).toBe(baselineShare(2, 10 * decay + 10, rule));
    expect(store.share('quiet', 1)).toBe(baselineShare(0, 10, rule));
    const snapshot = store.snapshot();
    expect(snapshot.cells.map(([cell, , affected]) => [cell, affected])).toEqual([
      ['quiet', [0, 0, 0]],
      ['busy', [0, 2, 0]],
    ]);
    const copy = new BaselineStore(rule, 3);
    copy.restore(snapshot);
    expect(copy.affectedCount).toBe(1);
    expect(copy.snapshot()).toEqual(snapshot);
    // evicted (the stalest first): its affected counts go with it, and a new cell starts from zeros
    for (const cell of ['c1', 'c2', 'c3']) store.learn(cell, 2 * HOUR, [0, 0, 0], [1, 1, 1], 1);
    expect(store.size).toBe(3);
    expect(store.affectedCount).toBe(0);
    store.learn('c4', 2 * HOUR, [1, 0, 0], [1, 0, 0], 1);
    expect(store.affectedCount).toBe(1);
    expect(store.snapshot().cells.find(([cell]) => cell === 'c4')![2]).toEqual([1, 0, 0]);
    expect(store.share('busy', 1)).toBe(baselineShare(0, 0, rule));
  });
});
