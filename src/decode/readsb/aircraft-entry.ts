/**
 * One readsb aircraft object (an aircraft.json or API v2 entry, or a --net-json-port line) → one outcome.
 * Fields used (readsb README-json.md; absent when readsb does not know them):
 *   hex (6 hex digits, `~` prefix = non-ICAO address), type, flight, alt_baro (feet or "ground"), ground (bool, some
 *   outputs), alt_geom, gs, track, true_heading, mag_heading, lat, lon, seen_pos, seen, nic, rc, nac_p, sil, sil_type,
 *   gva, nic_baro, version, mlat/tisb (lists of fields from those sources), lastPosition {lat, lon, nic, rc,
 *   seen_pos} (only when lat/lon are older than 60 s), gpsOkBefore (epoch s: GNSS was good before this; present for
 *   15 min after readsb's "lost GNSS" flag is raised), gpsOkLat, gpsOkLon (where it was last good).
 * Times: the position was received at `now − seen_pos`, the last message at `now − seen`.
 *
 * Events: a fresh position (lat/lon) whose time or place changed → a report. No fresh position but `gpsOkBefore`
 * present → a "no position" report (posAvailable false) for each new last-message time: readsb raised its lost-GNSS
 * flag (count of no-position / NACp ≤ 2 messages while airborne, 17 of 20) and the aircraft is still heard without a
 * position, which is what an ADS-B type code 0 message says. Anything else (Mode S only, stale position without the
 * flag, a position already reported) only refreshes state.
 */
import { type DecodeFailure, failure } from '../../errors.js';
import {
  icaoId,
  MAX_ALTITUDE_FT,
  MAX_CALLSIGN_LENGTH,
  MAX_GS_KT,
  MIN_ALTITUDE_FT,
  REPORT_SCHEMA_ID,
  type Report,
} from '../../schema/report.js';
import { isFailure, isJsonObject, type JsonObject, readNumber, readString } from '../json-field.js';
import { ignored, type Outcome, reported, STATE } from '../outcome.js';
import { epochMsOf } from './epoch.js';
import { readIntegrity } from './integrity.js';
import { posSourceOfFieldLists, posSourceOfType } from './pos-source.js';
import {
  isNewNoPosition,
  isNewPosition,
  type PositionEvents,
  recordNoPosition,
  recordPosition,
} from './position-events.js';

/** readsb prints lastPosition for up to 14 days after the last reliable position; ages beyond 30 days are corrupt. */
const MAX_AGE_S = 30 * 24 * 3600;

const HEX_ADDRESS = /^[0-9a-fA-F]{6}$/;

/** Reads `hex`: the ICAO address, an ignored outcome for a non-ICAO address, or a failure. */
export function readAddress(value: unknown, where: string): number | Outcome {
  if (typeof value !== 'string') return failure('JSON_SHAPE', `${where}: hex is not a string`);
  if (value.charCodeAt(0) === 126 /* '~' */) return ignored('non-icao-address');
  if (!HEX_ADDRESS.test(value)) return failure('JSON_SHAPE', `${where}: hex ${value.slice(0, 16)} is not 6 hex digits`);
  return Number.parseInt(value, 16);
}

/** A callsign as the report carries it: trimmed, absent when blank, a failure when longer than any callsign. */
export function readCallsign(object: JsonObject, where: string): string | undefined | DecodeFailure {
  const flight = readString(object, 'flight', where);
  if (flight === undefined || isFailure(flight)) return flight;
  const callsign = flight.trim();
  if (callsign.length > MAX_CALLSIGN_LENGTH) {
    return failure('VALUE_RANGE', `${where}: flight longer than 16 characters`);
  }
  return callsign === '' ? undefined : callsign;
}

export function decodeAircraftEntry(entry: unknown, nowMs: number, events: PositionEvents): Outcome {
  if (!isJsonObject(entry)) return failure('JSON_SHAPE', 'aircraft entry is not an object');
  const address = readAddress(entry.hex, 'aircraft entry');
  if (typeof address !== 'number') return address;
  const hex = entry.hex as string;

  const lat = readNumber(entry, 'lat', -90, 90, hex);
  if (isFailure(lat)) return lat;
  const lon = readNumber(entry, 'lon', -180, 180, hex);
  if (isFailure(lon)) return lon;
  if ((lat === undefined) !== (lon === undefined)) return failure('JSON_SHAPE', `${hex}: lat without lon`);

  const last = events.of(address, nowMs);
  if (lat !== undefined && lon !== undefined) {
    const seenPos = readNumber(entry, 'seen_pos', 0, MAX_AGE_S, hex);
    if (isFailure(seenPos)) return seenPos;
    const t = Math.round(nowMs - (seenPos ?? 0) * 1000);
    if (!isNewPosition(last, t, lat, lon)) return STATE;
    const outcome = buildReport(entry, hex, address, t, nowMs, lat, lon);
    if (outcome.ok) recordPosition(last, t, lat, lon);
    return outcome;
  }

  if (entry.gpsOkBefore === undefined || entry.gpsOkBefore === null) return STATE;
  const seen = readNumber(entry, 'seen', 0, MAX_AGE_S, hex);
  if (isFailure(seen)) return seen;
  const t = Math.round(nowMs - (seen ?? 0) * 1000);
  if (!isNewNoPosition(last, t)) return STATE;
  const outcome = buildReport(entry, hex, address, t, nowMs, undefined, undefined);
  if (outcome.ok) recordNoPosition(last, t);
  return outcome;
}

function buildReport(
  entry: JsonObject,
  hex: string,
  address: number,
  t: number,
  nowMs: number,
  lat: number | undefined,
  lon: number | undefined,
): Outcome {
  if (t < 0) return failure('VALUE_RANGE', `${hex}: event time before 1970`);
  const report: Report = { schema: REPORT_SCHEMA_ID, src: 'adsb', id: icaoId(address), t };
  if (lat !== undefined && lon !== undefined) {
    report.lat = lat;
    report.lon = lon;
  } else {
    report.posAvailable = false;
  }

  const altBaro = entry.alt_baro;
  if (altBaro === 'ground') report.onGround = true;
  else {
    const alt = readNumber(entry, 'alt_baro', MIN_ALTITUDE_FT, MAX_ALTITUDE_FT, hex);
    if (isFailure(alt)) return alt;
    if (alt !== undefined) report.altBaro = alt;
    if (typeof entry.ground === 'boolean') report.onGround = entry.ground;
  }
  const altGeom = readNumber(entry, 'alt_geom', MIN_ALTITUDE_FT, MAX_ALTITUDE_FT, hex);
  if (isFailure(altGeom)) return altGeom;
  if (altGeom !== undefined) report.altGeom = altGeom;
  const gs = readNumber(entry, 'gs', 0, MAX_GS_KT, hex);
  if (isFailure(gs)) return gs;
  if (gs !== undefined) report.gs = gs;
  const track = readNumber(entry, 'track', 0, 360, hex);
  if (isFailure(track)) return track;
  if (track !== undefined) report.track = track;
  const trueHeading = readNumber(entry, 'true_heading', 0, 360, hex);
  if (isFailure(trueHeading)) return trueHeading;
  const magHeading = readNumber(entry, 'mag_heading', 0, 360, hex);
  if (isFailure(magHeading)) return magHeading;
  const heading = trueHeading ?? magHeading;
  if (heading !== undefined) report.heading = heading;

  const bad = readIntegrity(entry, report, hex);
  if (bad !== undefined) return bad;

  const type = readString(entry, 'type', hex);
  if (isFailure(type)) return type;
  const posSource = type !== undefined ? posSourceOfType(type) : posSourceOfFieldLists(entry.mlat, entry.tisb);
  if (posSource !== undefined) report.posSource = posSource;
  const callsign = readCallsign(entry, hex);
  if (isFailure(callsign)) return callsign;
  if (callsign !== undefined) report.callsign = callsign;

  const lastGood = readLastGood(entry, hex, nowMs, report);
  if (lastGood !== undefined) return lastGood;
  return reported(report);
}

/**
 * Where and when GNSS was last good: readsb's gpsOkBefore/gpsOkLat/gpsOkLon when it flagged lost GNSS, otherwise
 * lastPosition (the last reliable position, printed when the current one is older than 60 s).
 */
function readLastGood(entry: JsonObject, hex: string, nowMs: number, report: Report): DecodeFailure | undefined {
  const okBefore = readNumber(entry, 'gpsOkBefore', 0, Number.MAX_SAFE_INTEGER, hex);
  if (isFailure(okBefore)) return okBefore;
  if (okBefore !== undefined) {
    const okLat = readNumber(entry, 'gpsOkLat', -90, 90, hex);
    if (isFailure(okLat)) return okLat;
    const okLon = readNumber(entry, 'gpsOkLon', -180, 180, hex);
    if (isFailure(okLon)) return okLon;
    report.lastGoodAt = Math.round(epochMsOf(okBefore));
    if (okLat !== undefined && okLon !== undefined) {
      report.lastGoodLat = okLat;
      report.lastGoodLon = okLon;
      return undefined;
    }
  }
  const last = entry.lastPosition;
  if (last === undefined || last === null) return undefined;
  if (!isJsonObject(last)) return failure('JSON_SHAPE', `${hex}: lastPosition is not an object`);
  const lastLat = readNumber(last, 'lat', -90, 90, hex);
  if (isFailure(lastLat)) return lastLat;
  const lastLon = readNumber(last, 'lon', -180, 180, hex);
  if (isFailure(lastLon)) return lastLon;
  const lastAge = readNumber(last, 'seen_pos', 0, MAX_AGE_S, hex);
  if (isFailure(lastAge)) return lastAge;
  if (lastLat === undefined || lastLon === undefined) return undefined;
  report.lastGoodLat = lastLat;
  report.lastGoodLon = lastLon;
  if (report.lastGoodAt === undefined && lastAge !== undefined) {
    const at = Math.round(nowMs - lastAge * 1000);
    if (at >= 0) report.lastGoodAt = at;
  }
  return undefined;
}
