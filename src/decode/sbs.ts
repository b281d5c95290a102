/**
 * SBS-1 BaseStation CSV (port 30003), as written by Kinetic BaseStation, dump1090 and readsb. One record per line:
 *
 *   MSG,tt,session,aircraft,HEX,flight,date-gen,time-gen,date-log,time-log,callsign,altitude,gs,track,lat,lon,
 *   [0] [1] [2]    [3]      [4] [5]    [6]      [7]      [8]      [9]      [10]     [11]     [12][13]  [14][15]
 *   vrate,squawk,alert,emergency,spi,on-ground                                                 (22 fields)
 *   [16]  [17]   [18]  [19]      [20][21]
 *
 *   tt  message                        fields it fills
 *   1   ES identification              callsign
 *   2   ES surface position            altitude, gs, track, lat, lon (on the ground by definition)
 *   3   ES airborne position           altitude, lat, lon, alert, emergency, spi, on-ground
 *   4   ES airborne velocity           gs, track, vrate
 *   5   surveillance altitude reply    altitude, alert, spi, on-ground
 *   6   surveillance identity reply    altitude, squawk, alert, emergency, spi, on-ground
 *   7   air-to-air reply               altitude, on-ground
 *   8   all-call reply                 on-ground
 *
 * Flags are `-1` (dump1090) or `1` for true, `0` for false, empty when unknown. Date and time are the receiver's
 * LOCAL time. HEX may start with `~` for a non-ICAO address (readsb). STA, ID, AIR, SEL and CLK records carry no craft
 * data that jamwatch uses. Recorders sometimes prefix each line with its receive time in ISO 8601 with a zone
 * (`2018-02-18T06:00:52.050447+00:00,MSG,3,…`): that prefix is the receive time.
 *
 * SBS carries no NIC/NACp/SIL: reports leave them absent (unknown, not degraded). Positions are the receiver's own
 * ADS-B decoding (posSource 'adsb'), unless the feed is an MLAT results feed: pass `posSource: 'mlat'` for those.
 */

import { BoundedMap } from '../collections/bounded-map.js';
import { type DecodeFailure, failure } from '../errors.js';
import {
  icaoId,
  MAX_ALTITUDE_FT,
  MAX_CALLSIGN_LENGTH,
  MAX_GS_KT,
  MIN_ALTITUDE_FT,
  type PosSource,
  REPORT_SCHEMA_ID,
  type Report,
} from '../schema/report.js';
import { instantMs, localDateTimeMs } from './date-time-text.js';
import { ignored, type Outcome, reported, STATE } from './outcome.js';

/** A MSG record has 22 comma-separated fields (BaseStation's published layout). */
export const SBS_MSG_FIELD_COUNT = 22;

/**
 * Per-aircraft state is dropped after this long without a line: readsb treats a track as expired after 60 s
 * without messages (TRACK_EXPIRE), so older callsign/velocity would belong to a craft that has left.
 */
export const SBS_IDLE_MS = 60_000;

/** Default bound on tracked aircraft: one receiver sees a few hundred; an aggregated feed a few tens of thousands. */
export const SBS_MAX_AIRCRAFT = 50_000;

/** Civil UTC offsets are whole multiples of 15 minutes (UTC+5:45 Nepal, UTC+8:45 Eucla, UTC+12:45 Chatham). */
export const UTC_OFFSET_STEP_MINUTES = 15;
/** Civil offsets lie between UTC−12 and UTC+14. */
export const MIN_UTC_OFFSET_MINUTES = -12 * 60;
export const MAX_UTC_OFFSET_MINUTES = 14 * 60;

const STATUS_RECORDS = new Set(['STA', 'ID', 'AIR', 'SEL', 'CLK']);
const HEX_ADDRESS = /^[0-9A-Fa-f]{6}$/;

export interface SbsDecoderOptions {
  /** The receiver's UTC offset in minutes east of UTC (`--tz`); absent when unknown. */
  readonly tzOffsetMinutes?: number;
  /** Bound on per-aircraft state (default SBS_MAX_AIRCRAFT). */
  readonly maxAircraft?: number;
  /** Source of the positions on this feed (default 'adsb'; 'mlat' for an MLAT results feed). */
  readonly posSource?: PosSource;
}

interface SbsAircraft {
  lastSeen: number;
  callsign: string | undefined;
  altBaro: number | undefined;
  gs: number | undefined;
  track: number | undefined;
  onGround: boolean | undefined;
}

/**
 * The UTC offset of a receiver's local clock, from one line that has both its local date-time and a UTC receive
 * time: the difference rounded to the nearest step. Right as long as the recorder lags the receiver by less than
 * half a step (7.5 min; the Adelaide corpus lags 0.4–1.2 s). Undefined when the result is no real offset.
 */
export function inferUtcOffsetMinutes(localAsUtcMs: number, receiveMs: number): number | undefined {
  const minutes = Math.round((localAsUtcMs - receiveMs) / 60_000 / UTC_OFFSET_STEP_MINUTES) * UTC_OFFSET_STEP_MINUTES;
  if (minutes < MIN_UTC_OFFSET_MINUTES || minutes > MAX_UTC_OFFSET_MINUTES) return undefined;
  return minutes === 0 ? 0 : minutes; // no -0
}

/** An optional numeric field: undefined when empty, NaN when not a number. */
function sbsNumber(text: string): number | undefined {
  return text === '' ? undefined : Number(text);
}

/** An optional flag: undefined when empty, null when not one of the flag spellings. */
function sbsFlag(text: string): boolean | undefined | null {
  if (text === '') return undefined;
  if (text === '0') return false;
  if (text === '-1' || text === '1') return true;
  return null;
}

function inRange(value: number, min: number, max: number): boolean {
  return value >= min && value <= max;
}

export class SbsDecoder {
  private readonly aircraft: BoundedMap<number, SbsAircraft>;
  private readonly tzOffsetMinutes: number | undefined;
  private readonly posSource: PosSource;

  constructor(options: SbsDecoderOptions = {}) {
    this.aircraft = new BoundedMap(options.maxAircraft ?? SBS_MAX_AIRCRAFT);
    this.tzOffsetMinutes = options.tzOffsetMinutes;
    this.posSource = options.posSource ?? 'adsb';
  }

  get trackedAircraft(): number {
    return this.aircraft.size;
  }

  /**
   * Decode one line (without its line break; a trailing `\r` is allowed). `fallbackTimeMs` is the time to use when
   * the line has no usable time of its own: the receive time live, or `--start-time` plus the line position from files.
   * Event time, in order: the date/time fields with `tzOffsetMinutes`; the date/time fields with the offset inferred
   * from a receive-time prefix; the prefix itself; `fallbackTimeMs`. Fields without a known offset are not trusted.
   */
  decodeLine(line: string, fallbackTimeMs: number): Outcome {
    const fields = line.split(',');
    let o = 0;
    let receiveMs = Number.NaN;
    const first = fields[0]!;
    if (first !== 'MSG' && !STATUS_RECORDS.has(first) && first.length >= 19) {
      receiveMs = instantMs(first);
      if (Number.isNaN(receiveMs)) {
        return failure('SBS_SYNTAX', `unknown record type or bad time prefix: ${first.slice(0, 40)}`);
      }
      o = 1;
    }
    const record = fields[o] ?? '';
    if (record !== 'MSG') {
      if (STATUS_RECORDS.has(record)) return ignored('sbs-status-line');
      return failure('SBS_SYNTAX', `unknown record type: ${record.slice(0, 16)}`);
    }
    if (fields.length - o !== SBS_MSG_FIELD_COUNT) {
      return failure('SBS_SYNTAX', `MSG record has ${fields.length - o} fields, expected ${SBS_MSG_FIELD_COUNT}`);
    }
    const tt = fields[o + 1]!;
    if (tt.length !== 1 || tt < '1' || tt > '8') return failure('SBS_SYNTAX', `transmission type ${tt} is not 1–8`);
    const hex = fields[o + 4]!;
    if (hex.charCodeAt(0) === 126 /* '~' */) return ignored('non-icao-address');
    if (!HEX_ADDRESS.test(hex)) {
      return failure('SBS_SYNTAX', `aircraft address ${hex.slice(0, 16)} is not 6 hex digits`);
    }

    const t = this.eventTime(fields[o + 6]!, fields[o + 7]!, receiveMs, fallbackTimeMs);
    if (typeof t !== 'number') return t;

    const callsignText = fields[o + 10]!.trim();
    if (callsignText.length > MAX_CALLSIGN_LENGTH) return failure('SBS_SYNTAX', 'callsign longer than 16 characters');
    const altitude = sbsNumber(fields[o + 11]!);
    const gs = sbsNumber(fields[o + 12]!);
    const track = sbsNumber(fields[o + 13]!);
    const lat = sbsNumber(fields[o + 14]!);
    const lon = sbsNumber(fields[o + 15]!);
    const groundFlag = sbsFlag(fields[o + 21]!.trimEnd());
    if (
      Number.isNaN(altitude) ||
      Number.isNaN(gs) ||
      Number.isNaN(track) ||
      Number.isNaN(lat) ||
      Number.isNaN(lon) ||
      groundFlag === null
    ) {
      return failure('SBS_SYNTAX', 'a numeric or flag field does not parse');
    }
    if ((lat === undefined) !== (lon === undefined)) return failure('SBS_SYNTAX', 'latitude without longitude');
    if (altitude !== undefined && !inRange(altitude, MIN_ALTITUDE_FT, MAX_ALTITUDE_FT)) {
      return failure('VALUE_RANGE', `altitude ${altitude} ft`);
    }
    if (gs !== undefined && !inRange(gs, 0, MAX_GS_KT)) return failure('VALUE_RANGE', `ground speed ${gs} kt`);
    if (track !== undefined && !inRange(track, 0, 360)) return failure('VALUE_RANGE', `track ${track}°`);
    if (lat !== undefined && lon !== undefined && (!inRange(lat, -90, 90) || !inRange(lon, -180, 180))) {
      return failure('VALUE_RANGE', `position ${lat}, ${lon}`);
    }

    const address = Number.parseInt(hex, 16);
    const craft = this.touch(address, t);
    if (callsignText !== '') craft.callsign = callsignText;
    if (altitude !== undefined) craft.altBaro = altitude;
    if (gs !== undefined) craft.gs = gs;
    if (track !== undefined) craft.track = track;
    // A surface position message means on the ground, an airborne one airborne unless the flag says otherwise.
    if (tt === '2') craft.onGround = true;
    else if (tt === '3') craft.onGround = groundFlag ?? false;
    else if (groundFlag !== undefined) craft.onGround = groundFlag;

    if ((tt !== '2' && tt !== '3') || lat === undefined || lon === undefined) return STATE;

    const report: Report = { schema: REPORT_SCHEMA_ID, src: 'adsb', id: icaoId(address), t, lat, lon };
    if (craft.onGround === true) report.onGround = true;
    else {
      const alt = altitude ?? craft.altBaro;
      if (alt !== undefined) report.altBaro = alt;
      if (craft.onGround === false) report.onGround = false;
    }
    if (craft.gs !== undefined) report.gs = craft.gs;
    if (craft.track !== undefined) report.track = craft.track;
    report.posSource = this.posSource;
    if (craft.callsign !== undefined) report.callsign = craft.callsign;
    if (!Number.isNaN(receiveMs) && receiveMs !== t) report.rxTime = receiveMs;
    return reported(report);
  }

  private eventTime(date: string, time: string, receiveMs: number, fallbackTimeMs: number): number | DecodeFailure {
    let t: number;
    if (date === '' && time === '') {
      t = Number.isNaN(receiveMs) ? fallbackTimeMs : receiveMs;
    } else {
      const local = localDateTimeMs(date, time);
      if (Number.isNaN(local)) return failure('SBS_SYNTAX', `bad date/time ${date.slice(0, 12)} ${time.slice(0, 16)}`);
      const offset =
        this.tzOffsetMinutes ?? (Number.isNaN(receiveMs) ? undefined : inferUtcOffsetMinutes(local, receiveMs));
      if (offset !== undefined) t = local - offset * 60_000;
      else t = Number.isNaN(receiveMs) ? fallbackTimeMs : receiveMs;
    }
    t = Math.round(t);
    if (!(t >= 0)) return failure('VALUE_RANGE', `event time ${t} is before 1970`);
    return t;
  }

  private touch(address: number, t: number): SbsAircraft {
    this.aircraft.expireBefore(t - SBS_IDLE_MS);
    let craft = this.aircraft.get(address);
    if (craft === undefined) {
      craft = {
        lastSeen: t,
        callsign: undefined,
        altBaro: undefined,
        gs: undefined,
        track: undefined,
        onGround: undefined,
      };
      this.aircraft.set(address, craft);
    } else {
      this.aircraft.touch(address, craft, t);
    }
    return craft;
  }
}
