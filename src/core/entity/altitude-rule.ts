/**
 * GNSS (geometric) against barometric altitude. A spoofed receiver reports the height of the false fix, often that of
 * a place on the ground, while the barometric altimeter keeps the truth. Real differences are large, so the rule is
 * conservative: barometric altitude is off by about (ΔT / T) of the height in non-standard temperature (ISA ± 15 K at
 * cruise, T ≈ 217 K, is ± 7 %), plus up to ± 800 ft from surface pressure (± 30 hPa) and up to ± 350 ft of geoid
 * undulation (HAE against MSL). Note that the difference in DO-260B velocity messages (TC 19) saturates at 3,150 ft,
 * so for decoders that derive `altGeom` from it the rule can only fire below about FL300.
 */

/** Allowed difference at sea level, ft: pressure deviation and geoid undulation. */
export const ALT_MISMATCH_FLOOR_FT = 1000;

/** Allowed difference per foot of altitude: non-standard temperature (± 15 K at cruise). */
export const ALT_MISMATCH_FRACTION = 0.07;

/** Consecutive mismatching reports before the craft is flagged: one odd altitude is a decoding slip, not a spoof. */
export const ALT_MISMATCH_MIN_REPORTS = 3;

/** Whether geometric and barometric altitude (ft) disagree beyond what weather and the geoid explain. */
export function altitudeMismatch(altBaro: number, altGeom: number, floorFt: number, fraction: number): boolean {
  return Math.abs(altGeom - altBaro) > floorFt + fraction * Math.abs(altBaro);
}
