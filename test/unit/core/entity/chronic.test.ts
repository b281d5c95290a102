import { describe, expect, it } from 'vitest';
import { CellContext } from '../../../../src/core/entity/cell-context.js';
import { CHRONIC, ChronicStore, isChronic } from '../../../../src/core/entity/chronic.js';

const limits = {
  minBadSamples: CHRONIC.MIN_BAD_SAMPLES,
  minBadFraction: CHRONIC.MIN_BAD_FRACTION,
  minSpreadKm: CHRONIC.MIN_SPREAD_KM,
  minSpanMs: CHRONIC.MIN_SPAN_MS,
  minLonelyFraction: CHRONIC.MIN_LONELY_FRACTION,
};
const HOUR = 3_600_000;
const facts = {
  samples: 0,
  bad: 0,
  lonely: 0,
  firstBadT: 0,
  firstBadLat: 60,
  firstBadLon: 25,
  spreadKm: 0,
  lastSeen: 0,
};

describe('isChronic', () => {
  it('low wherever it flies: far apart, over hours, most of the time', () => {
    expect(isChronic({ ...facts, samples: 400, bad: 380, spreadKm: 900, lastSeen: 2 * HOUR }, limits)).toBe(true);
    expect(isChronic({ ...facts, samples: 400, bad: 380, spreadKm: 300, lastSeen: 2 * HOUR }, limits)).toBe(false);
    expect(isChronic({ ...facts, samples: 400, bad: 380, spreadKm: 900, lastSeen: HOUR / 2 }, limits)).toBe(false);
    expect(isChronic({ ...facts, samples: 400, bad: 200, spreadKm: 900, lastSeen: 2 * HOUR }, limits)).toBe(false);
  });

  it('low while its neighbours are good', () => {
    expect(isChronic({ ...facts, samples: 100, bad: 80, lonely: 60 }, limits)).toBe(true);
    expect(isChronic({ ...facts, samples: 100, bad: 80, lonely: 10 }, limits)).toBe(false);
  });

  it('never before enough degraded samples', () => {
    expect(isChronic({ ...facts, samples: 50, bad: 50, lonely: 50 }, limits)).toBe(false);
  });
});

describe('ChronicStore', () => {
  it('learns an airframe degraded across Europe over hours, and keeps nothing for good airframes', () => {
    const store = new ChronicStore(100, limits);
    expect(store.learn('icao:000001', 0, false, false, 60, 25)).toBe(false);
    expect(store.size).toBe(0);
    let chronic = false;
    for (let i = 0; i < 720; i++) {
      // 2 h of 10-s buckets from Helsinki to Frankfurt
      const f = i / 720;
      chronic = store.learn('icao:000002', i * 10_000, true, false, 60 - 10 * f, 25 - 16 * f);
    }
    expect(chronic).toBe(true);
    expect(store.isChronic('icao:000002')).toBe(true);
    expect(store.countChronic()).toBe(1);
  });

  it('round-trips through its snapshot', () => {
    const store = new ChronicStore(100, limits);
    for (let i = 0; i < 100; i++) store.learn('icao:000003', i * 10_000, true, true, Number.NaN, Number.NaN);
    const snapshot = store.snapshot();
    expect(snapshot[0]).toMatchObject({ id: 'icao:000003', bad: 100, lonely: 100, firstBadLat: null });
    const copy = new ChronicStore(100, limits);
    copy.restore(JSON.parse(JSON.stringify(snapshot)));
    expect(copy.isChronic('icao:000003')).toBe(true);
    expect(copy.snapshot()).toEqual(snapshot);
  });

  it('a restored record replaces the one learned, and counts as the newest', () => {
    const store = new ChronicStore(2, limits);
    store.learn('icao:000004', 1000, true, false, 60, 25);
    store.learn('icao:000005', 2000, true, false, 61, 26);
    const restored = { ...store.snapshot()[0]!, samples: 90, bad: 90, lonely: 80, lastSeen: 3000 };
    store.restore([restored]);
    expect(store.snapshot().map((r) => r.id)).toEqual(['icao:000005', 'icao:000004']);
    expect(store.snapshot()[1]).toEqual(restored);
    expect(store.isChronic('icao:000004')).toBe(true);
    // the next airframe evicts the stalest: the one learned, not the one restored
    store.learn('icao:000006', 4000, true, false, 62, 27);
    expect(store.isChronic('icao:000004')).toBe(true);
    expect(store.snapshot().map((r) => r.id)).toEqual(['icao:000004', 'icao:000006']);
  });

  it('is bounded', () => {
    const store = new ChronicStore(10, limits);
    for (let i = 0; i < 50; i++) store.learn(`icao:${i.toString(16).padStart(6, '0')}`, i, true, false, 0, 0);
    expect(store.size).toBe(10);
  });
});

describe('CellContext', () => {
  it('says neighbours are good when enough other craft-buckets are mostly good', () => {
    const cells = new CellContext(100, 600_000);
    for (let i = 0; i < 200; i++) cells.add('841e0b9ffffffff', i * 1000, false);
    cells.add('841e0b9ffffffff', 200_000, true);
    expect(cells.neighboursGood('841e0b9ffffffff', 200_000, true, 180, 0.1)).toBe(true);
    expect(cells.neighboursGood('841e0b9ffffffff', 200_000, true, 500, 0.1)).toBe(false);
    expect(cells.neighboursGood('unknown', 200_000, true, 1, 0.1)).toBe(false);
  });

  it('a question in a new window rolls the counts without refreshing the cell: expiry still sees it by its window', () => {
    const cells = new CellContext(100, 600_000);
    cells.add('841e0b9ffffffff', 0, false);
    cells.add('841e0b7ffffffff', 100, false);
    // asked in window 1: the first cell's counts roll to window 1, the second cell's stay in window 0
    expect(cells.neighboursGood('841e0b9ffffffff', 600_000, false, 1, 0.1)).toBe(true);
    expect(cells.expireBefore(600_000)).toBe(0);
    expect(cells.size).toBe(2);
    expect(cells.expireBefore(1_200_000)).toBe(2);
  });

  it('says no in a jammed cell, and forgets after two windows', () => {
    const cells = new CellContext(100, 600_000);
    for (let i = 0; i < 200; i++) cells.add('841e0b9ffffffff', i * 1000, i % 2 === 0);
    expect(cells.neighboursGood('841e0b9ffffffff', 200_000, true, 10, 0.1)).toBe(false);
    for (let i = 0; i < 200; i++) cells.add('841e0b9ffffffff', 1_300_000 + i, false);
    expect(cells.neighboursGood('841e0b9ffffffff', 1_300_200, false, 10, 0.1)).toBe(true);
  });
});
