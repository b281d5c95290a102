/**
 * Aid-to-navigation report: message 21 (ITU-R M.1371-5 Annex 8 Table 73; gpsd AIVDM "Type 21"). 272–360 bits:
 *
 *   bits     width  field
 *   0–37     38     header (type, repeat, MMSI)
 *   38–42    5      type of aid to navigation
 *   43–162   120    name, 20 six-bit characters
 *   163      1      position accuracy
 *   164–191  28     longitude, 1/10 000 min, signed
 *   192–218  27     latitude, 1/10 000 min, signed
 *   219–248  30     dimensions (bow 9, stern 9, port 6, starboard 6)
 *   249–252  4      type of electronic position fixing device (EPFD)
 *   253–258  6      time stamp (UTC second)
 *   259      1      off-position indicator
 *   260–267  8      regional reserved
 *   268      1      RAIM flag
 *   269      1      virtual AtoN flag
 *   270      1      assigned mode
 *   271      1      spare
 *   272–359  0–88   name extension, up to 14 six-bit characters (then up to 5 spare bits)
 *
 * The position is a buoy's, beacon's or light's, not a vessel's: it is reported with aisClass 'AtoN'. A virtual
 * AtoN (flag 269) has a charted position broadcast by a shore station, not a GNSS fix.
 */
import type { DecodeFailure } from '../../errors.js';
import { type AisPosition, textOrUndefined, tooShort } from './message.js';
import { outOfRange, positionVerdict, TEN_THOUSANDTH_MINUTES_PER_DEGREE } from './position-fields.js';
import { type SixBitReader, trimSixBitText } from './sixbit.js';

/** Bits up to and including the RAIM flag. */
export const AID_TO_NAVIGATION_MIN_BITS = 269;
const NAME_EXTENSION_START = 272;
const NAME_EXTENSION_MAX_CHARS = 14;

export function decodeAidToNavigation(reader: SixBitReader, mmsi: number): AisPosition | DecodeFailure {
  if (reader.bitLength < AID_TO_NAVIGATION_MIN_BITS) return tooShort(21, reader.bitLength, AID_TO_NAVIGATION_MIN_BITS);
  const lonRaw = reader.int(164, 28);
  const latRaw = reader.int(192, 27);
  const verdict = positionVerdict(lonRaw, latRaw, TEN_THOUSANDTH_MINUTES_PER_DEGREE);
  if (verdict === 'out-of-range') return outOfRange(21, lonRaw, latRaw, TEN_THOUSANDTH_MINUTES_PER_DEGREE);
  const available = verdict === 'available';
  // The extension continues a name that fills all 20 characters (M.1371-5 Table 73): a shorter name ends in '@'
  // padding, which ends the text before the extension.
  const name = trimSixBitText(reader.rawText(43, 20) + reader.rawText(NAME_EXTENSION_START, NAME_EXTENSION_MAX_CHARS));
  return {
    kind: 'position',
    aisType: 21,
    mmsi,
    aisClass: 'AtoN',
    lat: available ? latRaw / TEN_THOUSANDTH_MINUTES_PER_DEGREE : undefined,
    lon: available ? lonRaw / TEN_THOUSANDTH_MINUTES_PER_DEGREE : undefined,
    gs: undefined,
    track: undefined,
    heading: undefined,
    accuracy: reader.flag(163),
    raim: reader.flag(268),
    epfd: reader.uint(249, 4),
    name: textOrUndefined(name),
    gnssStatus: undefined,
  };
}
