import { radioHorizonKm } from '../core/radio-horizon.js';

/**
 * How far a GNSS jammer or spoofer reaches a receiver: the configured reach (or one derived from the transmit
 * power), shortened by the radio horizon between the two antennas. Aircraft at altitude therefore see an emitter
 * from much further away than ships at sea level (DOMAIN.md).
 */

/**
 * Received jamming power at which a civil L1 C/A receiver loses its fix: the GPS signal arrives at about −130 dBm
 * (IS-GPS-200 minimum received power −128.5 dBm) and C/A tracking fails near a jamming-to-signal ratio of 40 dB.
 */
export const JAM_THRESHOLD_DBM = -90;
/** GPS L1 carrier, MHz. */
export const GPS_L1_MHZ = 1575.42;

/** Free-space reach of an emitter of the given EIRP (watts) down to JAM_THRESHOLD_DBM at L1, km. */
export function reachFromPowerKm(eirpW: number): number {
  const eirpDbm = 10 * Math.log10(eirpW * 1000);
  const maxLossDb = eirpDbm - JAM_THRESHOLD_DBM;
  // FSPL(dB) = 20·log10(d km) + 20·log10(f MHz) + 32.44
  return 10 ** ((maxLossDb - 20 * Math.log10(GPS_L1_MHZ) - 32.44) / 20);
}

/** The reach an emitter has for a receiver at a given height: the smaller of its nominal reach and the horizon. */
export function effectiveReachKm(nominalReachKm: number, emitterHeightM: number, receiverHeightM: number): number {
  return Math.min(nominalReachKm, radioHorizonKm(emitterHeightM, receiverHeightM));
}

/** Cruise height used to state an event's reach for aircraft in the ground truth (FL360). */
export const TRUTH_CRUISE_HEIGHT_M = 11_000;
