import { describe, expect, it } from 'vitest';
import { NO_ROW } from '../../../../src/collections/slab.js';
import { SlabMap } from '../../../../src/collections/slab-map.js';
import { FLAG_UNKNOWN } from '../../../../src/core/entity/ais-rules.js';
import { CRAFT_LAYOUT, CraftState } from '../../../../src/core/entity/craft-state.js';
import { MODE, TRIGGER } from '../../../../src/core/entity/track-mode.js';

/** Every field of the view, as plain data. */
function read(s: CraftState) {
  return {
    sea: s.sea,
    ignored: s.ignored,
    src: s.src,
    refLat: s.refLat,
    refLon: s.refLon,
    refT: s.refT,
    refLastT: s.refLastT,
    repeats: s.repeats,
    frozen: s.frozen,
    goodLat: s.goodLat,
    goodLon: s.goodLon,
    goodT: s.goodT,
    goodGs: s.goodGs,
    goodTrack: s.goodTrack,
    alt: s.alt,
    counter: s.counter,
    degraded: s.degraded,
    integrityEvidence: s.integrityEvidence,
    everGood: s.everGood,
    hasIntegrity: s.hasIntegrity,
    lastHealthyT: s.lastHealthyT,
    healthyLat: s.healthyLat,
    healthyLon: s.healthyLon,
    healthyAlt: s.healthyAlt,
    accuracy: s.accuracy,
    raim: s.raim,
    mode: s.mode,
    trigger: s.trigger,
    modeSince: s.modeSince,
    anomalies: s.anomalies,
    altStreak: s.altStreak,
    circling: s.circling,
    bucket: s.bucket,
    emittedRank: s.emittedRank,
    chronic: s.chronic,
    cell: s.cell,
    cellLat: s.cellLat,
    cellLon: s.cellLon,
    cellSafeKm: s.cellSafeKm,
  };
}

type Fields = ReturnType<typeof read>;
const U = Number.NaN;

const FRESH: Fields = {
  sea: false,
  ignored: false,
  src: -1,
  refLat: U,
  refLon: U,
  refT: U,
  refLastT: U,
  repeats: 0,
  frozen: false,
  goodLat: U,
  goodLon: U,
  goodT: U,
  goodGs: U,
  goodTrack: U,
  alt: 0,
  counter: 0,
  degraded: false,
  integrityEvidence: 0,
  everGood: false,
  hasIntegrity: false,
  lastHealthyT: U,
  healthyLat: U,
  healthyLon: U,
  healthyAlt: 0,
  accuracy: FLAG_UNKNOWN,
  raim: FLAG_UNKNOWN,
  mode: MODE.NORMAL,
  trigger: TRIGGER.NONE,
  modeSince: U,
  anomalies: 0,
  altStreak: 0,
  circling: NO_ROW,
  bucket: -1,
  emittedRank: -1,
  chronic: false,
  cell: '',
  cellLat: U,
  cellLon: U,
  cellSafeKm: U,
};

/** Each way of writing the view, with the fields it sets (values unlike any other field's, to catch a shared slot). */
const WRITES: Array<[string, (s: CraftState) => void, Partial<Fields>]> = [
  ['src', (s) => (s.src = 2), { src: 2 }],
  ['setRef', (s) => s.setRef(1.5, 2.5, 3.5), { refLat: 1.5, refLon: 2.5, refT: 3.5, refLastT: 3.5, repeats: 0 }],
  ['refLastT', (s) => (s.refLastT = 4.5), { refLastT: 4.5 }],
  ['repeats', (s) => (s.repeats = 5), { repeats: 5 }],
  ['frozen', (s) => (s.frozen = true), { frozen: true }],
  [
    'setGood',
    (s) => s.setGood(6.5, 7.5, 8.5, 9.5, 10.5),
    { goodLat: 6.5, goodLon: 7.5, goodT: 8.5, goodGs: 9.5, goodTrack: 10.5 },
  ],
  ['alt', (s) => (s.alt = 11.5), { alt: 11.5 }],
  ['counter', (s) => (s.counter = 12), { counter: 12 }],
  ['degraded', (s) => (s.degraded = true), { degraded: true }],
  ['integrityEvidence', (s) => (s.integrityEvidence = 13), { integrityEvidence: 13 }],
  [
    'markHealthy',
    (s) => s.markHealthy(14.5, 15.5, 16.5, 17.5),
    { everGood: true, lastHealthyT: 14.5, healthyLat: 15.5, healthyLon: 16.5, healthyAlt: 17.5 },
  ],
  ['everGood', (s) => (s.everGood = false), { everGood: false }],
  ['hasIntegrity', (s) => (s.hasIntegrity = true), { hasIntegrity: true }],
  ['lastHealthyT', (s) => (s.lastHealthyT = 18.5), { lastHealthyT: 18.5 }],
  ['accuracy', (s) => (s.accuracy = 1), { accuracy: 1 }],
  ['raim', (s) => (s.raim = 0), { raim: 0 }],
  ['mode', (s) => (s.mode = MODE.PENDING_EXIT), { mode: MODE.PENDING_EXIT }],
  ['trigger', (s) => (s.trigger = TRIGGER.ASHORE), { trigger: TRIGGER.ASHORE }],
  ['modeSince', (s) => (s.modeSince = 19.5), { modeSince: 19.5 }],
  ['anomalies', (s) => (s.anomalies = 20), { anomalies: 20 }],
  ['altStreak', (s) => (s.altStreak = 21), { altStreak: 21 }],
  ['circling', (s) => (s.circling = 22), { circling: 22 }],
  ['bucket', (s) => (s.bucket = 23.5), { bucket: 23.5 }],
  ['emittedRank', (s) => (s.emittedRank = 2), { emittedRank: 2 }],
  ['chronic', (s) => (s.chronic = true), { chronic: true }],
  ['cell', (s) => (s.cell = '8411aa1ffffffff'), { cell: '8411aa1ffffffff' }],
  ['cellLat', (s) => (s.cellLat = 24.5), { cellLat: 24.5 }],
  ['cellLon', (s) => (s.cellLon = 25.5), { cellLon: 25.5 }],
  ['cellSafeKm', (s) => (s.cellSafeKm = 26.5), { cellSafeKm: 26.5 }],
];

function newCraft(crafts: SlabMap<string>, view: CraftState, id: string, sea: boolean, ignored: boolean) {
  const row = crafts.add(id, 0);
  view.at(crafts, row).init(sea, ignored);
  return row;
}

describe('CraftState', () => {
  it('starts a new craft with every field unknown or at its start value', () => {
    const crafts = new SlabMap<string>(10, CRAFT_LAYOUT);
    const s = new CraftState();
    newCraft(crafts, s, 'icao:000001', true, false);
    expect(read(s)).toEqual({ ...FRESH, sea: true });
    newCraft(crafts, s, 'icao:000002', false, true);
    expect(read(s)).toEqual({ ...FRESH, ignored: true });
  });

  it('gives every field a slot of its own, in a row of its own', () => {
    const crafts = new SlabMap<string>(10, CRAFT_LAYOUT);
    const s = new CraftState();
    const neighbour = new CraftState();
    const before = newCraft(crafts, neighbour, 'icao:000001', false, false);
    newCraft(crafts, s, 'icao:000002', false, false);
    const after = newCraft(crafts, neighbour, 'icao:000003', false, false);
    let expected = read(s);
    for (const [name, write, sets] of WRITES) {
      write(s);
      expected = { ...expected, ...sets };
      expect(read(s), name).toEqual(expected);
    }
    expect(read(neighbour.at(crafts, before))).toEqual(FRESH);
    expect(read(neighbour.at(crafts, after))).toEqual(FRESH);
  });

  it('forgets the track and any episode on resetTrack, and keeps what it learned about the craft', () => {
    const crafts = new SlabMap<string>(10, CRAFT_LAYOUT);
    const s = new CraftState();
    newCraft(crafts, s, 'mmsi:230000001', true, false);
    for (const [, write] of WRITES) write(s);
    const kept = read(s);
    s.resetTrack();
    expect(read(s)).toEqual({
      ...kept,
      src: -1,
      refLat: U,
      refLon: U,
      repeats: 0,
      frozen: false,
      counter: 0,
      degraded: false,
      integrityEvidence: 0,
      mode: MODE.NORMAL,
      trigger: TRIGGER.NONE,
      anomalies: 0,
      altStreak: 0,
    });
  });

  it('a row freed by eviction and taken by another craft starts clean', () => {
    const crafts = new SlabMap<string>(1, CRAFT_LAYOUT);
    const s = new CraftState();
    const first = newCraft(crafts, s, 'icao:000001', true, true);
    for (const [, write] of WRITES) write(s);
    const second = newCraft(crafts, s, 'icao:000002', false, false);
    expect(second).toBe(first);
    expect(crafts.has('icao:000001')).toBe(false);
    expect(read(s)).toEqual(FRESH);
  });
});
