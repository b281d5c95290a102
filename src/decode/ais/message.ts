/**
 * What the AIS message decoders return, and the header every AIS message starts with (ITU-R M.1371-5 Annex 8 §3):
 *
 *   bits   width  field
 *   0–5    6      message type 1–27
 *   6–7    2      repeat indicator
 *   8–37   30     source MMSI
 *
 * Position messages (1/2/3, 18, 19, 21, 27) decode to `AisPosition`; static data (5, 24) to `AisStatic`. Values are
 * already scaled and "not available" codes are already `undefined`, so the decoder only merges state.
 */
import { type DecodeFailure, failure } from '../../errors.js';
import type { Report } from '../../schema/report.js';
import type { SixBitReader } from './sixbit.js';

export const HEADER_BITS = 38;

/** MMSIs have nine decimal digits (ITU-R M.585); the 30-bit field can hold larger numbers, which are corrupt. */
export const MAX_MMSI = 999_999_999;

export type AisClass = NonNullable<Report['aisClass']>;
export type GnssStatus = NonNullable<Report['gnssStatus']>;

export interface AisPosition {
  readonly kind: 'position';
  readonly aisType: number;
  readonly mmsi: number;
  readonly aisClass: AisClass;
  /** Degrees; both undefined when the sender marks the position not available (lat 91 / lon 181). */
  readonly lat: number | undefined;
  readonly lon: number | undefined;
  /** Speed over ground, knots. */
  readonly gs: number | undefined;
  /** Course over ground, degrees. */
  readonly track: number | undefined;
  /** True heading, degrees. */
  readonly heading: number | undefined;
  /** Position accuracy flag: true = better than 10 m. */
  readonly accuracy: boolean;
  readonly raim: boolean;
  /** EPFD type carried by the message itself (19, 21). */
  readonly epfd: number | undefined;
  /** Name carried by the message itself (19, 21). */
  readonly name: string | undefined;
  /** Type 27 only. */
  readonly gnssStatus: GnssStatus | undefined;
}

export interface AisStatic {
  readonly kind: 'static';
  readonly aisType: number;
  readonly mmsi: number;
  readonly name: string | undefined;
  readonly callsign: string | undefined;
  readonly epfd: number | undefined;
}

export type AisMessage = AisPosition | AisStatic;

export function messageType(reader: SixBitReader): number {
  return reader.uint(0, 6);
}

export function sourceMmsi(reader: SixBitReader): number {
  return reader.uint(8, 30);
}

/** An MMSI that can name a craft: nine digits at most and not zero (M.585 assigns no 000000000). */
export function isValidMmsi(mmsi: number): boolean {
  return mmsi > 0 && mmsi <= MAX_MMSI;
}

/** Six-bit text that was all padding is "not available". */
export function textOrUndefined(text: string): string | undefined {
  return text === '' ? undefined : text;
}

/** The payload ends before the last field that jamwatch reads from this message type. */
export function tooShort(aisType: number, bitLength: number, needed: number): DecodeFailure {
  return failure('AIS_PAYLOAD', `message ${aisType} has ${bitLength} bits, needs ${needed}`);
}
