import { describe, expect, it } from 'vitest';
import { NO_ROW } from '../../../src/collections/slab.js';
import { SlabMap } from '../../../src/collections/slab-map.js';

const LAYOUT = { doubles: [], ints: [], refs: [] };

function keys(map: SlabMap<string>): string[] {
  const out: string[] = [];
  for (let row = map.first(); row !== NO_ROW; row = map.after(row)) out.push(map.keyOf(row));
  return out;
}

/** A map of `names` added in order, each last seen at 100 × its place, and the keys evicted from it. */
function filled(names: readonly string[]): { map: SlabMap<string>; evicted: string[] } {
  const evicted: string[] = [];
  const map: SlabMap<string> = new SlabMap(10, LAYOUT, (row) => {
    evicted.push(map.keyOf(row));
  });
  for (const [i, name] of names.entries()) map.add(name, 100 * i);
  return { map, evicted };
}

describe('SlabMap.sweep', () => {
  it('visits every entry stalest first and drops the refused ones, the others keeping order and times', () => {
    const { map, evicted } = filled(['a', 'b', 'c', 'd', 'e']);
    const visited: string[] = [];
    map.sweep((row) => {
      visited.push(map.keyOf(row));
      // nothing is evicted during the visit
      expect(evicted).toEqual([]);
      return map.keyOf(row) !== 'b' && map.keyOf(row) !== 'e';
    });
    expect(visited).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(keys(map)).toEqual(['a', 'c', 'd']);
    expect(evicted).toEqual(['b', 'e']);
    expect(map.size).toBe(3);
    expect(['a', 'c', 'd'].map((k) => map.lastSeen(map.get(k)))).toEqual([0, 200, 300]);
    expect(map.get('b')).toBe(NO_ROW);
    // still in touch order: a touch moves to the back, and the stalest is evicted first
    map.touch(map.get('a'), 400);
    expect(keys(map)).toEqual(['c', 'd', 'a']);
    for (const k of ['f', 'g', 'h', 'i', 'j', 'k', 'l', 'm']) map.add(k, 500);
    expect(evicted).toEqual(['b', 'e', 'c']);
  });

  it('keeps everything, or drops everything', () => {
    const all = filled(['a', 'b', 'c']);
    all.map.sweep(() => true);
    expect(keys(all.map)).toEqual(['a', 'b', 'c']);
    expect(all.evicted).toEqual([]);
    const none = filled(['a', 'b', 'c']);
    none.map.sweep(() => false);
    expect(none.map.size).toBe(0);
    expect(none.evicted).toEqual(['a', 'b', 'c']);
    const empty = filled([]);
    empty.map.sweep(() => false);
    expect(empty.map.size).toBe(0);
  });
});
