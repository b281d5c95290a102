/**
 * aisstream.io JSON (wss://stream.aisstream.io/v0/stream; models in github.com/aisstream/ais-message-models), one
 * message per WebSocket frame or recorded line:
 *
 *   { "MessageType": "<type>",
 *     "MetaData": { "MMSI", "MMSI_String", "ShipName", "latitude", "longitude",
 *                   "time_utc": "2026-04-25 09:47:25.26746452 +0000 UTC" },      (aisstream's receive time)
 *     "Message": { "<type>": { "MessageID", "UserID", "Valid", …fields… } } }
 *
 *   type                              AIS  fields used
 *   PositionReport                    1–3  Latitude, Longitude, Sog, Cog, TrueHeading, PositionAccuracy, Raim
 *   StandardClassBPositionReport      18   same
 *   ExtendedClassBPositionReport      19   same + Name, FixType
 *   LongRangeAisBroadcastMessage      27   Latitude, Longitude, Sog, Cog, PositionAccuracy, Raim, PositionLatency
 *                                          (the M.1371 GNSS position status bit: 0 = current GNSS position)
 *   ShipStaticData                    5    Name, CallSign, FixType (EPFD)
 *   StaticDataReport                  24   PartNumber false: ReportA {Valid, Name}; true: ReportB {Valid, CallSign,
 *                                          FixType}
 * Sentinels (ITU-R M.1371): latitude 91 / longitude 181 = no position; SOG 102.3 kn (type 27: 63) = not available;
 * COG 360 (type 27: 511) = not available; true heading 511 = not available. Names and call signs are padded with `@`
 * and spaces. `Valid: false` is aisstream saying the payload did not decode: AIS_PAYLOAD.
 *
 * A position message → a report (posAvailable false on the sentinels) carrying the vessel's latest static data
 * (name, call sign, EPFD) from per-vessel state; static data → state; every other message type → ignored.
 */

import { BoundedMap } from '../collections/bounded-map.js';
import { failure } from '../errors.js';
import { MAX_CALLSIGN_LENGTH, MAX_NAME_LENGTH, mmsiId, REPORT_SCHEMA_ID, type Report } from '../schema/report.js';
import { instantMs } from './date-time-text.js';
import { isFailure, isJsonObject, type JsonObject, readBoolean } from './json-field.js';
import { ignored, type Outcome, reported, STATE } from './outcome.js';

/** ITU-R M.1371 "not available" values. */
export const AIS_LAT_NOT_AVAILABLE = 91;
export const AIS_LON_NOT_AVAILABLE = 181;
export const AIS_SOG_NOT_AVAILABLE = 102.3;
export const AIS_COG_NOT_AVAILABLE = 360;
/** Type 27 carries whole knots: 63 is its "not available" (its COG "not available", 511, is ≥ 360 like type 1's). */
export const AIS_LR_SOG_NOT_AVAILABLE = 63;

/**
 * Static data is dropped after this long without any message from the vessel: class A sends static data every
 * 6 min and class B part A/B every 6 min (M.1371), so 30 min of silence means the vessel has left the feed.
 */
export const AIS_VESSEL_IDLE_MS = 30 * 60_000;
/** Default bound: about 180,000 vessels are heard worldwide in a day (DOMAIN.md), fewer at once. */
export const AIS_MAX_VESSELS = 200_000;

/** SOG is sent in 0.1 kn steps: half a step tells 102.2 from 102.3 whatever the float rounding. */
const SOG_RESOLUTION_KT = 0.1;
const MAX_MMSI = 999_999_999;
const MAX_EPFD = 15;
const MAX_DETAIL_LENGTH = 200;

type AisClass = NonNullable<Report['aisClass']>;

/**
 * Position message types: their AIS class, and their message id when MessageID is missing. A Map, not an object
 * literal, so that a MessageType such as "constructor" finds nothing.
 */
const POSITION_TYPES = new Map<string, { aisClass: AisClass; defaultId: number | undefined }>([
  ['PositionReport', { aisClass: 'A', defaultId: undefined }],
  ['StandardClassBPositionReport', { aisClass: 'B', defaultId: 18 }],
  ['ExtendedClassBPositionReport', { aisClass: 'B', defaultId: 19 }],
  ['LongRangeAisBroadcastMessage', { aisClass: 'LR', defaultId: 27 }],
]);

interface Vessel {
  lastSeen: number;
  name: string | undefined;
  callsign: string | undefined;
  epfd: number | undefined;
}

/** Speed over ground in knots, undefined when "not available" or impossible. */
export function aisSpeed(sog: unknown, longRange: boolean): number | undefined {
  if (typeof sog !== 'number' || !(sog >= 0)) return undefined;
  if (longRange) return sog < AIS_LR_SOG_NOT_AVAILABLE ? sog : undefined;
  return sog < AIS_SOG_NOT_AVAILABLE - SOG_RESOLUTION_KT / 2 ? sog : undefined;
}

/** Course over ground in degrees, undefined when "not available" (360, type 27: 511) or impossible. */
export function aisCourse(cog: unknown): number | undefined {
  return typeof cog === 'number' && cog >= 0 && cog < AIS_COG_NOT_AVAILABLE ? cog : undefined;
}

/** A whole circle: true heading is 0–359, 511 is "not available" and 360–510 are not used (M.1371). */
const FULL_CIRCLE_DEG = 360;

/** True heading in degrees, undefined when "not available" (511) or not used (360–510). */
export function aisHeading(heading: unknown): number | undefined {
  return typeof heading === 'number' && heading >= 0 && heading < FULL_CIRCLE_DEG ? heading : undefined;
}

/** AIS six-bit text as it arrives: `@` padding and spaces stripped, undefined when nothing is left. */
export function aisText(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/[@\s]+$/, '').trim();
  return text === '' ? undefined : text.slice(0, maxLength);
}

function epfdOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_EPFD ? value : undefined;
}

export interface AisJsonDecoderOptions {
  /** Bound on per-vessel static data (default AIS_MAX_VESSELS). */
  readonly maxVessels?: number;
}

export class AisJsonDecoder {
  private readonly vessels: BoundedMap<number, Vessel>;

  constructor(options: AisJsonDecoderOptions = {}) {
    this.vessels = new BoundedMap(options.maxVessels ?? AIS_MAX_VESSELS);
  }

  get trackedVessels(): number {
    return this.vessels.size;
  }

  /** One aisstream message as text. `receiveTimeMs` stands in for a missing MetaData.time_utc. */
  decodeMessage(text: string, receiveTimeMs: number): Outcome {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return failure('JSON_SYNTAX', (error as Error).message.slice(0, MAX_DETAIL_LENGTH));
    }
    return this.decodeValue(value, receiveTimeMs);
  }

  /** One aisstream message, already parsed. */
  decodeValue(value: unknown, receiveTimeMs: number): Outcome {
    if (!isJsonObject(value)) return failure('JSON_SHAPE', 'message is not a JSON object');
    const type = value.MessageType;
    const meta = value.MetaData;
    const message = value.Message;
    if (typeof type !== 'string' || !isJsonObject(meta) || !isJsonObject(message)) {
      return failure('JSON_SHAPE', 'message lacks MessageType, MetaData or Message');
    }
    const position = POSITION_TYPES.get(type);
    const isStatic = type === 'ShipStaticData' || type === 'StaticDataReport';
    if (position === undefined && !isStatic) return ignored('ais-no-craft-position');
    const body = message[type];
    if (!isJsonObject(body)) return failure('JSON_SHAPE', `Message.${type} is not an object`);
    if (body.Valid === false) return failure('AIS_PAYLOAD', `aisstream marked the ${type} message as not valid`);

    const mmsi = body.UserID ?? meta.MMSI;
    if (typeof mmsi !== 'number' || !Number.isInteger(mmsi))
      return failure('JSON_SHAPE', `${type}: UserID is not an integer`);
    if (mmsi <= 0 || mmsi > MAX_MMSI) return failure('VALUE_RANGE', `${type}: MMSI ${mmsi}`);

    let t = receiveTimeMs;
    const timeUtc = meta.time_utc;
    if (timeUtc !== undefined) {
      if (typeof timeUtc !== 'string') return failure('JSON_SHAPE', 'MetaData.time_utc is not a string');
      t = instantMs(timeUtc);
      if (Number.isNaN(t)) return failure('JSON_SHAPE', `MetaData.time_utc ${timeUtc.slice(0, 40)} is not a time`);
    }
    if (!(t >= 0)) return failure('VALUE_RANGE', `event time ${t} is before 1970`);

    const vessel = this.touch(mmsi, t);
    if (position === undefined) return this.staticData(type, body, vessel);
    if (type === 'ExtendedClassBPositionReport') this.remember(vessel, body.Name, undefined, body.FixType);
    return this.positionReport(type, body, meta, mmsi, t, position.aisClass, position.defaultId, vessel);
  }

  private staticData(type: string, body: JsonObject, vessel: Vessel): Outcome {
    if (type === 'ShipStaticData') {
      this.remember(vessel, body.Name, body.CallSign, body.FixType);
      return STATE;
    }
    const partB = body.PartNumber;
    if (typeof partB !== 'boolean') return failure('JSON_SHAPE', 'StaticDataReport.PartNumber is not a boolean');
    const part = partB ? body.ReportB : body.ReportA;
    if (!isJsonObject(part))
      return failure('JSON_SHAPE', `StaticDataReport.${partB ? 'ReportB' : 'ReportA'} is not an object`);
    if (part.Valid === false) return STATE;
    if (partB) this.remember(vessel, undefined, part.CallSign, part.FixType);
    else this.remember(vessel, part.Name, undefined, undefined);
    return STATE;
  }

  private remember(vessel: Vessel, name: unknown, callsign: unknown, fixType: unknown): void {
    const n = aisText(name, MAX_NAME_LENGTH);
    if (n !== undefined) vessel.name = n;
    const c = aisText(callsign, MAX_CALLSIGN_LENGTH);
    if (c !== undefined) vessel.callsign = c;
    const e = epfdOf(fixType);
    if (e !== undefined) vessel.epfd = e;
  }

  private positionReport(
    type: string,
    body: JsonObject,
    meta: JsonObject,
    mmsi: number,
    t: number,
    aisClass: AisClass,
    defaultId: number | undefined,
    vessel: Vessel,
  ): Outcome {
    const lat = body.Latitude;
    const lon = body.Longitude;
    if (typeof lat !== 'number' || typeof lon !== 'number') {
      return failure('JSON_SHAPE', `${type}: Latitude or Longitude is not a number`);
    }
    const available = lat !== AIS_LAT_NOT_AVAILABLE && lon !== AIS_LON_NOT_AVAILABLE;
    if (available && !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
      return failure('VALUE_RANGE', `${type}: position ${lat}, ${lon}`);
    }
    const accuracy = readBoolean(body, 'PositionAccuracy', type);
    if (isFailure(accuracy)) return accuracy;
    const raim = readBoolean(body, 'Raim', type);
    if (isFailure(raim)) return raim;
    const longRange = aisClass === 'LR';
    const latency = longRange ? readBoolean(body, 'PositionLatency', type) : undefined;
    if (isFailure(latency)) return latency;

    const report: Report = { schema: REPORT_SCHEMA_ID, src: 'ais', id: mmsiId(mmsi), t };
    if (available) {
      report.lat = lat;
      report.lon = lon;
    } else {
      report.posAvailable = false;
    }
    const gs = aisSpeed(body.Sog, longRange);
    if (gs !== undefined) report.gs = gs;
    const track = aisCourse(body.Cog);
    if (track !== undefined) report.track = track;
    const heading = aisHeading(body.TrueHeading);
    if (heading !== undefined) report.heading = heading;
    if (accuracy !== undefined) report.aisAccuracy = accuracy;
    if (raim !== undefined) report.raim = raim;
    report.aisClass = aisClass;
    const messageId = body.MessageID;
    const aisType =
      typeof messageId === 'number' && Number.isInteger(messageId) && messageId >= 1 && messageId <= 27
        ? messageId
        : defaultId;
    if (aisType !== undefined) report.aisType = aisType;
    if (latency !== undefined) report.gnssStatus = latency ? 'not-current' : 'current';
    if (vessel.epfd !== undefined) report.epfd = vessel.epfd;
    if (vessel.callsign !== undefined) report.callsign = vessel.callsign;
    const name = vessel.name ?? aisText(meta.ShipName, MAX_NAME_LENGTH);
    if (name !== undefined) report.name = name;
    return reported(report);
  }

  private touch(mmsi: number, t: number): Vessel {
    this.vessels.expireBefore(t - AIS_VESSEL_IDLE_MS);
    let vessel = this.vessels.get(mmsi);
    if (vessel === undefined) {
      vessel = { lastSeen: t, name: undefined, callsign: undefined, epfd: undefined };
      this.vessels.set(mmsi, vessel);
    } else {
      this.vessels.touch(mmsi, vessel, t);
    }
    return vessel;
  }
}
