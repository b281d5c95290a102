/**
 * Which readsb entries are new position events (DESIGN: one report per position event). Snapshots (aircraft.json
 * every second, history every 30 s, API polls) repeat an aircraft's position until a newer one arrives, so an entry
 * is a new event only when its position time (`now − seen_pos`) or its position changed since the last one reported
 * for that aircraft. The same holds for "no position" events (time of the last message, `now − seen`).
 */
import { BoundedMap } from '../../collections/bounded-map.js';

/**
 * readsb prints `now` to 0.1 s and seen_pos to 0.001 s (dump1090: 0.1 s), so one position seen in two snapshots can
 * give position times 0.1 s apart; distinct airborne positions are at least 0.4 s apart (DO-260B: position squitters
 * every 0.4–0.6 s). Times closer than this, at the same place, are the same event.
 */
export const SAME_EVENT_TOLERANCE_MS = 150;

/**
 * State is kept this long after an aircraft was last listed: longer than readsb's longest track expiry (180 s) and
 * the 30 s history interval, so an aircraft that is still listed keeps its state between snapshots.
 */
export const READSB_IDLE_MS = 300_000;

/** Default bound: a whole-planet aircraft.json lists about 10,000 aircraft (up to ~25,000 at the daily peak). */
export const READSB_MAX_AIRCRAFT = 100_000;

/** What was last reported for one aircraft: the position event and the "no position" event. */
export interface AircraftEvents {
  lastSeen: number;
  posTime: number;
  lat: number;
  lon: number;
  noPosTime: number;
}

/** The rule: a position is new when its time moved by more than the rounding tolerance or it is somewhere else. */
export function isNewPosition(last: AircraftEvents, t: number, lat: number, lon: number): boolean {
  return Math.abs(t - last.posTime) > SAME_EVENT_TOLERANCE_MS || lat !== last.lat || lon !== last.lon;
}

/** The rule for "no position" events: a message heard at a new time. */
export function isNewNoPosition(last: AircraftEvents, t: number): boolean {
  return !(Math.abs(t - last.noPosTime) <= SAME_EVENT_TOLERANCE_MS);
}

export function recordPosition(last: AircraftEvents, t: number, lat: number, lon: number): void {
  last.posTime = t;
  last.lat = lat;
  last.lon = lon;
}

export function recordNoPosition(last: AircraftEvents, t: number): void {
  last.noPosTime = t;
}

/** Per-aircraft event state, bounded by count and by idle time. */
export class PositionEvents {
  private readonly aircraft: BoundedMap<number, AircraftEvents>;

  constructor(maxAircraft = READSB_MAX_AIRCRAFT) {
    this.aircraft = new BoundedMap(maxAircraft);
  }

  get size(): number {
    return this.aircraft.size;
  }

  /** The aircraft's state (created when new), marked as seen at `nowMs`. */
  of(address: number, nowMs: number): AircraftEvents {
    let entry = this.aircraft.get(address);
    if (entry === undefined) {
      entry = { lastSeen: nowMs, posTime: Number.NaN, lat: Number.NaN, lon: Number.NaN, noPosTime: Number.NaN };
      this.aircraft.set(address, entry);
    } else {
      this.aircraft.touch(address, entry, nowMs);
    }
    return entry;
  }

  expire(nowMs: number): void {
    this.aircraft.expireBefore(nowMs - READSB_IDLE_MS);
  }
}
