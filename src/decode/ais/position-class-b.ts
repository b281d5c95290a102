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
import {
  courseFromTenths,
  headingDegrees,
  outOfRange,
  positionVerdict,
  speedFromTenths,
  TEN_THOUSANDTH_MINUTES_PER_DEGREE,
} from './position-fields.js';
import type { SixBitReader } from './sixbit.js';

/** Bits up to and including the RAIM flag. */
export const CLASS_B_POSITION_MIN_BITS = 148;

export function decodeClassBPosition(reader: SixBitReader, mmsi: number): AisPosition | DecodeFailure {
  if (reader.bitLength < CLASS_B_POSITION_MIN_BITS) return tooShort(18, reader.bitLength, CLASS_B_POSITION_MIN_BITS);
  return readClassBPosition(reader, mmsi, 18, 147);
}

/**
 * The kinematic part that types 18 and 19 share bit for bit (bits 0–132); only the RAIM flag's place differs.
 * Type 19 adds its name and EPFD on top (extended-class-b.ts).
 */
export function readClassBPosition(
  reader: SixBitReader,
  mmsi: number,
  aisType: 18 | 19,
  raimBit: number,
): AisPosition | DecodeFailure {
  const lonRaw = reader.int(57, 28);
  const latRaw = reader.int(85, 27);
  const verdict = positionVerdict(lonRaw, latRaw, TEN_THOUSANDTH_MINUTES_PER_DEGREE);
  if (verdict === 'out-of-range') return outOfRange(aisType, lonRaw, latRaw, TEN_THOUSANDTH_MINUTES_PER_DEGREE);
  const available = verdict === 'available';
  return {
    kind: 'position',
    aisType,
    mmsi,
    aisClass: 'B',
    lat: available ? latRaw / TEN_THOUSANDTH_MINUTES_PER_DEGREE : undefined,
    lon: available ? lonRaw / TEN_THOUSANDTH_MINUTES_PER_DEGREE : undefined,
    gs: speedFromTenths(reader.uint(46, 10)),
    track: courseFromTenths(reader.uint(112, 12)),
    heading: headingDegrees(reader.uint(124, 9)),
    accuracy: reader.flag(56),
    raim: reader.flag(raimBit),
    epfd: undefined,
    name: undefined,
    gnssStatus: undefined,
  };
}
