/**
 * The rules for the navigation fields that several AIS position messages share (ITU-R M.1371-5 Annex 8 Tables 46,
 * 49, 51, 85; gpsd AIVDM). Each takes the raw field value and returns the value in report units, or `undefined`
 * for "not available" and for codes the standard says should not be used.
 *
 *   field        raw unit        not available   notes
 *   latitude     1/10 000 min    91°             27 bits signed; type 27: 1/10 min, 17 bits
 *   longitude    1/10 000 min    181°            28 bits signed; type 27: 1/10 min, 18 bits
 *   SOG          0.1 kn          1023            1022 = 102.2 kn or more; type 27: 1 kn, 63 = n/a
 *   COG          0.1°            3600            3601–4095 not used; type 27: 1°, 511 = n/a
 *   heading      1°              511             360–510 not used
 */
import { type DecodeFailure, failure } from '../../errors.js';
import type { AisClass, AisPosition } from './message.js';
import type { SixBitReader } from './sixbit.js';

/** Raw units per degree of the 1/10 000-minute fields (messages 1/2/3, 18, 19, 21). */
export const TEN_THOUSANDTH_MINUTES_PER_DEGREE = 600_000;
/** Raw units per degree of the 1/10-minute fields (message 27). */
export const TENTH_MINUTES_PER_DEGREE = 600;

const LAT_NOT_AVAILABLE_DEG = 91;
const LON_NOT_AVAILABLE_DEG = 181;

const SOG_NOT_AVAILABLE_TENTHS = 1023;
const COG_NOT_AVAILABLE_TENTHS = 3600;
const FULL_CIRCLE_DEG = 360;
const LONG_RANGE_SOG_NOT_AVAILABLE_KN = 63;

export type PositionVerdict = 'available' | 'not-available' | 'out-of-range';

/**
 * Whether a raw position is a position: the 91°/181° sentinels (either one) mean "not available"; anything else
 * beyond ±90°/±180° is a corrupt field, not a place.
 */
export function positionVerdict(lonRaw: number, latRaw: number, unitsPerDegree: number): PositionVerdict {
  if (latRaw === LAT_NOT_AVAILABLE_DEG * unitsPerDegree || lonRaw === LON_NOT_AVAILABLE_DEG * unitsPerDegree) {
    return 'not-available';
  }
  if (Math.abs(latRaw) > 90 * unitsPerDegree || Math.abs(lonRaw) > 180 * unitsPerDegree) return 'out-of-range';
  return 'available';
}

/** Speed over ground from 0.1-knot steps (1022 stands for "102.2 kn or more" and is reported as 102.2). */
export function speedFromTenths(raw: number): number | undefined {
  return raw === SOG_NOT_AVAILABLE_TENTHS ? undefined : raw / 10;
}

/** Course over ground from 0.1° steps. */
export function courseFromTenths(raw: number): number | undefined {
  return raw < COG_NOT_AVAILABLE_TENTHS ? raw / 10 : undefined;
}

/** True heading in whole degrees (511 = not available; 360–510 not used). */
export function headingDegrees(raw: number): number | undefined {
  return raw < FULL_CIRCLE_DEG ? raw : undefined;
}

/** Message 27 speed over ground in whole knots (0–62). */
export function longRangeSpeed(raw: number): number | undefined {
  return raw === LONG_RANGE_SOG_NOT_AVAILABLE_KN ? undefined : raw;
}

/** Message 27 course over ground in whole degrees (511 = not available; 360–510 not used). */
export function longRangeCourse(raw: number): number | undefined {
  return raw < FULL_CIRCLE_DEG ? raw : undefined;
}

/** A position beyond ±90°/±180° that is not a sentinel: a corrupt field. */
export function outOfRange(aisType: number, lonRaw: number, latRaw: number, unitsPerDegree: number): DecodeFailure {
  const lat = (latRaw / unitsPerDegree).toFixed(4);
  const lon = (lonRaw / unitsPerDegree).toFixed(4);
  return failure('VALUE_RANGE', `message ${aisType} position ${lat}, ${lon} is outside ±90°/±180°`);
}

/**
 * The kinematic block that Class A (types 1–3) and Class B (types 18, 19) position reports lay out alike, from the
 * speed over ground at `speedBit` (50 in Class A, 46 in Class B): accuracy, longitude, latitude, course and heading
 * follow it at the same distances. Only the RAIM flag's place differs from message to message.
 */
export function readPositionBlock(
  reader: SixBitReader,
  speedBit: number,
  raimBit: number,
  header: { aisType: number; mmsi: number; aisClass: AisClass },
): AisPosition | DecodeFailure {
  const lonRaw = reader.int(speedBit + 11, 28);
  const latRaw = reader.int(speedBit + 39, 27);
  const verdict = positionVerdict(lonRaw, latRaw, TEN_THOUSANDTH_MINUTES_PER_DEGREE);
  if (verdict === 'out-of-range') return outOfRange(header.aisType, lonRaw, latRaw, TEN_THOUSANDTH_MINUTES_PER_DEGREE);
  const available = verdict === 'available';
  return {
    kind: 'position',
    aisType: header.aisType,
    mmsi: header.mmsi,
    aisClass: header.aisClass,
    lat: available ? latRaw / TEN_THOUSANDTH_MINUTES_PER_DEGREE : undefined,
    lon: available ? lonRaw / TEN_THOUSANDTH_MINUTES_PER_DEGREE : undefined,
    gs: speedFromTenths(reader.uint(speedBit, 10)),
    track: courseFromTenths(reader.uint(speedBit + 66, 12)),
    heading: headingDegrees(reader.uint(speedBit + 78, 9)),
    accuracy: reader.flag(speedBit + 10),
    raim: reader.flag(raimBit),
    epfd: undefined,
    name: undefined,
    gnssStatus: undefined,
  };
}
