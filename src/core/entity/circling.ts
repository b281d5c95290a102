import { bearingDeg, headingDeltaDeg, nearDistanceKm } from './geodesy.js';

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

/** The accumulated turn of one vessel: a few numbers, allocated only for vessels that move. */
export class CirclingState {
  turnDeg = 0;
  startT = 0;
  lastLat = Number.NaN;
  lastLon = Number.NaN;
  lastBearing = Number.NaN;
  minLat = 0;
  maxLat = 0;
  minLon = 0;
  maxLon = 0;

  /** Start a new window at (lat, lon). */
  restart(lat: number, lon: number, t: number): void {
    this.turnDeg = 0;
    this.startT = t;
    this.lastLat = lat;
    this.lastLon = lon;
    this.lastBearing = Number.NaN;
    this.minLat = this.maxLat = lat;
    this.minLon = this.maxLon = lon;
  }

  /** Add one position of a moving vessel. */
  add(lat: number, lon: number, t: number, limits: CirclingLimits): void {
    if (Number.isNaN(this.lastLat) || t - this.startT > limits.windowMs) {
      this.restart(lat, lon, t);
      return;
    }
    if (nearDistanceKm(this.lastLat, this.lastLon, lat, lon) < CIRCLING_MIN_STEP_KM) return;
    const bearing = bearingDeg(this.lastLat, this.lastLon, lat, lon);
    if (!Number.isNaN(this.lastBearing)) {
      const turn = headingDeltaDeg(this.lastBearing, bearing);
      if (Math.abs(turn) > CIRCLING_MAX_STEP_TURN_DEG) {
        this.restart(lat, lon, t);
        return;
      }
      this.turnDeg += turn;
    }
    this.lastBearing = bearing;
    this.lastLat = lat;
    this.lastLon = lon;
    if (lat < this.minLat) this.minLat = lat;
    if (lat > this.maxLat) this.maxLat = lat;
    if (lon < this.minLon) this.minLon = lon;
    if (lon > this.maxLon) this.maxLon = lon;
    if (spanKm(this) > limits.maxSpanKm) this.restart(lat, lon, t);
  }
}

function spanKm(s: CirclingState): number {
  return nearDistanceKm(s.minLat, s.minLon, s.maxLat, s.maxLon);
}

/** Whether the accumulated turn is a circling pattern: enough turning, inside the box, inside the window. */
export function isCircling(s: CirclingState, t: number, limits: CirclingLimits): boolean {
  return Math.abs(s.turnDeg) >= limits.minTurnDeg && t - s.startT <= limits.windowMs && spanKm(s) <= limits.maxSpanKm;
}
