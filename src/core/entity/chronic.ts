import { NO_ROW, type SlabLayout } from '../../collections/slab.js';
import { SlabMap } from '../../collections/slab-map.js';
import { distanceKm } from '../geodesy.js';
import type { ChronicRecordSnapshot } from './snapshot.js';

/**
 * Chronic airframes: transponders whose integrity is low wherever they fly (a faulty or badly installed GNSS source,
 * a transponder wired to report NACp 0). They are learned, not configured, and then neither good nor degraded.
 *
 * A record opens at an airframe's first degraded bucket and counts, per time bucket from then on: samples, degraded
 * samples, and degraded samples spent among good neighbours ("lonely"). It also keeps where and when the first
 * degraded sample was and how far from there later ones reached. Two ways to be chronic:
 * - low wherever it flies: degraded in places more than 500 km apart (farther than one jammer reaches, DOMAIN.md:
 *   ~300 km for Kaliningrad) over more than an hour, and degraded in most of its samples;
 * - low while its neighbours are good: most of its degraded samples were spent in cells where other craft were good.
 * Counts are halved when they reach a ceiling, so an airframe that gets fixed is forgotten within days.
 */
export const CHRONIC = {
  /** Records kept (LRU beyond): one per airframe ever degraded, ~120 bytes each. */
  MAX_AIRFRAMES: 200_000,
  /** A record unseen this long is dropped. */
  RETENTION_MS: 30 * 24 * 3_600_000,
  /** Degraded buckets before any verdict: 60 × 10 s = 10 min of degradation. */
  MIN_BAD_SAMPLES: 60,
  /** "Most of its samples" for the wherever-it-flies test. */
  MIN_BAD_FRACTION: 0.8,
  MIN_SPREAD_KM: 500,
  MIN_SPAN_MS: 3_600_000,
  /** "Most of its degraded samples" for the among-good-neighbours test. */
  MIN_LONELY_FRACTION: 0.5,
  NEIGHBOUR_WINDOW_MS: 10 * 60_000,
  /** Three other craft over a 10-min window of 10-s buckets. */
  NEIGHBOUR_MIN_SAMPLES: 180,
  /** gpsjam.org's green band is < 2 % bad; 10 % leaves room for other odd airframes. */
  NEIGHBOUR_MAX_BAD_RATIO: 0.1,
  MAX_CELLS: 100_000,
  /** Halve the counts at this many samples: a day of 10-s buckets. */
  SAMPLE_CEILING: 8640,
} as const;

export interface ChronicLimits {
  readonly minBadSamples: number;
  readonly minBadFraction: number;
  readonly minSpreadKm: number;
  readonly minSpanMs: number;
  readonly minLonelyFraction: number;
}

/** What is learned about one airframe; plain numbers, JSON-able as they are. */
export interface ChronicFacts {
  samples: number;
  bad: number;
  lonely: number;
  firstBadT: number;
  firstBadLat: number;
  firstBadLon: number;
  spreadKm: number;
  lastSeen: number;
}

// Doubles of a record's row (halved counts are fractional); its `lastSeen` is the map's own.
const SAMPLES = 0;
const BAD = 1;
const LONELY = 2;
const FIRST_BAD_T = 3;
const FIRST_BAD_LAT = 4;
const FIRST_BAD_LON = 5;
const SPREAD_KM = 6;
const RECORD: SlabLayout = { doubles: [0, 0, 0, 0, 0, 0, 0], ints: [], refs: [] };

const NO_DOUBLES = new Float64Array(0);

/** A view on one airframe's record (a row of the store's map), pointed at it with `at`. */
class ChronicRecord implements ChronicFacts {
  private f: Float64Array = NO_DOUBLES;
  private b = 0;
  private records!: SlabMap<string>;
  private row = 0;

  at(records: SlabMap<string>, row: number): this {
    this.records = records;
    this.row = row;
    this.f = records.chunk(row).f;
    this.b = records.doubleIndex(row);
    return this;
  }

  get samples(): number {
    return this.f[this.b + SAMPLES]!;
  }
  set samples(v: number) {
    this.f[this.b + SAMPLES] = v;
  }
  get bad(): number {
    return this.f[this.b + BAD]!;
  }
  set bad(v: number) {
    this.f[this.b + BAD] = v;
  }
  get lonely(): number {
    return this.f[this.b + LONELY]!;
  }
  set lonely(v: number) {
    this.f[this.b + LONELY] = v;
  }
  get firstBadT(): number {
    return this.f[this.b + FIRST_BAD_T]!;
  }
  set firstBadT(v: number) {
    this.f[this.b + FIRST_BAD_T] = v;
  }
  get firstBadLat(): number {
    return this.f[this.b + FIRST_BAD_LAT]!;
  }
  set firstBadLat(v: number) {
    this.f[this.b + FIRST_BAD_LAT] = v;
  }
  get firstBadLon(): number {
    return this.f[this.b + FIRST_BAD_LON]!;
  }
  set firstBadLon(v: number) {
    this.f[this.b + FIRST_BAD_LON] = v;
  }
  get spreadKm(): number {
    return this.f[this.b + SPREAD_KM]!;
  }
  set spreadKm(v: number) {
    this.f[this.b + SPREAD_KM] = v;
  }
  get lastSeen(): number {
    return this.records.lastSeen(this.row);
  }
}

/** The rule: is this airframe chronic on what has been learned so far? */
export function isChronic(f: ChronicFacts, limits: ChronicLimits): boolean {
  if (f.bad < limits.minBadSamples) return false;
  const everywhere =
    f.spreadKm >= limits.minSpreadKm &&
    f.lastSeen - f.firstBadT >= limits.minSpanMs &&
    f.bad >= limits.minBadFraction * f.samples;
  return everywhere || f.lonely >= limits.minLonelyFraction * f.bad;
}

export class ChronicStore {
  private readonly records: SlabMap<string>;
  private readonly record = new ChronicRecord();

  constructor(
    maxAirframes: number,
    private readonly limits: ChronicLimits,
  ) {
    this.records = new SlabMap(maxAirframes, RECORD);
  }

  get size(): number {
    return this.records.size;
  }

  /**
   * Learn one bucket of one airframe: degraded or not, among good neighbours or not, placed at (lat, lon) when its
   * position is known (NaN otherwise). Returns whether it is chronic now. Good airframes without a record cost nothing.
   */
  learn(id: string, t: number, bad: boolean, lonely: boolean, lat: number, lon: number): boolean {
    let row = this.records.get(id);
    const r = this.record;
    if (row === NO_ROW) {
      if (!bad) return false;
      row = this.records.add(id, t);
      r.at(this.records, row);
      r.firstBadT = t;
      r.firstBadLat = lat;
      r.firstBadLon = lon;
    } else {
      r.at(this.records, row);
    }
    if (r.samples >= CHRONIC.SAMPLE_CEILING) {
      r.samples /= 2;
      r.bad /= 2;
      r.lonely /= 2;
    }
    r.samples++;
    if (bad) {
      r.bad++;
      if (lonely) r.lonely++;
      if (Number.isNaN(r.firstBadLat)) {
        r.firstBadLat = lat;
        r.firstBadLon = lon;
      } else if (!Number.isNaN(lat)) {
        const km = distanceKm(r.firstBadLat, r.firstBadLon, lat, lon);
        if (km > r.spreadKm) r.spreadKm = km;
      }
    }
    this.records.touch(row, t);
    return isChronic(r, this.limits);
  }

  isChronic(id: string): boolean {
    const row = this.records.get(id);
    return row !== NO_ROW && isChronic(this.record.at(this.records, row), this.limits);
  }

  expireBefore(cutoff: number): number {
    return this.records.expireBefore(cutoff);
  }

  /** Every record, oldest first, as plain JSON-able data (an unknown place is null). */
  snapshot(): ChronicRecordSnapshot[] {
    const out: ChronicRecordSnapshot[] = [];
    const r = this.record;
    for (let row = this.records.first(); row !== NO_ROW; row = this.records.after(row)) {
      r.at(this.records, row);
      const placed = !Number.isNaN(r.firstBadLat);
      out.push({
        id: this.records.keyOf(row),
        samples: r.samples,
        bad: r.bad,
        lonely: r.lonely,
        firstBadT: r.firstBadT,
        firstBadLat: placed ? r.firstBadLat : null,
        firstBadLon: placed ? r.firstBadLon : null,
        spreadKm: r.spreadKm,
        lastSeen: r.lastSeen,
      });
    }
    return out;
  }

  /** Put back records from a snapshot, oldest first so that expiry order holds. */
  restore(records: readonly ChronicRecordSnapshot[]): void {
    const sorted = [...records].sort((a, b) => a.lastSeen - b.lastSeen);
    for (const f of sorted) {
      // a record already learned is replaced, and counts as the newest
      let row = this.records.get(f.id);
      if (row === NO_ROW) row = this.records.add(f.id, f.lastSeen);
      else this.records.touch(row, f.lastSeen);
      const r = this.record.at(this.records, row);
      r.samples = f.samples;
      r.bad = f.bad;
      r.lonely = f.lonely;
      r.firstBadT = f.firstBadT;
      r.firstBadLat = f.firstBadLat ?? Number.NaN;
      r.firstBadLon = f.firstBadLon ?? Number.NaN;
      r.spreadKm = f.spreadKm;
    }
  }

  /** The number of airframes judged chronic now (a scan: for stats, not the hot path). */
  countChronic(): number {
    let n = 0;
    for (let row = this.records.first(); row !== NO_ROW; row = this.records.after(row)) {
      if (isChronic(this.record.at(this.records, row), this.limits)) n++;
    }
    return n;
  }
}
