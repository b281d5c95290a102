/**
 * readsb globe-history trace files (trace_full_<hex>.json, trace_recent_<hex>.json; README-json.md "trace jsons"):
 *
 *   { "icao": "ac671b", "timestamp": <epoch s>, "r", "t", "desc", …, "trace": [ point, point, … ] }
 *   point = [ 0 dt (s after timestamp), 1 lat, 2 lon, 3 altitude ft | "ground" | null, 4 gs kt | null,
 *             5 track | null (true heading when on the ground), 6 flags, 7 vertical rate | null,
 *             8 details | null (an aircraft.json object: type, flight, nic, rc, nac_p, sil, version, …),
 *             — files from 2022 on — 9 type | null, 10 alt_geom | null, 11 geom_rate | null, 12 ias | null,
 *             13 roll | null ]
 *   flags: 1 stale (no position for 20 s before), 2 new leg, 4 vertical rate geometric, 8 altitude geometric.
 *
 * Every point is a position; each is a report when it is a new event for the aircraft (PositionEvents). A point's
 * integrity is the latest `details` at or before it, with `integrityAge` the seconds since those details: readsb
 * writes details only every few points, and a details object is the whole aircraft state at its time (a field it
 * omits was not valid then).
 */
import { failure } from '../../errors.js';
import {
  icaoId,
  MAX_ALTITUDE_FT,
  MAX_GS_KT,
  MIN_ALTITUDE_FT,
  REPORT_SCHEMA_ID,
  type Report,
} from '../../schema/report.js';
import { isFailure, isJsonObject, type JsonObject } from '../json-field.js';
import { type Outcome, type OutcomeSink, reported, STATE } from '../outcome.js';
import { readAddress, readCallsign } from './aircraft-entry.js';
import { epochMsOf } from './epoch.js';
import { copyIntegrity, type Integrity, readIntegrity } from './integrity.js';
import { posSourceOfType } from './pos-source.js';
import { isNewPosition, type PositionEvents, recordPosition } from './position-events.js';

/** Trace point flag: the altitude is geometric, not barometric. */
export const TRACE_FLAG_ALT_GEOMETRIC = 8;
/** A point needs at least dt, lat, lon, altitude, gs and track. */
const MIN_POINT_LENGTH = 6;

/** What the latest details said, carried to the points after them. */
interface HeldDetails {
  integrity: Integrity;
  at: number;
  callsign: string | undefined;
  posSource: Report['posSource'];
}

function numberOrNull(value: unknown): value is number | null {
  return value === null || typeof value === 'number';
}

export function decodeTrace(doc: JsonObject, events: PositionEvents, emit: OutcomeSink): void {
  const address = readAddress(doc.icao, 'trace');
  if (typeof address !== 'number') {
    emit(address);
    return;
  }
  const hex = doc.icao as string;
  if (typeof doc.timestamp !== 'number' || !(doc.timestamp >= 0)) {
    emit(failure('JSON_SHAPE', `trace ${hex}: timestamp is not a number of seconds`));
    return;
  }
  const points = doc.trace as unknown[];
  const reader = new TraceReader(hex, address, epochMsOf(doc.timestamp), events);
  for (let i = 0; i < points.length; i++) emit(reader.point(points[i]));
  events.expire(reader.lastT);
}

/** The points of one trace, in order: carries the latest details from point to point. */
class TraceReader {
  private readonly id: string;
  private readonly where: string;
  private held: HeldDetails | undefined;
  lastT: number;

  constructor(
    hex: string,
    private readonly address: number,
    private readonly baseMs: number,
    private readonly events: PositionEvents,
  ) {
    this.id = icaoId(address);
    this.where = `trace ${hex}`;
    this.lastT = baseMs;
  }

  point(point: unknown): Outcome {
    const where = this.where;
    if (!Array.isArray(point) || point.length < MIN_POINT_LENGTH) {
      return failure('JSON_SHAPE', `${where}: a point is not an array of at least ${MIN_POINT_LENGTH} values`);
    }
    const dt = point[0];
    const lat = point[1];
    const lon = point[2];
    const alt = point[3];
    const gs = point[4];
    const track = point[5];
    const flags = point[6] ?? 0;
    const details = point[8] ?? null;
    const type = point[9] ?? null;
    const altGeom = point[10] ?? null;
    if (
      typeof dt !== 'number' ||
      typeof lat !== 'number' ||
      typeof lon !== 'number' ||
      !(numberOrNull(alt) || alt === 'ground') ||
      !numberOrNull(gs) ||
      !numberOrNull(track) ||
      typeof flags !== 'number' ||
      !(details === null || isJsonObject(details)) ||
      !(type === null || typeof type === 'string') ||
      !numberOrNull(altGeom)
    ) {
      return failure('JSON_SHAPE', `${where}: a point has a value of the wrong type`);
    }
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
      return failure('VALUE_RANGE', `${where}: position ${lat}, ${lon}`);
    }
    const t = Math.round(this.baseMs + dt * 1000);
    if (!(t >= 0)) return failure('VALUE_RANGE', `${where}: point time before 1970`);

    if (details !== null) {
      const integrity: Integrity = {};
      const bad = readIntegrity(details, integrity, where);
      if (bad !== undefined) return bad;
      const callsign = readCallsign(details, where);
      if (isFailure(callsign)) return callsign;
      const detailsSource = typeof details.type === 'string' ? posSourceOfType(details.type) : undefined;
      this.held = { integrity, at: t, callsign: callsign ?? this.held?.callsign, posSource: detailsSource };
    }
    this.lastT = t;

    const last = this.events.of(this.address, t);
    if (!isNewPosition(last, t, lat, lon)) return STATE;

    const report: Report = { schema: REPORT_SCHEMA_ID, src: 'adsb', id: this.id, t, lat, lon };
    if (alt === 'ground') report.onGround = true;
    else if (alt !== null) {
      if (!(alt >= MIN_ALTITUDE_FT && alt <= MAX_ALTITUDE_FT))
        return failure('VALUE_RANGE', `${where}: altitude ${alt}`);
      if ((flags & TRACE_FLAG_ALT_GEOMETRIC) !== 0) report.altGeom = alt;
      else report.altBaro = alt;
    }
    if (altGeom !== null) {
      if (!(altGeom >= MIN_ALTITUDE_FT && altGeom <= MAX_ALTITUDE_FT)) {
        return failure('VALUE_RANGE', `${where}: alt_geom ${altGeom}`);
      }
      report.altGeom = altGeom;
    }
    if (gs !== null) {
      if (!(gs >= 0 && gs <= MAX_GS_KT)) return failure('VALUE_RANGE', `${where}: gs ${gs}`);
      report.gs = gs;
    }
    if (track !== null) {
      if (!(track >= 0 && track <= 360)) return failure('VALUE_RANGE', `${where}: track ${track}`);
      // On the ground the track column holds the true heading.
      if (alt === 'ground') report.heading = track;
      else report.track = track;
    }
    const held = this.held;
    if (held !== undefined) {
      copyIntegrity(held.integrity, report);
      if (t >= held.at) report.integrityAge = (t - held.at) / 1000;
      if (held.callsign !== undefined) report.callsign = held.callsign;
    }
    const posSource = type !== null ? posSourceOfType(type) : held?.posSource;
    if (posSource !== undefined) report.posSource = posSource;
    recordPosition(last, t, lat, lon);
    return reported(report);
  }
}
