import type { SlabLayout, SlabRows } from '../../collections/slab.js';
import { bearingDeg, headingDeltaDeg, nearDistanceKm } from '../geodesy.js';

/**
 * Circling vessels: AIS spoofing draws ships turning round and round a point ("crop circles", DOMAIN.md: ships drawing
 * circles near a point on shore). The turn is accumulated from the bearings between successive positions (the
 * reported course may itself be spoofed), within a bounded box and time window; a vessel that leaves the box, stops,
 * or runs out of time starts a new window.
 */

/** Two full turns in one window. One turn is ordinary (a purse seiner sets its net in one circle). */
export const CIRCLING_MIN_TURN_DEG = 720;

/** The whole pattern fits in a box this wide (km): spoofed circles are a few km across. */
export const CIRCLING_MAX_SPAN_KM = 10;

/** Window in which the turns must add up: two 3-km circles at 8 kt take about 80 min. */
export const CIRCLING_WINDOW_MS = 2 * 3_600_000;

/** Below this speed over ground (kt) a ship at anchor swings and its positions wander: no turning is counted. */
export const CIRCLING_MIN_SPEED_KT = 3;

/** Steps shorter than this (km) are GNSS noise for the bearing; they are skipped until the ship has moved. */
export const CIRCLING_MIN_STEP_KM = 0.05;

/** A change of bearing larger than this between two steps (deg) is noise or a jump, not a turn: restart. */
export const CIRCLING_MAX_STEP_TURN_DEG = 90;

export interface CirclingLimits {
  readonly minTurnDeg: number;
  readonly maxSpanKm: number;
  readonly windowMs: number;
}

/** Slots of a circling row: the accumulated turn, the window's start, the last step and the box so far. */
const TURN_DEG = 0;
const START_T = 1;
const LAST_LAT = 2;
const LAST_LON = 3;
const LAST_BEARING = 4;
const MIN_LAT = 5;
const MAX_LAT = 6;
const MIN_LON = 7;
const MAX_LON = 8;

/** The row of one vessel's accumulated turn, in a Slab of its own: taken only for vessels that move. */
export const CIRCLING_LAYOUT: SlabLayout = {
  doubles: [0, 0, Number.NaN, Number.NaN, Number.NaN, 0, 0, 0, 0],
  ints: [],
  refs: [],
};

const NO_DOUBLES = new Float64Array(0);

/** A view on one vessel's accumulated turn (a row of CIRCLING_LAYOUT), pointed at its row with `at`. */
export class CirclingState {
  private f: Float64Array = NO_DOUBLES;
  private b = 0;

  at(rows: SlabRows, row: number): this {
    this.f = rows.chunk(row).f;
    this.b = rows.doubleIndex(row);
    return this;
  }

  get turnDeg(): number {
    return this.f[this.b + TURN_DEG]!;
  }
  get startT(): number {
    return this.f[this.b + START_T]!;
  }

  /** Start a new window at (lat, lon). */
  restart(lat: number, lon: number, t: number): void {
    const f = this.f;
    const b = this.b;
    f[b + TURN_DEG] = 0;
    f[b + START_T] = t;
    f[b + LAST_LAT] = lat;
    f[b + LAST_LON] = lon;
    f[b + LAST_BEARING] = Number.NaN;
    f[b + MIN_LAT] = f[b + MAX_LAT] = lat;
    f[b + MIN_LON] = f[b + MAX_LON] = lon;
  }

  /** Add one position of a moving vessel. */
  add(lat: number, lon: number, t: number, limits: CirclingLimits): void {
    const f = this.f;
    const b = this.b;
    const lastLat = f[b + LAST_LAT]!;
    const lastLon = f[b + LAST_LON]!;
    if (Number.isNaN(lastLat) || t - f[b + START_T]! > limits.windowMs) {
      this.restart(lat, lon, t);
      return;
    }
    if (nearDistanceKm(lastLat, lastLon, lat, lon) < CIRCLING_MIN_STEP_KM) return;
    const bearing = bearingDeg(lastLat, lastLon, lat, lon);
    const lastBearing = f[b + LAST_BEARING]!;
    if (!Number.isNaN(lastBearing)) {
      const turn = headingDeltaDeg(lastBearing, bearing);
      if (Math.abs(turn) > CIRCLING_MAX_STEP_TURN_DEG) {
        this.restart(lat, lon, t);
        return;
      }
      f[b + TURN_DEG] = f[b + TURN_DEG]! + turn;
    }
    f[b + LAST_BEARING] = bearing;
    f[b + LAST_LAT] = lat;
    f[b + LAST_LON] = lon;
    if (lat < f[b + MIN_LAT]!) f[b + MIN_LAT] = lat;
    if (lat > f[b + MAX_LAT]!) f[b + MAX_LAT] = lat;
    if (lon < f[b + MIN_LON]!) f[b + MIN_LON] = lon;
    if (lon > f[b + MAX_LON]!) f[b + MAX_LON] = lon;
    if (this.spanKm() > limits.maxSpanKm) this.restart(lat, lon, t);
  }

  /** Diagonal of the box of the window's positions. */
  spanKm(): number {
    const f = this.f;
    const b = this.b;
    return nearDistanceKm(f[b + MIN_LAT]!, f[b + MIN_LON]!, f[b + MAX_LAT]!, f[b + MAX_LON]!);
  }
}

/** Whether the accumulated turn is a circling pattern: enough turning, inside the box, inside the window. */
export function isCircling(s: CirclingState, t: number, limits: CirclingLimits): boolean {
  return Math.abs(s.turnDeg) >= limits.minTurnDeg && t - s.startT <= limits.windowMs && s.spanKm() <= limits.maxSpanKm;
}
