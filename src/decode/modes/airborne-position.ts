/**
 * Airborne position, type codes 9–18 (barometric altitude) and 20–22 (GNSS height), and type code 0 (no position),
 * DO-260B; Riddle "Airborne position".
 * ```
 *  ME bit: 1-5  6-7  8     9-20      21  22  23-39        40-56
 *          TC   SS   NICb  ALT (12)  T   F   LAT-CPR(17)  LON-CPR(17)
 * ```
 * SS surveillance status; bit 8 is the NIC supplement-B in version 2 (single-antenna flag before, IMF in TIS-B and
 * ADS-R: the decoder decides which); ALT is AC12 (altitude.ts) in feet — for TC 20–22 the GNSS height, encoded the
 * same way (DO-260B; readsb and dump1090 read it so; the Riddle's metres reading predates it); T time
 * synchronisation; F the CPR format (0 even, 1 odd).
 * Type code 0 keeps the layout with the CPR fields unused: "no position information", altitude optional.
 */
import { decodeAc12 } from './altitude.js';
import { meBits } from './frame.js';

export interface AirbornePositionMessage {
  readonly typeCode: number;
  /** ME bit 8 (NIC supplement-B in version 2). */
  readonly bit8: number;
  /** Feet; barometric for TC 9–18, GNSS height for TC 20–22; undefined when not available. */
  readonly altitude: number | undefined;
  readonly odd: boolean;
  readonly cprLat: number;
  readonly cprLon: number;
}

export function isAirbornePositionType(tc: number): boolean {
  return (tc >= 9 && tc <= 18) || (tc >= 20 && tc <= 22);
}

export function isGnssAltitudeType(tc: number): boolean {
  return tc >= 20 && tc <= 22;
}

export function decodeAirbornePosition(frame: Uint8Array): AirbornePositionMessage {
  return {
    typeCode: meBits(frame, 1, 5),
    bit8: meBits(frame, 8, 1),
    altitude: decodeAc12(meBits(frame, 9, 12)),
    odd: meBits(frame, 22, 1) === 1,
    cprLat: meBits(frame, 23, 17),
    cprLon: meBits(frame, 40, 17),
  };
}

/** Barometric altitude of a type code 0 message, when it carries one. */
export function noPositionAltitude(frame: Uint8Array): number | undefined {
  return decodeAc12(meBits(frame, 9, 12));
}
