/**
 * Extended Class B position report: message 19 (ITU-R M.1371-5 Annex 8 Table 50; gpsd AIVDM "Type 19"). 312 bits:
 *
 *   bits     width  field
 *   0–37     38     header (type, repeat, MMSI)
 *   38–45    8      regional reserved
 *   46–55    10     speed over ground, 0.1 kn
 *   56       1      position accuracy
 *   57–84    28     longitude, 1/10 000 min, signed
 *   85–111   27     latitude, 1/10 000 min, signed
 *   112–123  12     course over ground, 0.1°
 *   124–132  9      true heading, °
 *   133–138  6      time stamp (UTC second)
 *   139–142  4      regional reserved
 *   143–262  120    name, 20 six-bit characters
 *   263–270  8      type of ship and cargo
 *   271–300  30     dimensions (bow 9, stern 9, port 6, starboard 6)
 *   301–304  4      type of electronic position fixing device (EPFD)
 *   305      1      RAIM flag
 *   306      1      DTE
 *   307      1      assigned mode
 *   308–311  4      spare
 */
import type { DecodeFailure } from '../../errors.js';
import { type AisPosition, textOrUndefined, tooShort } from './message.js';
import { CLASS_B_SPEED_BIT } from './position-class-b.js';
import { readPositionBlock } from './position-fields.js';
import type { SixBitReader } from './sixbit.js';

/** Bits up to and including the RAIM flag. */
export const EXTENDED_CLASS_B_MIN_BITS = 306;

export function decodeExtendedClassB(reader: SixBitReader, mmsi: number): AisPosition | DecodeFailure {
  if (reader.bitLength < EXTENDED_CLASS_B_MIN_BITS) return tooShort(19, reader.bitLength, EXTENDED_CLASS_B_MIN_BITS);
  const position = readPositionBlock(reader, CLASS_B_SPEED_BIT, 305, { aisType: 19, mmsi, aisClass: 'B' });
  if (!('kind' in position)) return position;
  return { ...position, epfd: reader.uint(301, 4), name: textOrUndefined(reader.text(143, 20)) };
}
