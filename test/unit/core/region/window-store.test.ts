import { describe, expect, it } from 'vitest';
import { NO_ROW } from '../../../../src/collections/slab.js';
import { GROUP_AIR_HIGH, GROUP_AIR_LOW, GROUP_SEA } from '../../../../src/core/region/craft-group.js';
import { WindowStore } from '../../../../src/core/region/window-store.js';
import { WindowTally } from '../../../../src/core/region/window-tally.js';
import { EVIDENCE, type Observation } from '../../../../src/schema/observation.js';
import { obs, T0 } from './observations.js';

const hex = (i: number) => `icao:${i.toString(16).padStart(6, '0')}`;

function store(maxPerCell = 100, initialCapacity?: number): WindowStore {
  return new WindowStore({ maxPerCell, altitudeBandFt: 10_000, initialCapacity });
}

/** Cell numbers `first`, `first + 1`… opened in `pool` (NO_ROW: alone). */
function open(windows: WindowStore, count: number, pool = NO_ROW, first = 0): number[] {
  const cells: number[] = [];
  for (let cell = first; cell < first + count; cell++) {
    windows.openCell(cell, pool);
    cells.push(cell);
  }
  return cells;
}

/** Tally of one cell, everything after `cutoff`. */
function tallyOf(windows: WindowStore, cell: number, cutoff = T0 - 1): WindowTally {
  const tally = new WindowTally();
  windows.expireAndTally(cell, cutoff, tally);
  return tally;
}

function idsOf(windows: WindowStore, cell: number): string[] {
  const out: Observation[] = [];
  windows.observations(cell, 'cell', out);
  return out.map((o) => o.id);
}

describe('window store', () => {
  it('counts a craft once per cell however often it reports, with its latest status', () => {
    const windows = store();
    const [cell = 0] = open(windows, 1);
    for (let i = 0; i < 300; i++) windows.put(cell, obs({ t: T0 + i * 1000, id: 'icao:aaaaaa', status: 'good' }));
    windows.put(cell, obs({ t: T0 + 300_000, id: 'icao:aaaaaa', status: 'degraded' }));
    const tally = tallyOf(windows, cell, T0);
    expect(tally.total).toBe(1);
    expect(tally.totalAffected).toBe(1);
    expect(windows.size).toBe(1);
  });

  it('keeps one entry per craft in each cell it was seen in', () => {
    const windows = store();
    const [a = 0, b = 0] = open(windows, 2);
    windows.put(a, obs({ t: T0, id: 'icao:aaaaaa' }));
    windows.put(b, obs({ t: T0 + 1000, id: 'icao:aaaaaa', status: 'degraded' }));
    windows.put(a, obs({ t: T0 + 2000, id: 'icao:aaaaaa' }));
    windows.put(b, obs({ t: T0 + 3000, id: 'icao:bbbbbb' }));
    expect(windows.size).toBe(3);
    expect(windows.craftCount).toBe(2);
    expect([windows.windowSize(a), windows.windowSize(b)]).toEqual([1, 2]);
    expect(windows.isAffected(b, 'icao:aaaaaa')).toBe(true);
    expect(windows.isAffected(a, 'icao:aaaaaa')).toBe(false);
    expect(windows.isAffected(a, 'icao:bbbbbb')).toBe(false);
    expect(tallyOf(windows, a).totalAffected).toBe(0);
    expect(tallyOf(windows, b).totalAffected).toBe(1);
  });

  it('ignores an observation older than the one it holds', () => {
    const windows = store();
    const [cell = 0] = open(windows, 1);
    windows.put(cell, obs({ t: T0 + 10_000, id: 'icao:aaaaaa', status: 'good' }));
    windows.put(cell, obs({ t: T0, id: 'icao:aaaaaa', status: 'degraded' }));
    expect(tallyOf(windows, cell).totalAffected).toBe(0);
    const [kept] = (() => {
      const out: Observation[] = [];
      windows.observations(cell, 'cell', out);
      return out;
    })();
    expect(kept!.t).toBe(T0 + 10_000);
  });

  it('keeps window order as a map in touch order would: an updated craft moves to the back', () => {
    const windows = store();
    const [cell = 0] = open(windows, 1);
    for (let i = 0; i < 3; i++) windows.put(cell, obs({ t: T0 + i, id: hex(i) }));
    windows.put(cell, obs({ t: T0 + 10, id: hex(0) }));
    windows.put(cell, obs({ t: T0 + 5, id: hex(2) }));
    expect(idsOf(windows, cell)).toEqual([hex(1), hex(0), hex(2)]);
    // a late observation (older than held) does not move it
    windows.put(cell, obs({ t: T0, id: hex(1) }));
    expect(idsOf(windows, cell)).toEqual([hex(1), hex(0), hex(2)]);
  });

  it('expires craft last seen at or before the cut-off, unlinking them from their craft', () => {
    const windows = store();
    const [a = 0, b = 0] = open(windows, 2);
    windows.put(a, obs({ t: T0, id: 'icao:aaaaaa' }));
    windows.put(a, obs({ t: T0 + 1, id: 'icao:bbbbbb' }));
    windows.put(b, obs({ t: T0 + 2, id: 'icao:aaaaaa', status: 'degraded' }));
    expect(tallyOf(windows, a, T0).total).toBe(1);
    expect(windows.windowSize(a)).toBe(1);
    // the craft lives on in b, and a new entry in a is a new craft entry there
    expect(windows.craftCount).toBe(2);
    expect(windows.isAffected(b, 'icao:aaaaaa')).toBe(true);
    windows.put(a, obs({ t: T0 + 3, id: 'icao:aaaaaa', status: 'spoofed' }));
    expect(windows.isAffected(a, 'icao:aaaaaa')).toBe(true);
    expect(tallyOf(windows, a, T0).totalSpoofed).toBe(1);
    // all of it gone: the craft leaves the registry
    expect(tallyOf(windows, a, T0 + 10).total).toBe(0);
    expect(tallyOf(windows, b, T0 + 10).total).toBe(0);
    expect(windows.size).toBe(0);
    expect(windows.craftCount).toBe(0);
    expect([windows.windowSize(a), windows.windowSize(b)]).toEqual([0, 0]);
    expect([idsOf(windows, a), idsOf(windows, b)]).toEqual([[], []]);
  });

  it('counts per group, spoofed apart from degraded, and evidence flags', () => {
    const windows = store();
    const [cell = 0] = open(windows, 1);
    windows.put(cell, obs({ t: T0, id: 'mmsi:000000001', domain: 'sea', status: 'degraded' }));
    windows.put(cell, obs({ t: T0, id: 'icao:000001', alt: 3000, status: 'good' }));
    windows.put(cell, obs({ t: T0, id: 'icao:000002', alt: 36_000, status: 'spoofed', evidence: EVIDENCE.JUMP }));
    windows.put(cell, obs({ t: T0, id: 'icao:000003', alt: 36_000, status: 'degraded' }));
    const tally = tallyOf(windows, cell);
    expect([...tally.craft]).toEqual([1, 1, 2]);
    expect(tally.affected[GROUP_SEA]).toBe(1);
    expect(tally.affected[GROUP_AIR_LOW]).toBe(0);
    expect(tally.affected[GROUP_AIR_HIGH]).toBe(2);
    expect(tally.totalSpoofed).toBe(1);
    expect(tally.degraded[GROUP_AIR_HIGH]).toBe(1);
    expect(tally.jumps[GROUP_AIR_HIGH]).toBe(1);
    expect(tally.flags[0]).toBe(2); // NACP_LOW, bit 0
  });

  it('stays within its per-cell bound, dropping the stalest entry', () => {
    const windows = store(5);
    const [cell = 0] = open(windows, 1);
    for (let i = 0; i < 50; i++) windows.put(cell, obs({ t: T0 + i, id: hex(i) }));
    expect(windows.windowSize(cell)).toBe(5);
    expect(windows.size).toBe(5);
    expect(windows.craftCount).toBe(5);
    expect(idsOf(windows, cell)).toEqual([45, 46, 47, 48, 49].map(hex));
    // the stalest is the least recently updated, not the one seen first
    windows.put(cell, obs({ t: T0 + 60, id: hex(45) }));
    windows.put(cell, obs({ t: T0 + 61, id: hex(50) }));
    expect(idsOf(windows, cell)).toEqual([47, 48, 49, 45, 50].map(hex));
  });

  it('samples at most the budget, half of it for each side when both have that many', () => {
    const windows = store(1000);
    const [cell = 0] = open(windows, 1);
    for (let i = 0; i < 300; i++) windows.put(cell, obs({ t: T0, id: hex(i), status: i < 30 ? 'degraded' : 'good' }));
    const sample = windows.sample(cell, 20);
    expect(sample).toHaveLength(20);
    expect(sample.filter((s) => s.status !== 'good')).toHaveLength(10);
    const few = windows.sample(cell, 100);
    expect(few.filter((s) => s.status !== 'good')).toHaveLength(30);
    expect(few).toHaveLength(100);
    expect(new Set(few.map((s) => s.id)).size).toBe(100);
  });

  it('gives the spoof and edge points back as they came, and nothing when absent', () => {
    const windows = store();
    const [cell = 0] = open(windows, 1);
    const spoofed = { ...obs({ t: T0, id: 'icao:000001', status: 'spoofed', spoofLat: 33.8, spoofLon: 35.5 }) };
    spoofed.edgeLat = 34;
    spoofed.edgeLon = 35;
    spoofed.edgeT = T0 - 1000;
    windows.put(cell, spoofed);
    windows.put(cell, obs({ t: T0, id: 'icao:000002' }));
    const [a, b] = windows.sample(cell, 10);
    expect(a).toMatchObject({ spoofLat: 33.8, spoofLon: 35.5, edgeLat: 34, edgeLon: 35, edgeAlt: spoofed.alt });
    expect(a!.edgeT).toBe(T0 - 1000);
    expect(Object.keys(b!).sort()).toEqual(['alt', 'domain', 'id', 'lat', 'lon', 'status']);
    const out: Observation[] = [];
    windows.observations(cell, 'cell', out);
    expect(out[0]).toEqual({ ...spoofed, cell: 'cell', estimated: false });
    expect(out[1]!.spoofLat).toBeUndefined();
  });

  it('keeps spoof and edge points only for the entries that have them, freed with the entry or by an update', () => {
    const windows = store();
    const [a = 0, b = 0] = open(windows, 2);
    windows.put(a, obs({ t: T0, id: 'icao:000001' }));
    expect(windows.extraCount).toBe(0);
    windows.put(a, obs({ t: T0 + 1, id: 'icao:000001', status: 'spoofed', spoofLat: 33.8, spoofLon: 35.5 }));
    windows.put(b, obs({ t: T0 + 1, id: 'icao:000002', status: 'spoofed', spoofLat: 34, spoofLon: 36 }));
    expect(windows.extraCount).toBe(2);
    // updated with a point of its own, then with none: its row is reused, then given back
    const edge = obs({ t: T0 + 2, id: 'icao:000001', status: 'degraded' });
    edge.edgeT = T0 - 5000;
    windows.put(a, edge);
    expect(windows.extraCount).toBe(2);
    const [kept] = windows.sample(a, 10);
    expect(kept!.spoofLat).toBeUndefined();
    expect(kept!.edgeLat).toBeUndefined();
    const out: Observation[] = [];
    windows.observations(a, 'cell', out);
    expect(out[0]!.edgeT).toBe(T0 - 5000);
    expect(out[0]!.spoofLat).toBeUndefined();
    windows.put(a, obs({ t: T0 + 3, id: 'icao:000001' }));
    expect(windows.extraCount).toBe(1);
    // expired: the other one's row goes with its slot
    expect(tallyOf(windows, b, T0 + 1).total).toBe(0);
    expect(windows.extraCount).toBe(0);
    // a new entry in the freed slot has none
    windows.put(b, obs({ t: T0 + 4, id: 'icao:000003' }));
    expect(Object.keys(windows.sample(b, 10)[0]!).sort()).toEqual(['alt', 'domain', 'id', 'lat', 'lon', 'status']);
  });

  it('takes any cell and pool numbers, growing its per-cell columns', () => {
    const windows = store();
    const [far = 0] = open(windows, 1, 5000, 70_000);
    windows.put(far, obs({ t: T0, id: 'icao:aaaaaa', status: 'degraded' }));
    expect(windows.poolOf(far)).toBe(5000);
    const tally = new WindowTally();
    windows.tallyPool(5000, tally);
    expect([tally.total, tally.totalAffected]).toEqual([1, 1]);
    // a pool number never given to a cell has no craft
    windows.tallyPool(9000, tally);
    expect(tally.total).toBe(0);
    expect(idsOf(windows, far)).toEqual(['icao:aaaaaa']);
  });

  it('counts a craft once in a pool, by its latest entry among the pool’s cells', () => {
    const windows = store();
    const pool = 3;
    const [a = 0, b = 0] = open(windows, 2, pool);
    const [elsewhere = 0] = open(windows, 1, NO_ROW, 2);
    windows.put(a, obs({ t: T0, id: 'icao:aaaaaa', status: 'degraded' }));
    windows.put(b, obs({ t: T0 + 1000, id: 'icao:aaaaaa', status: 'good' }));
    windows.put(a, obs({ t: T0, id: 'icao:bbbbbb', status: 'good' }));
    // a later entry outside the pool does not hide the one inside
    windows.put(elsewhere, obs({ t: T0 + 2000, id: 'icao:bbbbbb', status: 'degraded' }));
    const tally = new WindowTally();
    windows.tallyPool(pool, tally);
    expect(tally.total).toBe(2);
    expect(tally.totalAffected).toBe(0);
    // a late observation in a does not make it the latest
    windows.put(a, obs({ t: T0 + 500, id: 'icao:aaaaaa', status: 'spoofed' }));
    windows.tallyPool(pool, tally);
    expect(tally.totalSpoofed).toBe(0);
    // the same time in both cells: the one updated last counts
    windows.put(a, obs({ t: T0 + 1000, id: 'icao:aaaaaa', status: 'spoofed' }));
    windows.tallyPool(pool, tally);
    expect([tally.total, tally.totalSpoofed]).toEqual([2, 1]);
    windows.put(b, obs({ t: T0 + 1000, id: 'icao:aaaaaa', status: 'good' }));
    windows.tallyPool(pool, tally);
    expect([tally.total, tally.totalSpoofed]).toEqual([2, 0]);
  });

  it('takes a dropped cell out of its pool, and a released pool lets go of its cells', () => {
    const windows = store();
    const pool = 0;
    const [a = 0, b = 0, c = 0] = open(windows, 3, pool);
    expect([a, b, c].map((cell) => windows.poolOf(cell))).toEqual([pool, pool, pool]);
    windows.put(a, obs({ t: T0, id: 'icao:aaaaaa' }));
    windows.put(b, obs({ t: T0, id: 'icao:bbbbbb' }));
    windows.put(c, obs({ t: T0, id: 'icao:cccccc' }));
    // the middle of the pool's list, then its first (the last opened)
    windows.drop(b);
    expect(windows.size).toBe(2);
    expect(windows.poolOf(b)).toBe(NO_ROW);
    const tally = new WindowTally();
    windows.tallyPool(pool, tally);
    expect(tally.total).toBe(2);
    windows.drop(c);
    windows.tallyPool(pool, tally);
    expect(tally.total).toBe(1);
    windows.releasePool(pool);
    expect(windows.poolOf(a)).toBe(NO_ROW);
    windows.tallyPool(pool, tally);
    expect(tally.total).toBe(0);
    // the numbers are free again: b reopened in another pool, and the old pool number reused for a new pool
    open(windows, 1, 7, b);
    open(windows, 1, pool, c);
    windows.put(b, obs({ t: T0, id: 'icao:dddddd' }));
    windows.put(c, obs({ t: T0, id: 'icao:eeeeee' }));
    windows.tallyPool(pool, tally);
    expect(tally.total).toBe(1);
    windows.tallyPool(7, tally);
    expect(tally.total).toBe(1);
  });

  it('reuses freed slots before growing', () => {
    const windows = store(100, 4);
    const [cell = 0] = open(windows, 1);
    for (let i = 0; i < 4; i++) windows.put(cell, obs({ t: T0, id: hex(i) }));
    expect(windows.slots).toBe(4);
    expect(tallyOf(windows, cell, T0).total).toBe(0);
    for (let i = 4; i < 8; i++) windows.put(cell, obs({ t: T0 + 1, id: hex(i) }));
    expect(windows.slots).toBe(4);
    expect(idsOf(windows, cell)).toEqual([4, 5, 6, 7].map(hex));
  });

  it('grows by doubling and keeps every entry and link', () => {
    const windows = store(1000, 2);
    const cells = open(windows, 3);
    for (let i = 0; i < 300; i++) {
      windows.put(cells[i % 3]!, obs({ t: T0 + i, id: hex(i % 100), status: i === 200 ? 'degraded' : 'good' }));
    }
    expect(windows.slots).toBe(512);
    expect(windows.size).toBe(300);
    expect(windows.craftCount).toBe(100);
    expect(cells.map((c) => tallyOf(windows, c).total)).toEqual([100, 100, 100]);
    expect(idsOf(windows, cells[1]!).slice(0, 3)).toEqual([hex(1), hex(4), hex(7)]);
    // craft 0 is in cells 0, 1 and 2 (i = 0, 100, 200), degraded in cell 2 only
    expect(windows.isAffected(cells[2]!, hex(0))).toBe(true);
    expect(windows.isAffected(cells[0]!, hex(0))).toBe(false);
    expect(tallyOf(windows, cells[2]!).totalAffected).toBe(1);
  });

  it('clears everything', () => {
    const windows = store(100, 2);
    const [cell = 0] = open(windows, 1);
    for (let i = 0; i < 10; i++) windows.put(cell, obs({ t: T0, id: hex(i) }));
    windows.clear();
    expect([windows.size, windows.craftCount, windows.slots]).toEqual([0, 0, 2]);
    const [fresh = 0] = open(windows, 1, NO_ROW, 5);
    windows.put(fresh, obs({ t: T0, id: hex(1) }));
    expect(tallyOf(windows, fresh).total).toBe(1);
  });
});
