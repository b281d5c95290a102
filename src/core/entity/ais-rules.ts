import { EVIDENCE } from '../../schema/observation.js';
import type { Report } from '../../schema/report.js';

/**
 * AIS fix-quality rules (ITU-R M.1371). AIS carries no NIC/NACp: a vessel's GNSS trouble shows as a missing position
 * (lat 91 / lon 181, which the decoders turn into `posAvailable: false`), a type 27 report saying its position is not
 * a current GNSS fix, or the accuracy and RAIM flags falling.
 */

/** Tri-state of a remembered boolean flag, as a small integer so craft state stays numeric. */
export const FLAG_UNKNOWN = -1;
export const FLAG_FALSE = 0;
export const FLAG_TRUE = 1;

export function flagOf(value: boolean | undefined): number {
  return value === undefined ? FLAG_UNKNOWN : value ? FLAG_TRUE : FLAG_FALSE;
}

/** No position in an AIS position report: the transponder has no fix (lat 91 / lon 181). */
export function aisLostFix(r: Report): boolean {
  return r.posAvailable === false || r.lat === undefined || r.lon === undefined;
}

/** Type 27 long-range report whose GNSS-position-status bit says the position is not a current GNSS fix. */
export function gnssNotCurrent(r: Report): boolean {
  return r.gnssStatus === 'not-current';
}

/**
 * The position accuracy flag fell from high (DGNSS, < 10 m) to low, or RAIM went from in use to not in use. Weak
 * evidence: many vessels never set either flag, and a DGNSS beacon can drop out without any jamming, so it adds one
 * step to the hysteresis counter and never flips a vessel by itself.
 */
export function accuracyDropped(previousAccuracy: number, previousRaim: number, r: Report): boolean {
  return (
    (previousAccuracy === FLAG_TRUE && r.aisAccuracy === false) || (previousRaim === FLAG_TRUE && r.raim === false)
  );
}

/** EVIDENCE bits of an AIS report's fix trouble, 0 when its fix looks fine. */
export function aisFixVerdict(r: Report, previousAccuracy: number, previousRaim: number): number {
  let bits = 0;
  if (aisLostFix(r)) bits |= EVIDENCE.LOST_FIX;
  if (gnssNotCurrent(r)) bits |= EVIDENCE.GNSS_STATUS;
  if (accuracyDropped(previousAccuracy, previousRaim, r)) bits |= EVIDENCE.ACCURACY_DROP;
  return bits;
}
