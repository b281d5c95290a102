/**
 * Airborne velocity, type code 19 (DO-260B; Riddle "Airborne velocity").
 * ```
 *  ME bit: 1-5 6-8 9   10   11-13  14    15-24   25    26-35   36     37   38-46  47-48  49    50-56
 *          TC  ST  IC  IFR  NACv   Dew   Vew     Dns   Vns     VrSrc  Svr  VR     -      SDif  dAlt     (ST 1, 2)
 *                                  Hs    heading AsT   airspd                                          (ST 3, 4)
 * ```
 * ST 1/2: ground speed as east-west and north-south components, (V − 1) kt (×4 for ST 2, supersonic); D = 1 means
 * west / south. ST 3/4: heading (status bit Hs, 360/1024° steps) and airspeed (AsT 0 IAS, 1 TAS), (V − 1) kt (×4 for
 * ST 4). Vertical rate: (VR − 1)·64 ft/min, Svr = 1 down, VrSrc 0 GNSS / 1 barometric. dAlt: GNSS minus barometric
 * altitude, (dAlt − 1)·25 ft, SDif = 1 when GNSS is below baro. A value field of 0 means "no information".
 */
import { meBits } from './frame.js';

export interface VelocityMessage {
  readonly subtype: number;
  readonly nacv: number;
  /** Knots (subtypes 1, 2). */
  readonly groundSpeed: number | undefined;
  /** Degrees true, 0–360 (subtypes 1, 2). */
  readonly track: number | undefined;
  /** Degrees, magnetic or true as operational status HRD says (subtypes 3, 4). */
  readonly heading: number | undefined;
  /** Knots (subtypes 3, 4); see `airspeedIsTrue`. */
  readonly airspeed: number | undefined;
  readonly airspeedIsTrue: boolean;
  /** Feet per minute, positive up. */
  readonly verticalRate: number | undefined;
  readonly verticalRateIsBaro: boolean;
  /** GNSS altitude minus barometric altitude, feet. */
  readonly geoMinusBaro: number | undefined;
}

const SUPERSONIC_FACTOR = 4;
const HEADING_STEP_DEG = 360 / 1024;
const VERTICAL_RATE_STEP_FPM = 64;
const ALTITUDE_DIFFERENCE_STEP_FT = 25;
const DEG_PER_RAD = 180 / Math.PI;

/**
 * Signed value from a sign bit (1 = west, south, down, GNSS below baro) and a (V − 1) field; undefined when the
 * field is 0 (no information).
 */
function component(directionBit: number, field: number, factor: number): number | undefined {
  if (field === 0) return undefined;
  const magnitude = (field - 1) * factor;
  return directionBit ? -magnitude : magnitude;
}

export function velocitySubtype(frame: Uint8Array): number {
  return meBits(frame, 6, 3);
}

export function isVelocitySubtype(subtype: number): boolean {
  return subtype >= 1 && subtype <= 4;
}

/** Decodes subtypes 1–4; the caller checks `isVelocitySubtype` first (0 and 5–7 are reserved). */
export function decodeVelocity(frame: Uint8Array): VelocityMessage {
  const subtype = velocitySubtype(frame);
  const factor = subtype === 2 || subtype === 4 ? SUPERSONIC_FACTOR : 1;
  let groundSpeed: number | undefined;
  let track: number | undefined;
  let heading: number | undefined;
  let airspeed: number | undefined;
  if (subtype <= 2) {
    const east = component(meBits(frame, 14, 1), meBits(frame, 15, 10), factor);
    const north = component(meBits(frame, 25, 1), meBits(frame, 26, 10), factor);
    if (east !== undefined && north !== undefined) {
      groundSpeed = Math.sqrt(east * east + north * north);
      const degrees = Math.atan2(east, north) * DEG_PER_RAD;
      track = degrees < 0 ? degrees + 360 : degrees;
    }
  } else {
    if (meBits(frame, 14, 1) === 1) heading = meBits(frame, 15, 10) * HEADING_STEP_DEG;
    const speed = meBits(frame, 26, 10);
    if (speed !== 0) airspeed = (speed - 1) * factor;
  }
  return {
    subtype,
    nacv: meBits(frame, 11, 3),
    groundSpeed,
    track,
    heading,
    airspeed,
    airspeedIsTrue: subtype >= 3 && meBits(frame, 25, 1) === 1,
    verticalRate: component(meBits(frame, 37, 1), meBits(frame, 38, 9), VERTICAL_RATE_STEP_FPM),
    verticalRateIsBaro: meBits(frame, 36, 1) === 1,
    geoMinusBaro: component(meBits(frame, 49, 1), meBits(frame, 50, 7), ALTITUDE_DIFFERENCE_STEP_FT),
  };
}
