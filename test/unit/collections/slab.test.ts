import { describe, expect, it } from 'vitest';
import { NO_ROW, SLAB_CHUNK_ROWS, Slab, type SlabLayout } from '../../../src/collections/slab.js';

const LAYOUT: SlabLayout = { doubles: [Number.NaN, 0.5], ints: [-1, 7], refs: ['', null] };

/** Write distinct values into every slot of `row`. */
function fill(slab: Slab, row: number, seed: number): void {
  const c = slab.chunk(row);
  c.f[slab.doubleIndex(row)] = seed + 0.25;
  c.f[slab.doubleIndex(row) + 1] = seed + 0.75;
  c.i[slab.intIndex(row)] = seed;
  c.i[slab.intIndex(row) + 1] = -seed - 1;
  c.r[slab.refIndex(row)] = `row ${seed}`;
  c.r[slab.refIndex(row) + 1] = { seed };
}

function read(slab: Slab, row: number): unknown[] {
  const c = slab.chunk(row);
  return [
    c.f[slab.doubleIndex(row)],
    c.f[slab.doubleIndex(row) + 1],
    c.i[slab.intIndex(row)],
    c.i[slab.intIndex(row) + 1],
    c.r[slab.refIndex(row)],
    c.r[slab.refIndex(row) + 1],
  ];
}

describe('Slab', () => {
  it('hands out rows set to the layout, each with slots of its own', () => {
    const slab = new Slab(LAYOUT);
    const a = slab.take();
    const b = slab.take();
    expect(a).not.toBe(b);
    expect(read(slab, a)).toEqual([Number.NaN, 0.5, -1, 7, '', null]);
    fill(slab, a, 1);
    fill(slab, b, 2);
    expect(read(slab, a)).toEqual([1.25, 1.75, 1, -2, 'row 1', { seed: 1 }]);
    expect(read(slab, b)).toEqual([2.25, 2.75, 2, -3, 'row 2', { seed: 2 }]);
    expect(slab.size).toBe(2);
    expect(NO_ROW).toBeLessThan(0);
  });

  it('takes a given-back row again first, reset to the layout; its objects are let go at once', () => {
    const slab = new Slab(LAYOUT);
    const a = slab.take();
    const b = slab.take();
    fill(slab, a, 1);
    fill(slab, b, 2);
    slab.give(a);
    expect(slab.size).toBe(1);
    // nothing stays reachable through a free row
    expect(read(slab, a).slice(4)).toEqual(['', null]);
    const again = slab.take();
    expect(again).toBe(a);
    expect(read(slab, again)).toEqual([Number.NaN, 0.5, -1, 7, '', null]);
    expect(read(slab, b)).toEqual([2.25, 2.75, 2, -3, 'row 2', { seed: 2 }]);
  });

  it('grows by chunks: rows beyond the first chunk keep their own values and the earlier rows theirs', () => {
    const slab = new Slab(LAYOUT);
    const rows: number[] = [];
    for (let k = 0; k < 2 * SLAB_CHUNK_ROWS + 3; k++) {
      const row = slab.take();
      fill(slab, row, k);
      rows.push(row);
    }
    expect(new Set(rows).size).toBe(rows.length);
    expect(slab.chunks).toHaveLength(3);
    rows.forEach((row, k) => {
      expect(read(slab, row)).toEqual([k + 0.25, k + 0.75, k, -k - 1, `row ${k}`, { seed: k }]);
    });
    // a given-back row of the first chunk is reused before any new chunk is added
    slab.give(rows[5]!);
    expect(slab.take()).toBe(rows[5]);
    expect(slab.chunks).toHaveLength(3);
  });

  it('gives small fields four to an int slot through the byte view', () => {
    const slab = new Slab({ doubles: [], ints: [0, 0], refs: [] });
    const row = slab.take();
    const c = slab.chunk(row);
    const bytes = slab.intIndex(row) * 4;
    c.b[bytes + 4] = -1;
    c.b[bytes + 7] = 3;
    expect(c.i[slab.intIndex(row)]).toBe(0);
    expect(c.i[slab.intIndex(row) + 1]).not.toBe(0);
    expect([c.b[bytes + 4], c.b[bytes + 5], c.b[bytes + 6], c.b[bytes + 7]]).toEqual([-1, 0, 0, 3]);
  });
});
