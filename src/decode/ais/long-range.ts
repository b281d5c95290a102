/**
 * Long-range AIS broadcast: message 27 (ITU-R M.1371-5 Annex 8 Table 85; gpsd AIVDM "Type 27"), sent by Class A
 * and Class B "SO" stations for satellite reception. 96 bits:
 *
 *   bits    width  field
 *   0–37    38     header (type, repeat, MMSI)
 *   38      1      position accuracy
 *   39      1      RAIM flag
 *   40–43   4      navigation status
 *   44–61   18     longitude, 1/10 min, signed (181° = 108 600 = not available)
 *   62–78   17     latitude, 1/10 min, signed (91° = 54 600 = not available)
 *   79–84   6      speed over ground, knots (63 = not available)
 *   85–93   9      course over ground, degrees (511 = not available)
 *   94      1      GNSS position status: 0 = current GNSS position, 1 = not a GNSS position (default)
 *   95      1      spare
 *
 * Bit 94 is "GNSS position status" in M.1371-4 and in gpsd's AIVDM table (gpsd's JSON prints the raw bit as
 * `gnss`); M.1371-5 calls the same bit "position latency" (0 = under 5 s, 1 = over 5 s). Both read 0 as a fresh
 * GNSS fix, so 0 → 'current' and 1 → 'not-current'.
 */
import type { DecodeFailure } from '../../errors.js';
import { type AisPosition, type GnssStatus, tooShort } from './message.js';
import {
  longRangeCourse,
  longRangeSpeed,
  outOfRange,
  positionVerdict,
  TENTH_MINUTES_PER_DEGREE,
} from './position-fields.js';
import type { SixBitReader } from './sixbit.js';

/** Bits up to and including the GNSS position status. */
export const LONG_RANGE_MIN_BITS = 95;

/** The type 27 GNSS position status bit as the report names it. */
export function gnssStatusFromBit(bit: boolean): GnssStatus {
  return bit ? 'not-current' : 'current';
}

export function decodeLongRange(reader: SixBitReader, mmsi: number): AisPosition | DecodeFailure {
  if (reader.bitLength < LONG_RANGE_MIN_BITS) return tooShort(27, reader.bitLength, LONG_RANGE_MIN_BITS);
  const lonRaw = reader.int(44, 18);
  const latRaw = reader.int(62, 17);
  const verdict = positionVerdict(lonRaw, latRaw, TENTH_MINUTES_PER_DEGREE);
  if (verdict === 'out-of-range') return outOfRange(27, lonRaw, latRaw, TENTH_MINUTES_PER_DEGREE);
  const available = verdict === 'available';
  return {
    kind: 'position',
    aisType: 27,
    mmsi,
    aisClass: 'LR',
    lat: available ? latRaw / TENTH_MINUTES_PER_DEGREE : undefined,
    lon: available ? lonRaw / TENTH_MINUTES_PER_DEGREE : undefined,
    gs: longRangeSpeed(reader.uint(79, 6)),
    track: longRangeCourse(reader.uint(85, 9)),
    heading: undefined,
    accuracy: reader.flag(38),
    raim: reader.flag(39),
    epfd: undefined,
    name: undefined,
    gnssStatus: gnssStatusFromBit(reader.flag(94)),
  };
}
