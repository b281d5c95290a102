/**
 * Static and voyage related data: message 5 (ITU-R M.1371-5 Annex 8 Table 48; gpsd AIVDM "Type 5"), Class A,
 * usually two sentences. 424 bits:
 *
 *   bits     width  field
 *   0–37     38     header (type, repeat, MMSI)
 *   38–39    2      AIS version
 *   40–69    30     IMO number
 *   70–111   42     call sign, 7 six-bit characters
 *   112–231  120    name, 20 six-bit characters
 *   232–239  8      type of ship and cargo
 *   240–269  30     dimensions (bow 9, stern 9, port 6, starboard 6)
 *   270–273  4      type of electronic position fixing device (EPFD)
 *   274–293  20     ETA (month 4, day 5, hour 5, minute 6)
 *   294–301  8      draught, 0.1 m
 *   302–421  120    destination, 20 six-bit characters
 *   422      1      DTE
 *   423      1      spare
 *
 * Only the fields up to the EPFD are read, so a message whose destination was cut short still decodes.
 */
import type { DecodeFailure } from '../../errors.js';
import { type AisStatic, textOrUndefined, tooShort } from './message.js';
import type { SixBitReader } from './sixbit.js';

/** Bits up to and including the EPFD type. */
export const STATIC_VOYAGE_MIN_BITS = 274;

export function decodeStaticVoyage(reader: SixBitReader, mmsi: number): AisStatic | DecodeFailure {
  if (reader.bitLength < STATIC_VOYAGE_MIN_BITS) return tooShort(5, reader.bitLength, STATIC_VOYAGE_MIN_BITS);
  return {
    kind: 'static',
    aisType: 5,
    mmsi,
    callsign: textOrUndefined(reader.text(70, 7)),
    name: textOrUndefined(reader.text(112, 20)),
    epfd: reader.uint(270, 4),
  };
}
