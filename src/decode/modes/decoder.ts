/**
 * The stateful Mode S / ADS-B decoder: one frame in (`Uint8Array` of 2, 7 or 14 bytes, event time in ms), one
 * `Outcome` out. Per-craft state lives in a `BoundedMap` (count-bounded, idle craft expire).
 *
 * Dispatch: downlink format and DF18 control field (frame.ts, which also checks the parity), then the type code:
 *   0 no position → report `posAvailable: false` unless the craft is known to be on the ground
 *   1–4 identification, 19 velocity, 29 target state, 31 operational status → state
 *   5–8 surface position, 9–18 / 20–22 airborne position → report once CPR gives a position (position-resolution.ts:
 *   a first fix needs an even/odd pair, confirmed by the receiver position when one is configured, otherwise by a
 *   second pair; jumps are reported as sent, never filtered by speed)
 *   DF18 TC 24 and craft that identify as surface vehicles or obstacles → ignored 'modes-ground-station'
 *   23, 24 (DF17), 25–28, 30, reserved subtypes → ignored 'modes-unused-type'
 *
 * Integrity follows the ADS-B version (nic.ts). The version is known only from operational status (TC 31); until
 * one arrives the craft is treated as version 0, as readsb does: its position type codes give `nucp`, never `nic`,
 * so an old transponder is not counted as degraded. NACp, SIL, GVA and NIC baro are reported whenever received
 * (TC 29 or TC 31), whatever the version. `integrityAge` is the age in seconds of the oldest of the NIC/NUCp and
 * NACp values that the report carries.
 *
 * Kinematics (ground speed, track, heading, altitudes, GNSS−baro difference) are carried for 60 s after they were
 * received. When only barometric altitude is known, `altGeom` = baro + the velocity message's GNSS−baro difference
 * (DO-260B: that difference exists for this purpose).
 *
 * Air/ground: surface positions and surface status say on the ground, airborne positions say airborne, and so does
 * the DF17 capability field (CA 4 ground, CA 5 airborne). Values outside the report schema's ranges (reserved codes,
 * corrupted fields) are left out rather than reported.
 *
 * Time is data: every decision uses the `timeMs` passed in, never the clock; a report's `t` is it rounded to the ms.
 */

import { BoundedMap } from '../../collections/bounded-map.js';
import { failure } from '../../errors.js';
import { icaoId, REPORT_SCHEMA_ID, type Report } from '../../schema/report.js';
import { ignored, type Outcome, reported, STATE } from '../outcome.js';
import {
  decodeAirbornePosition,
  isAirbornePositionType,
  isGnssAltitudeType,
  noPositionAltitude,
} from './airborne-position.js';
import type { LatLon } from './cpr.js';
import {
  capabilityField,
  dispatchDownlink,
  isSquitterSource,
  type SquitterSource,
  squitterAddress,
  typeCode,
} from './frame.js';
import { decodeIdentification, isIdentificationType, isSurfaceVehicleOrObstacle } from './identification.js';
import { containmentV1, containmentV2, nucpFromTypeCode } from './nic.js';
import {
  decodeOperationalStatus,
  operationalStatusSubtype,
  STATUS_AIRBORNE,
  STATUS_SURFACE,
} from './operational-status.js';
import {
  AIRBORNE_GRID,
  type CprGrid,
  type CprMessage,
  type Fix,
  resolvePosition,
  SURFACE_GRID,
  TRACK_REFERENCE_MAX_AGE_MS,
} from './position-resolution.js';
import { decodeSurfacePosition, isSurfacePositionType } from './surface-position.js';
import { decodeTargetState, TARGET_STATE_SUBTYPE_V2, targetStateSubtype } from './target-state.js';
import { decodeVelocity, isVelocitySubtype, velocitySubtype } from './velocity.js';

/** Above the ~23,000 aircraft airborne at the worldwide peak (FR24 record 2024, DOMAIN.md): room for a global feed. */
export const DEFAULT_MAX_AIRCRAFT = 30_000;

/** A craft silent this long is forgotten: by then its last position can no longer anchor a local CPR decoding. */
export const DEFAULT_IDLE_EXPIRY_SECONDS = TRACK_REFERENCE_MAX_AGE_MS / 1000;

/**
 * Ground speed, track, heading and altitudes older than this are not carried: a minute bridges the reception gaps at
 * the edge of coverage (these messages come at 2 Hz) without carrying a value through a whole turn or climb.
 */
export const KINEMATICS_MAX_AGE_MS = 60_000;

/** Idle craft are swept at most once per this much event time (the sweep stops at the first fresh craft). */
const EXPIRY_SWEEP_INTERVAL_MS = 1_000;

/** Type codes (DO-260B; Riddle "ADS-B basics"). 24 is surface system status, sent by fixed ground stations. */
const TC_NO_POSITION = 0;
const TC_VELOCITY = 19;
const TC_GROUND_STATION = 24;
const TC_TARGET_STATE = 29;
const TC_OPERATIONAL_STATUS = 31;

/** Rule: the type codes jamwatch decodes; 23 (test), 24–28 (reserved, status, emergency) and 30 are not used. */
function isUsedTypeCode(tc: number): boolean {
  return tc <= 22 || tc === TC_TARGET_STATE || tc === TC_OPERATIONAL_STATUS;
}

/** DF17 capability: 4 = on the ground, 5 = airborne (the transponder's own air/ground state). */
const CA_ON_GROUND = 4;
const CA_AIRBORNE = 5;

/** Report schema limits (src/schema/report.ts): values outside them come from reserved or corrupted fields. */
const ALTITUDE_MIN_FT = -2000;
const ALTITUDE_MAX_FT = 200_000;
const GROUND_SPEED_MAX_KT = 5000;
/** NACp 12–15 are reserved (DO-260B). */
const NACP_MAX = 11;

const GROUND_STATION = ignored('modes-ground-station');
const UNUSED_TYPE = ignored('modes-unused-type');
const NO_POSITION_YET = ignored('no-position-yet');
const BAD_CALLSIGN = Object.freeze(failure('MODES_FIELD', 'identification callsign has an unassigned character'));

export interface ModeSDecoderOptions {
  /** Most craft kept at once; the least recently heard is evicted beyond it. */
  readonly maxAircraft?: number;
  /** Craft silent for this long are forgotten. */
  readonly idleExpirySeconds?: number;
  /**
   * Receiver position: confirms a first fix at once (instead of waiting for a second pair) and picks the hemisphere
   * and quadrant of surface pairs.
   */
  readonly receiver?: LatLon;
}

/** Per-craft state. Numbers are `undefined` until received; times are event times in ms. */
class Aircraft {
  lastSeen = 0;
  notAircraft = false;
  callsign: string | undefined = undefined;
  onGround: boolean | undefined = undefined;
  altBaro: number | undefined = undefined;
  altBaroTime = 0;
  altGeom: number | undefined = undefined;
  altGeomTime = 0;
  geoMinusBaro: number | undefined = undefined;
  geoMinusBaroTime = 0;
  gs: number | undefined = undefined;
  gsTime = 0;
  track: number | undefined = undefined;
  trackTime = 0;
  heading: number | undefined = undefined;
  headingTime = 0;
  version: number | undefined = undefined;
  nicSupplementA = 0;
  nicSupplementC = 0;
  nic: number | undefined = undefined;
  rc: number | undefined = undefined;
  nucp: number | undefined = undefined;
  nicTime = 0;
  nacp: number | undefined = undefined;
  nacpTime = 0;
  sil: number | undefined = undefined;
  silSupplement: number | undefined = undefined;
  gva: number | undefined = undefined;
  nicBaro: number | undefined = undefined;
  airborneEven: CprMessage | undefined = undefined;
  airborneOdd: CprMessage | undefined = undefined;
  surfaceEven: CprMessage | undefined = undefined;
  surfaceOdd: CprMessage | undefined = undefined;
  position: Fix | undefined = undefined;
  candidate: Fix | undefined = undefined;

  constructor(
    readonly id: string,
    readonly source: SquitterSource,
  ) {}
}

function isFresh(receivedAt: number, time: number): boolean {
  return time - receivedAt <= KINEMATICS_MAX_AGE_MS;
}

function isReportableAltitude(feet: number): boolean {
  return feet >= ALTITUDE_MIN_FT && feet <= ALTITUDE_MAX_FT;
}

/** Version 2 says whether SIL counts per hour or per sample; version 1 and unknown versions do not. */
function silTypeOf(silSupplement: number | undefined): 'unknown' | 'perhour' | 'persample' {
  if (silSupplement === undefined) return 'unknown';
  return silSupplement ? 'persample' : 'perhour';
}

export class ModeSDecoder {
  private readonly aircraft: BoundedMap<number, Aircraft>;
  private readonly idleExpiryMs: number;
  private readonly receiver: LatLon | undefined;
  private nextSweepAt = Number.NEGATIVE_INFINITY;

  constructor(options: ModeSDecoderOptions = {}) {
    this.aircraft = new BoundedMap(options.maxAircraft ?? DEFAULT_MAX_AIRCRAFT);
    const idleSeconds = options.idleExpirySeconds ?? DEFAULT_IDLE_EXPIRY_SECONDS;
    if (!(idleSeconds > 0)) throw new RangeError(`idleExpirySeconds must be > 0, got ${idleSeconds}`);
    this.idleExpiryMs = idleSeconds * 1000;
    const receiver = options.receiver;
    if (receiver && !(Math.abs(receiver.lat) <= 90 && Math.abs(receiver.lon) <= 180)) {
      throw new RangeError(`receiver position out of range: ${receiver.lat}, ${receiver.lon}`);
    }
    this.receiver = receiver ? { lat: receiver.lat, lon: receiver.lon } : undefined;
  }

  /** Number of craft currently tracked. */
  get size(): number {
    return this.aircraft.size;
  }

  /** Craft evicted because `maxAircraft` was reached (idle expiry not counted). */
  get evicted(): number {
    return this.aircraft.evicted;
  }

  decode(frame: Uint8Array, timeMs: number): Outcome {
    const dispatched = dispatchDownlink(frame);
    if (!isSquitterSource(dispatched)) return dispatched;
    const source = dispatched;
    const tc = typeCode(frame);
    if (source.df === 18 && tc === TC_GROUND_STATION) return GROUND_STATION;
    if (!isUsedTypeCode(tc)) return UNUSED_TYPE;
    this.sweep(timeMs);
    const aircraft = this.aircraftFor(source, squitterAddress(frame), timeMs);
    if (aircraft.notAircraft) return GROUND_STATION;
    if (source.df === 17) {
      const ca = capabilityField(frame);
      if (ca === CA_ON_GROUND) aircraft.onGround = true;
      else if (ca === CA_AIRBORNE) aircraft.onGround = false;
    }
    if (tc === TC_NO_POSITION) return this.noPosition(aircraft, frame, timeMs);
    if (isIdentificationType(tc)) return this.identification(aircraft, frame);
    if (isSurfacePositionType(tc)) return this.surfacePosition(aircraft, frame, tc, timeMs);
    if (isAirbornePositionType(tc)) return this.airbornePosition(aircraft, frame, tc, timeMs);
    if (tc === TC_VELOCITY) return this.velocity(aircraft, frame, timeMs);
    if (tc === TC_TARGET_STATE) return this.targetState(aircraft, frame, timeMs);
    return this.operationalStatus(aircraft, frame, timeMs);
  }

  private sweep(time: number): void {
    if (time < this.nextSweepAt) return;
    this.nextSweepAt = time + EXPIRY_SWEEP_INTERVAL_MS;
    this.aircraft.expireBefore(time - this.idleExpiryMs);
  }

  private aircraftFor(source: SquitterSource, address: number, time: number): Aircraft {
    const key = address + source.stateKeyOffset;
    let aircraft = this.aircraft.get(key);
    if (aircraft === undefined) {
      aircraft = new Aircraft(icaoId(address), source);
      this.aircraft.set(key, aircraft);
    }
    this.aircraft.touch(key, aircraft, time);
    return aircraft;
  }

  private noPosition(aircraft: Aircraft, frame: Uint8Array, time: number): Outcome {
    const altitude = noPositionAltitude(frame);
    if (altitude !== undefined) {
      aircraft.altBaro = altitude;
      aircraft.altBaroTime = time;
    }
    if (aircraft.onGround === true) return STATE;
    return reported(this.report(aircraft, time, undefined));
  }

  private identification(aircraft: Aircraft, frame: Uint8Array): Outcome {
    const message = decodeIdentification(frame);
    if (isSurfaceVehicleOrObstacle(message)) {
      aircraft.notAircraft = true;
      return GROUND_STATION;
    }
    if (message.callsign === undefined) return BAD_CALLSIGN;
    aircraft.callsign = message.callsign;
    return STATE;
  }

  private surfacePosition(aircraft: Aircraft, frame: Uint8Array, tc: number, time: number): Outcome {
    const message = decodeSurfacePosition(frame);
    aircraft.onGround = true;
    if (message.groundSpeed !== undefined) {
      aircraft.gs = message.groundSpeed;
      aircraft.gsTime = time;
    }
    if (message.track !== undefined) {
      aircraft.track = message.track;
      aircraft.trackTime = time;
    }
    this.updateContainment(aircraft, tc, 0, time);
    const cpr: CprMessage = { odd: message.odd, cprLat: message.cprLat, cprLon: message.cprLon, time };
    const other = message.odd ? aircraft.surfaceEven : aircraft.surfaceOdd;
    if (message.odd) aircraft.surfaceOdd = cpr;
    else aircraft.surfaceEven = cpr;
    return this.position(aircraft, SURFACE_GRID, cpr, other);
  }

  private airbornePosition(aircraft: Aircraft, frame: Uint8Array, tc: number, time: number): Outcome {
    const message = decodeAirbornePosition(frame);
    aircraft.onGround = false;
    if (message.altitude !== undefined) {
      if (isGnssAltitudeType(tc)) {
        aircraft.altGeom = message.altitude;
        aircraft.altGeomTime = time;
      } else {
        aircraft.altBaro = message.altitude;
        aircraft.altBaroTime = time;
      }
    }
    this.updateContainment(aircraft, tc, aircraft.source.bit8IsNicB ? message.bit8 : 0, time);
    const cpr: CprMessage = { odd: message.odd, cprLat: message.cprLat, cprLon: message.cprLon, time };
    const other = message.odd ? aircraft.airborneEven : aircraft.airborneOdd;
    if (message.odd) aircraft.airborneOdd = cpr;
    else aircraft.airborneEven = cpr;
    return this.position(aircraft, AIRBORNE_GRID, cpr, other);
  }

  private position(aircraft: Aircraft, grid: CprGrid, cpr: CprMessage, other: CprMessage | undefined): Outcome {
    const resolution = resolvePosition(grid, cpr, other, aircraft.position, aircraft.candidate, this.receiver);
    aircraft.candidate = resolution.candidate;
    if (resolution.position === undefined) return NO_POSITION_YET;
    aircraft.position = resolution.position;
    return reported(this.report(aircraft, cpr.time, resolution.position));
  }

  /** NIC and Rc for version 1 and 2, NUCp while the version is 0 or not yet known. */
  private updateContainment(aircraft: Aircraft, tc: number, nicSupplementB: number, time: number): void {
    const version = aircraft.version;
    if (version === undefined || version === 0) {
      aircraft.nucp = nucpFromTypeCode(tc);
      aircraft.nic = undefined;
      aircraft.rc = undefined;
    } else {
      const containment =
        version === 1
          ? containmentV1(tc, aircraft.nicSupplementA)
          : containmentV2(tc, aircraft.nicSupplementA, nicSupplementB, aircraft.nicSupplementC);
      aircraft.nic = containment?.nic;
      aircraft.rc = containment?.rc;
      aircraft.nucp = undefined;
    }
    aircraft.nicTime = time;
  }

  private velocity(aircraft: Aircraft, frame: Uint8Array, time: number): Outcome {
    if (!isVelocitySubtype(velocitySubtype(frame))) return UNUSED_TYPE;
    const message = decodeVelocity(frame);
    if (message.groundSpeed !== undefined && message.groundSpeed <= GROUND_SPEED_MAX_KT) {
      aircraft.gs = message.groundSpeed;
      aircraft.gsTime = time;
    }
    if (message.track !== undefined) {
      aircraft.track = message.track;
      aircraft.trackTime = time;
    }
    if (message.heading !== undefined) {
      aircraft.heading = message.heading;
      aircraft.headingTime = time;
    }
    if (message.geoMinusBaro !== undefined) {
      aircraft.geoMinusBaro = message.geoMinusBaro;
      aircraft.geoMinusBaroTime = time;
    }
    return STATE;
  }

  private targetState(aircraft: Aircraft, frame: Uint8Array, time: number): Outcome {
    const subtype = targetStateSubtype(frame);
    if (subtype !== TARGET_STATE_SUBTYPE_V2) return subtype === 0 ? STATE : UNUSED_TYPE;
    const message = decodeTargetState(frame);
    this.updateNacp(aircraft, message.nacp, time);
    aircraft.nicBaro = message.nicBaro;
    aircraft.sil = message.sil;
    aircraft.silSupplement = message.silSupplement;
    return STATE;
  }

  private operationalStatus(aircraft: Aircraft, frame: Uint8Array, time: number): Outcome {
    const subtype = operationalStatusSubtype(frame);
    if (subtype !== STATUS_AIRBORNE && subtype !== STATUS_SURFACE) return UNUSED_TYPE;
    const message = decodeOperationalStatus(frame);
    if (aircraft.version !== message.version && message.version > 0) aircraft.nucp = undefined;
    aircraft.version = message.version;
    if (message.version === 0) return STATE;
    aircraft.nicSupplementA = message.nicSupplementA ?? 0;
    if (message.nicSupplementC !== undefined) aircraft.nicSupplementC = message.nicSupplementC;
    if (message.nacp !== undefined) this.updateNacp(aircraft, message.nacp, time);
    if (message.sil !== undefined) aircraft.sil = message.sil;
    aircraft.silSupplement = message.silSupplement;
    if (message.gva !== undefined) aircraft.gva = message.gva;
    if (message.nicBaro !== undefined) aircraft.nicBaro = message.nicBaro;
    if (subtype === STATUS_SURFACE) aircraft.onGround = true;
    else if (aircraft.onGround === undefined) aircraft.onGround = false;
    return STATE;
  }

  private updateNacp(aircraft: Aircraft, nacp: number, time: number): void {
    if (nacp > NACP_MAX) return;
    aircraft.nacp = nacp;
    aircraft.nacpTime = time;
  }

  /** The report for a position (or, without one, a "no position" event), with the craft's latest state. */
  private report(aircraft: Aircraft, time: number, position: LatLon | undefined): Report {
    const report: Report = { schema: REPORT_SCHEMA_ID, src: 'adsb', id: aircraft.id, t: Math.round(time) };
    if (position !== undefined) {
      report.lat = position.lat;
      report.lon = position.lon;
      report.posAvailable = true;
    } else {
      report.posAvailable = false;
    }
    const onGround = aircraft.onGround;
    if (onGround !== undefined) report.onGround = onGround;
    if (onGround !== true) this.addAltitudes(report, aircraft, time);
    if (aircraft.gs !== undefined && isFresh(aircraft.gsTime, time)) report.gs = aircraft.gs;
    if (aircraft.track !== undefined && isFresh(aircraft.trackTime, time)) report.track = aircraft.track;
    if (aircraft.heading !== undefined && isFresh(aircraft.headingTime, time)) report.heading = aircraft.heading;
    let integritySince = Number.POSITIVE_INFINITY;
    if (aircraft.nic !== undefined) {
      report.nic = aircraft.nic;
      if (aircraft.rc !== undefined) report.rc = aircraft.rc;
      integritySince = aircraft.nicTime;
    } else if (aircraft.nucp !== undefined) {
      report.nucp = aircraft.nucp;
      integritySince = aircraft.nicTime;
    }
    if (aircraft.nacp !== undefined) {
      report.nacp = aircraft.nacp;
      integritySince = Math.min(integritySince, aircraft.nacpTime);
    }
    if (integritySince !== Number.POSITIVE_INFINITY) report.integrityAge = Math.max(0, (time - integritySince) / 1000);
    if (aircraft.sil !== undefined) {
      report.sil = aircraft.sil;
      report.silType = silTypeOf(aircraft.silSupplement);
    }
    if (aircraft.gva !== undefined) report.gva = aircraft.gva;
    if (aircraft.nicBaro !== undefined) report.nicBaro = aircraft.nicBaro;
    if (aircraft.version !== undefined) report.adsbVersion = aircraft.version;
    report.posSource = aircraft.source.posSource;
    if (aircraft.callsign !== undefined && aircraft.callsign !== '') report.callsign = aircraft.callsign;
    return report;
  }

  private addAltitudes(report: Report, aircraft: Aircraft, time: number): void {
    const baro = aircraft.altBaro !== undefined && isFresh(aircraft.altBaroTime, time) ? aircraft.altBaro : undefined;
    if (baro !== undefined && isReportableAltitude(baro)) report.altBaro = baro;
    let geom = aircraft.altGeom !== undefined && isFresh(aircraft.altGeomTime, time) ? aircraft.altGeom : undefined;
    if (geom === undefined && baro !== undefined && aircraft.geoMinusBaro !== undefined) {
      if (isFresh(aircraft.geoMinusBaroTime, time)) geom = baro + aircraft.geoMinusBaro;
    }
    if (geom !== undefined && isReportableAltitude(geom)) report.altGeom = geom;
  }
}
