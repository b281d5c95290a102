/**
 * Mode S downlink frames: bit access and dispatch by downlink format (DF), then, for DF18, by control field (CF).
 *
 * Frame layout (bits numbered from 1, most significant first, as in ICAO Doc 9871 and "The 1090 MHz Riddle"):
 * ```
 *  short (56 bits): DF0, 4, 5, 11         long (112 bits): DF16, 17, 18, 19, 20, 21, 22, 24
 *  +--------+------------------------+--------------------------+
 *  | DF (5) | ...                    | AP / PI (24)             |   DF ≥ 24 is signalled by the first two bits 11
 *  +--------+------------------------+--------------------------+
 *
 *  extended squitter (DF17 and DF18):
 *  +--------+-------------+--------------+------------------+-----------+
 *  | DF (5) | CA / CF (3) | address (24) | ME (56)          | PI (24)   |
 *  | 1-5    | 6-8         | 9-32         | 33-88            | 89-112    |
 *  +--------+-------------+--------------+------------------+-----------+
 *                                          ME 1-5 = type code (TC)
 * ```
 * DF18 control field (DO-260B; ICAO Doc 9871):
 *  0 ADS-B from a non-transponder device with an ICAO address; 1 ADS-B with a non-ICAO address (anonymous, track
 *  file); 2 fine TIS-B; 3 coarse TIS-B (airborne position and velocity, other layout); 4 TIS-B / ADS-R management;
 *  5 fine TIS-B with a non-ICAO address; 6 ADS-R (rebroadcast, DF17 layouts); 7 reserved.
 */
import { type DecodeFailure, failure } from '../../errors.js';
import type { PosSource } from '../../schema/report.js';
import { type IgnoredOutcome, ignored } from '../outcome.js';
import { hasValidSquitterParity } from './crc.js';

export const MODE_AC_BYTES = 2;
export const SHORT_FRAME_BYTES = 7;
export const LONG_FRAME_BYTES = 14;

/** Frame bit number of ME bit 1 minus one: ME bit n is frame bit n + 32. */
const ME_FIRST_BIT_OFFSET = 32;

/**
 * Unsigned value of `count` bits (1 ≤ count ≤ 25) starting at frame bit `firstBit` (1-based). Reads one 32-bit
 * window, so a field never needs a loop; bytes past the end read as zero.
 */
export function readBits(frame: Uint8Array, firstBit: number, count: number): number {
  const start = firstBit - 1;
  const at = start >>> 3;
  const word =
    ((frame[at] ?? 0) << 24) | ((frame[at + 1] ?? 0) << 16) | ((frame[at + 2] ?? 0) << 8) | (frame[at + 3] ?? 0);
  return (word << (start & 7)) >>> (32 - count);
}

/** `count` bits of the ME field starting at ME bit `firstBit` (1-based, as in the message tables). */
export function meBits(frame: Uint8Array, firstBit: number, count: number): number {
  return readBits(frame, firstBit + ME_FIRST_BIT_OFFSET, count);
}

export function downlinkFormat(frame: Uint8Array): number {
  const df = frame[0]! >>> 3;
  return Math.min(df, 24);
}

/** The 24-bit address of an extended squitter (bits 9–32). */
export function squitterAddress(frame: Uint8Array): number {
  return (frame[1]! << 16) | (frame[2]! << 8) | frame[3]!;
}

/** CA (DF17) or CF (DF18): bits 6–8. */
export function capabilityField(frame: Uint8Array): number {
  return frame[0]! & 7;
}

export function typeCode(frame: Uint8Array): number {
  return frame[4]! >>> 3;
}

/**
 * Where an extended squitter comes from. It decides the report's `posSource` and whether ME bit 8 of a position
 * message is the craft's NIC supplement-B (own ADS-B) or the IMF flag (TIS-B and ADS-R rebroadcasts, DO-260B).
 * `stateKeyOffset` keeps the per-craft state of each source apart, so that a TIS-B position is never paired with an
 * ADS-B one in a CPR decode. A non-ICAO address (DF18 CF 1) is marked with `posSource: 'other'`: its id shares the
 * `icao:` form of the report schema but is not an ICAO address.
 */
export interface SquitterSource {
  readonly df: 17 | 18;
  readonly posSource: PosSource;
  readonly bit8IsNicB: boolean;
  readonly stateKeyOffset: number;
}

const ADDRESS_SPACE = 0x1000000;

function source(df: 17 | 18, posSource: PosSource, bit8IsNicB: boolean, slot: number): SquitterSource {
  return Object.freeze({ df, posSource, bit8IsNicB, stateKeyOffset: slot * ADDRESS_SPACE });
}

export const DF17_ADSB = source(17, 'adsb', true, 0);
/** DF18 CF 0: ADS-B from a non-transponder device with an ICAO address: the same craft state as DF17. */
const DF18_ADSB = source(18, 'adsb', true, 0);
/** DF18 CF 1: the craft's own ADS-B, but under a non-ICAO address. */
const DF18_NON_ICAO = source(18, 'other', true, 1);
/** DF18 CF 2 (the IMF bit says whether the address is an ICAO one) and CF 5 (anonymous address). */
const DF18_TISB = source(18, 'tisb', false, 2);
const DF18_TISB_ANONYMOUS = source(18, 'tisb', false, 3);
const DF18_ADSR = source(18, 'adsr', false, 4);

const NOT_SQUITTER = ignored('modes-not-extended-squitter');
const UNUSED_TYPE = ignored('modes-unused-type');
const CRC_FAILURE = Object.freeze(failure('MODES_CRC', 'DF17/DF18 parity remainder is not zero'));

/** Short formats by DF; every other DF below 16 is not assigned on the downlink. */
function isShortFormat(df: number): boolean {
  return df === 0 || df === 4 || df === 5 || df === 11;
}

/** Long formats: DF16 (ACAS), 17/18 (ES), 19 (military ES), 20/21 (Comm-B), 22 (military), 24 (Comm-D). */
function isLongFormat(df: number): boolean {
  return df === 16 || (df >= 17 && df <= 22) || df === 24;
}

/**
 * Dispatch by downlink format. Mode S frames of 7 or 14 bytes and Mode A/C replies of 2 bytes are accepted; the
 * result is the extended squitter's source, or the outcome that ends the frame here: ignored (replies without ADS-B
 * content, DF18 formats jamwatch does not use) or a failure (wrong length, unassigned DF, bad parity).
 */
export function dispatchDownlink(frame: Uint8Array): SquitterSource | IgnoredOutcome | DecodeFailure {
  const length = frame.length;
  if (length === MODE_AC_BYTES) return NOT_SQUITTER;
  if (length !== SHORT_FRAME_BYTES && length !== LONG_FRAME_BYTES) {
    return failure('MODES_LENGTH', `frame of ${length} bytes`);
  }
  const df = downlinkFormat(frame);
  if (length === SHORT_FRAME_BYTES) {
    if (isShortFormat(df)) return NOT_SQUITTER;
    return isLongFormat(df)
      ? failure('MODES_LENGTH', `DF${df} in a 56-bit frame`)
      : failure('MODES_FIELD', `unassigned downlink format DF${df}`);
  }
  if (!isLongFormat(df)) {
    return isShortFormat(df)
      ? failure('MODES_LENGTH', `DF${df} in a 112-bit frame`)
      : failure('MODES_FIELD', `unassigned downlink format DF${df}`);
  }
  if (df !== 17 && df !== 18) return NOT_SQUITTER;
  if (!hasValidSquitterParity(frame)) return CRC_FAILURE;
  if (df === 17) return DF17_ADSB;
  switch (capabilityField(frame)) {
    case 0:
      return DF18_ADSB;
    case 1:
      return DF18_NON_ICAO;
    case 2:
      return DF18_TISB;
    case 5:
      return DF18_TISB_ANONYMOUS;
    case 6:
      return DF18_ADSR;
    default:
      // CF 3 (coarse TIS-B, its own layout), CF 4 (management), CF 7 (reserved).
      return UNUSED_TYPE;
  }
}

/** Outcomes and failures are values with `ok`; a squitter source has none. */
export function isSquitterSource(value: SquitterSource | IgnoredOutcome | DecodeFailure): value is SquitterSource {
  return !('ok' in value);
}
