/**
 * Position report, Class A: messages 1, 2 and 3 (ITU-R M.1371-5 Annex 8 Table 46; gpsd AIVDM "Types 1, 2 and 3").
 * 168 bits:
 *
 *   bits     width  field
 *   0–37     38     header (type, repeat, MMSI)
 *   38–41    4      navigation status
 *   42–49    8      rate of turn, signed
 *   50–59    10     speed over ground, 0.1 kn
 *   60       1      position accuracy
 *   61–88    28     longitude, 1/10 000 min, signed
 *   89–115   27     latitude, 1/10 000 min, signed
 *   116–127  12     course over ground, 0.1°
 *   128–136  9      true heading, °
 *   137–142  6      time stamp (UTC second)
 *   143–144  2      manoeuvre indicator
 *   145–147  3      spare
 *   148      1      RAIM flag
 *   149–167  19     radio status
 *
 * Only the fields up to RAIM are read, so a report whose radio status was cut short still decodes.
 */
import type { DecodeFailure } from '../../errors.js';
import { type AisPosition, tooShort } from './message.js';
import { readPositionBlock } from './position-fields.js';
import type { SixBitReader } from './sixbit.js';

/** Bits up to and including the RAIM flag. */
export const CLASS_A_POSITION_MIN_BITS = 149;

export function decodeClassAPosition(reader: SixBitReader, aisType: number, mmsi: number): AisPosition | DecodeFailure {
  if (reader.bitLength < CLASS_A_POSITION_MIN_BITS) {
    return tooShort(aisType, reader.bitLength, CLASS_A_POSITION_MIN_BITS);
  }
  return readPositionBlock(reader, 50, 148, { aisType, mmsi, aisClass: 'A' });
}
