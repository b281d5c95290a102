/**
 * The 12-bit altitude field (AC12) of airborne position messages (ME bits 9–20), DO-260B; Riddle "Airborne position":
 * ```
 *  bit:  1  2  3  4  5  6  7  8  9 10 11 12
 *        C1 A1 C2 A2 C4 A4 B1 Q  B2 D2 B4 D4
 * ```
 * Q = 1: the other 11 bits are a binary count N of 25 ft steps, altitude = 25·N − 1000 ft.
 * Q = 0: Gillham code in 100 ft steps (altitudes above 50,175 ft or older encoders): the 500 ft increments are a
 * reflected Gray code in D2 D4 A1 A2 A4 B1 B2 B4, the 100 ft increments a Gray-like cycle in C1 C2 C4 that runs
 * backwards in odd 500 ft bands; altitude = 500·n500 + 100·n100 − 1300 ft.
 * All bits zero means "altitude not available".
 */

const Q_BIT = 0x010;
const FEET_PER_STEP = 25;
const ALTITUDE_OFFSET_FT = 1000;
const GILLHAM_OFFSET_FT = 1300;

function bitAt(ac12: number, position: number): number {
  return (ac12 >>> (12 - position)) & 1;
}

function grayToBinary(gray: number): number {
  let binary = gray;
  for (let shift = gray >>> 1; shift !== 0; shift >>>= 1) binary ^= shift;
  return binary;
}

/** Gillham (Q = 0) altitude in feet, or undefined for a code that no altitude produces. */
export function decodeGillham(ac12: number): number | undefined {
  const c = (bitAt(ac12, 1) << 2) | (bitAt(ac12, 3) << 1) | bitAt(ac12, 5);
  let hundreds = grayToBinary(c);
  // The five legal C patterns decode to 1, 2, 3, 4 and 7; 7 stands for the fifth step.
  if (hundreds === 7) hundreds = 5;
  else if (hundreds === 0 || hundreds > 4) return undefined;
  const d =
    (bitAt(ac12, 10) << 7) |
    (bitAt(ac12, 12) << 6) |
    (bitAt(ac12, 2) << 5) |
    (bitAt(ac12, 4) << 4) |
    (bitAt(ac12, 6) << 3) |
    (bitAt(ac12, 7) << 2) |
    (bitAt(ac12, 9) << 1) |
    bitAt(ac12, 11);
  const fiveHundreds = grayToBinary(d);
  if (fiveHundreds & 1) hundreds = 6 - hundreds;
  return fiveHundreds * 500 + hundreds * 100 - GILLHAM_OFFSET_FT;
}

/** Altitude in feet from an AC12 field, or undefined when not available or not a valid code. */
export function decodeAc12(ac12: number): number | undefined {
  if (ac12 === 0) return undefined;
  if (ac12 & Q_BIT) {
    const steps = ((ac12 & 0xfe0) >>> 1) | (ac12 & 0x00f);
    return steps * FEET_PER_STEP - ALTITUDE_OFFSET_FT;
  }
  return decodeGillham(ac12);
}
