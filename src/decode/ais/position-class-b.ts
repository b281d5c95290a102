/**
 * Standard Class B position report: message 18 (ITU-R M.1371-5 Annex 8 Table 49; gpsd AIVDM "Type 18"). 168 bits:
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
 *   139–140  2      regional reserved
 *   141–146  6      CS unit, display, DSC, band, message 22, assigned-mode flags
 *   147      1      RAIM flag
 *   148–167  20     radio status
 */
import type { DecodeFailure } from '../../errors.js';
import { type AisPosition, tooShort } from './message.js';
import { readPositionBlock } from './position-fields.js';
import type { SixBitReader } from './sixbit.js';

/** Bits up to and including the RAIM flag. */
export const CLASS_B_POSITION_MIN_BITS = 148;

/** Speed over ground starts the kinematic block of types 18 and 19, which share it bit for bit (bits 46–132). */
export const CLASS_B_SPEED_BIT = 46;

export function decodeClassBPosition(reader: SixBitReader, mmsi: number): AisPosition | DecodeFailure {
  if (reader.bitLength < CLASS_B_POSITION_MIN_BITS) return tooShort(18, reader.bitLength, CLASS_B_POSITION_MIN_BITS);
  return readPositionBlock(reader, CLASS_B_SPEED_BIT, 147, { aisType: 18, mmsi, aisClass: 'B' });
}
