/**
 * Position integrity from the type code of a position message (DO-260B NIC tables; "The 1090 MHz Riddle", chapter
 * "Uncertainties in ADS-B"; DOMAIN.md).
 *
 * - Version 0 (DO-260): the type code maps one-to-one to NUCp. NUCp is not NIC and must never be read as one.
 * - Version 1 (DO-260A): NIC from the type code and one NIC supplement bit, sent in operational status (TC 31).
 * - Version 2 (DO-260B): NIC from the type code and three supplements: A (TC 31 ME bit 44), B (airborne position
 *   ME bit 8) and C (surface operational status ME bit 20).
 * Rc is the horizontal containment radius in metres; undefined when the category says "unknown or larger".
 *
 * Supplement combinations that the tables do not list (a transmitter fault) take the larger radius of the type code:
 * jamwatch then never reads a better integrity than was sent.
 */

export interface Containment {
  readonly nic: number;
  readonly rc: number | undefined;
}

function category(nic: number, rc: number | undefined): Containment {
  return Object.freeze({ nic, rc });
}

const NIC_11 = category(11, 7.5);
const NIC_10 = category(10, 25);
const NIC_9 = category(9, 75);
// Radii given in NM by DO-260B, in metres (1 NM = 1852 m).
const NIC_8 = category(8, 185.2);
const NIC_7 = category(7, 370.4);
const NIC_6_03 = category(6, 555.6);
const NIC_6_05 = category(6, 926);
const NIC_6_06 = category(6, 1111.2);
const NIC_5 = category(5, 1852);
const NIC_4 = category(4, 3704);
const NIC_3 = category(3, 7408);
const NIC_2 = category(2, 14_816);
const NIC_1 = category(1, 37_040);
const NIC_0 = category(0, undefined);

/** Type codes whose NIC does not depend on any supplement (both versions). */
function fixedContainment(tc: number): Containment | undefined {
  switch (tc) {
    case 5:
    case 9:
    case 20:
      return NIC_11;
    case 6:
    case 10:
    case 21:
      return NIC_10;
    case 12:
      return NIC_7;
    case 14:
      return NIC_5;
    case 15:
      return NIC_4;
    case 17:
      return NIC_1;
    case 18:
    case 22:
      return NIC_0;
    default:
      return undefined;
  }
}

/** Version 1: `supplement` is the NIC supplement of TC 31 (0 or 1). Undefined for a non-position type code. */
export function containmentV1(tc: number, supplement: number): Containment | undefined {
  switch (tc) {
    case 7:
    case 11:
      return supplement ? NIC_9 : NIC_8;
    case 8:
      return NIC_0;
    case 13:
      return supplement ? NIC_6_06 : NIC_6_05;
    case 16:
      return supplement ? NIC_3 : NIC_2;
    default:
      return fixedContainment(tc);
  }
}

/** Version 2: supplements A (TC 31), B (airborne position ME bit 8) and C (surface TC 31), each 0 or 1. */
export function containmentV2(tc: number, a: number, b: number, c: number): Containment | undefined {
  switch (tc) {
    case 7:
      return a ? NIC_9 : NIC_8;
    case 8:
      if (a) return c ? NIC_7 : NIC_6_03;
      return c ? NIC_6_06 : NIC_0;
    case 11:
      return a && b ? NIC_9 : NIC_8;
    case 13:
      // A = 1 is listed only with B = 1 (0.6 NM); A = 1, B = 0 is unlisted and takes the same, largest radius.
      if (a) return NIC_6_06;
      return b ? NIC_6_03 : NIC_6_05;
    case 16:
      return a && b ? NIC_3 : NIC_2;
    default:
      return fixedContainment(tc);
  }
}

/** Version 0: NUCp from the type code (surface 5–8, airborne 9–18 and 20–22). Undefined for other type codes. */
export function nucpFromTypeCode(tc: number): number | undefined {
  if (tc >= 5 && tc <= 8) return 14 - tc;
  if (tc >= 9 && tc <= 18) return 18 - tc;
  if (tc === 20) return 9;
  if (tc === 21) return 8;
  if (tc === 22) return 0;
  return undefined;
}
