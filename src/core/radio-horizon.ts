/**
 * Radio horizon between two antennas over a smooth Earth with standard refraction (4/3 Earth radius):
 * d ≈ 4.12·(√h_tx + √h_rx) km, heights in metres (ITU-R P.526 geometry; the usual VHF/L-band rule of thumb).
 * A ground jammer on a 10 m mast reaches an aircraft at 10 km altitude from ~425 km, a ship's antenna from ~26 km.
 */
export const HORIZON_KM_PER_SQRT_M = 4.12;

export const FEET_TO_METRES = 0.3048;

export function radioHorizonKm(txHeightM: number, rxHeightM: number): number {
  return HORIZON_KM_PER_SQRT_M * (Math.sqrt(Math.max(0, txHeightM)) + Math.sqrt(Math.max(0, rxHeightM)));
}
