import { describe, expect, it } from 'vitest';
import { NO_ROW, SLAB_CHUNK_ROWS } from '../../../src/collections/slab.js';
import { SlabMap } from '../../../src/collections/slab-map.js';

const LAYOUT = { doubles: [Number.NaN], ints: [0], refs: [null] };

function keys(map: SlabMap<string>): string[] {
  const out: string[] = [];
  for (let row = map.first(); row !== NO_ROW; row = map.after(row)) out.push(map.keyOf(row));
  return out;
}

function count(map: SlabMap<string>, row: number): number {
  return map.chunk(row).i[map.intIndex(row)]!;
}

function setCount(map: SlabMap<string>, row: number, v: number): void {
  map.chunk(row).i[map.intIndex(row)] = v;
}

describe('SlabMap', () => {
  it('maps keys to rows of their own, in touch order', () => {
    const map = new SlabMap<string>(10, LAYOUT);
    const a = map.add('a', 100);
    const b = map.add('b', 200);
    expect(map.get('a')).toBe(a);
    expect(map.get('b')).toBe(b);
    expect(map.get('c')).toBe(NO_ROW);
    expect(map.has('a')).toBe(true);
    expect(map.size).toBe(2);
    expect(map.lastSeen(a)).toBe(100);
    expect(map.keyOf(b)).toBe('b');
    // the caller's slots start at the layout's values, apart from the map's own
    expect(Number.isNaN(map.chunk(a).f[map.doubleIndex(a)])).toBe(true);
    expect(map.chunk(a).r[map.refIndex(a)]).toBeNull();
    map.touch(a, 300);
    expect(keys(map)).toEqual(['b', 'a']);
    expect(map.lastSeen(a)).toBe(300);
    expect(() => map.add('a', 400)).toThrow(/already present/);
  });

  it('evicts the least recently touched entry when full, telling onEvict before the row is reused', () => {
    const evicted: Array<{ key: string; count: number }> = [];
    const map: SlabMap<string> = new SlabMap<string>(2, LAYOUT, (row) => {
      evicted.push({ key: map.keyOf(row), count: count(map, row) });
    });
    const a = map.add('a', 1);
    setCount(map, a, 11);
    setCount(map, map.add('b', 2), 22);
    map.touch(a, 3);
    const c = map.add('c', 4);
    expect(evicted).toEqual([{ key: 'b', count: 22 }]);
    expect(map.evicted).toBe(1);
    expect(map.has('b')).toBe(false);
    expect(keys(map)).toEqual(['a', 'c']);
    // c took b's row, reset: nothing of b's is left in it
    expect(count(map, c)).toBe(0);
    expect(count(map, a)).toBe(11);
  });

  it('expires entries last seen before a cut-off, stopping at the first fresh one', () => {
    const expired: string[] = [];
    const map: SlabMap<string> = new SlabMap<string>(10, LAYOUT, (row) => expired.push(map.keyOf(row)));
    map.add('a', 10);
    map.add('b', 20);
    const c = map.add('c', 30);
    map.add('d', 40);
    // c counts as fresh without moving: it shields d behind it, as BoundedMap's `value.lastSeen = …` did
    map.setLastSeen(c, 100);
    expect(keys(map)).toEqual(['a', 'b', 'c', 'd']);
    expect(map.expireBefore(50)).toBe(2);
    expect(expired).toEqual(['a', 'b']);
    expect(keys(map)).toEqual(['c', 'd']);
    expect(map.evicted).toBe(0);
    expect(map.expireBefore(1000)).toBe(2);
    expect(map.size).toBe(0);
    expect(map.first()).toBe(NO_ROW);
  });

  it('keeps its order and rows across chunks, and reuses freed rows before growing', () => {
    const n = SLAB_CHUNK_ROWS + 50;
    const map = new SlabMap<string>(n, LAYOUT);
    for (let k = 0; k < n; k++) setCount(map, map.add(`k${k}`, k), k);
    for (let k = 0; k < n; k += 2) map.touch(map.get(`k${k}`), n + k);
    const order = keys(map);
    expect(order).toHaveLength(n);
    expect(order.slice(0, 3)).toEqual(['k1', 'k3', 'k5']);
    expect(order.at(-1)).toBe(`k${n - 2}`);
    for (let k = 0; k < n; k++) expect(count(map, map.get(`k${k}`))).toBe(k);
    const rowOfK1 = map.get('k1');
    map.add('new', 2 * n);
    expect(map.has('k1')).toBe(false);
    expect(map.get('new')).toBe(rowOfK1);
    expect(count(map, rowOfK1)).toBe(0);
  });

  it('rejects a size of 0', () => {
    expect(() => new SlabMap(0, LAYOUT)).toThrow(RangeError);
  });
});

describe('SlabMap index (open addressing)', () => {
  it('agrees with a Map through 20,000 random adds, lookups, expiries and evictions, across table growth', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const reference = new Map<string, number>();
    const map: SlabMap<string> = new SlabMap(1_000, { doubles: [0], ints: [], refs: [] }, (row) => {
      reference.delete(map.keyOf(row));
    });
    for (let t = 0; t < 20_000; t++) {
      const key = `k${Math.floor(random() * 5_000).toString(36)}`;
      const row = map.get(key);
      expect(row !== NO_ROW).toBe(reference.has(key));
      if (row === NO_ROW) {
        const added = map.add(key, t);
        map.chunk(added).f[map.doubleIndex(added)] = t;
        reference.set(key, t);
      } else {
        expect(map.chunk(row).f[map.doubleIndex(row)]).toBe(reference.get(key));
        map.touch(row, t);
      }
      if (t % 1_000 === 999) map.expireBefore(t - 1_500);
      expect(map.size).toBe(reference.size);
    }
    for (const [key, value] of reference) {
      const row = map.get(key);
      expect(map.keyOf(row)).toBe(key);
      expect(map.chunk(row).f[map.doubleIndex(row)]).toBe(value);
    }
    expect(map.evicted).toBeGreaterThan(0);
  });
});
