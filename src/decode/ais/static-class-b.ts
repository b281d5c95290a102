/**
 * Static data report: message 24, parts A and B (ITU-R M.1371-5 Annex 8 Tables 78–79; gpsd AIVDM "Type 24"),
 * sent by Class B stations, each part in its own single-sentence message:
 *
 *   bits     width  field
 *   0–37     38     header (type, repeat, MMSI)
 *   38–39    2      part number: 0 = A, 1 = B (2 and 3 are not used)
 *   part A (160 bits)
 *   40–159   120    name, 20 six-bit characters
 *   part B (168 bits)
 *   40–47    8      type of ship and cargo
 *   48–89    42     vendor id (M.1371-5: manufacturer 18, unit model 4, serial number 20)
 *   90–131   42     call sign, 7 six-bit characters
 *   132–161  30     dimensions, or the mother ship's MMSI for an auxiliary craft (98MIDxxxx)
 *   162–165  4      type of electronic position fixing device (EPFD; M.1371-5, spare in earlier editions)
 *   166–167  2      spare
 *
 * Part B's EPFD is read only when the message is long enough to hold it: some units send 160-bit parts B.
 */
import { type DecodeFailure, failure } from '../../errors.js';
import { type AisStatic, textOrUndefined, tooShort } from './message.js';
import type { SixBitReader } from './sixbit.js';

export const STATIC_PART_A_MIN_BITS = 160;
/** Bits up to and including the call sign. */
export const STATIC_PART_B_MIN_BITS = 132;
/** Bits up to and including part B's EPFD type. */
const STATIC_PART_B_EPFD_BITS = 166;

export function decodeStaticClassB(reader: SixBitReader, mmsi: number): AisStatic | DecodeFailure {
  if (reader.bitLength < 40) return tooShort(24, reader.bitLength, 40);
  const part = reader.uint(38, 2);
  if (part === 0) {
    if (reader.bitLength < STATIC_PART_A_MIN_BITS) return tooShort(24, reader.bitLength, STATIC_PART_A_MIN_BITS);
    return {
      kind: 'static',
      aisType: 24,
      mmsi,
      name: textOrUndefined(reader.text(40, 20)),
      callsign: undefined,
      epfd: undefined,
    };
  }
  if (part === 1) {
    if (reader.bitLength < STATIC_PART_B_MIN_BITS) return tooShort(24, reader.bitLength, STATIC_PART_B_MIN_BITS);
    return {
      kind: 'static',
      aisType: 24,
      mmsi,
      name: undefined,
      callsign: textOrUndefined(reader.text(90, 7)),
      epfd: reader.bitLength >= STATIC_PART_B_EPFD_BITS ? reader.uint(162, 4) : undefined,
    };
  }
  return failure('AIS_PAYLOAD', `message 24 part number ${part} is not A (0) or B (1)`);
}
