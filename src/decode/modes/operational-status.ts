/**
 * Aircraft operational status, type code 31 (DO-260A/B; Riddle "Aircraft operation status"), versions 1 and 2:
 * ```
 *  ME bit: 1-5 6-8 9-24                 25-40  41-43    44    45-48  49-50  51-52  53        54   55    56
 *          TC  ST  capability class     OM     version  NICa  NACp   GVA    SIL    NICbaro   HRD  SILs  -
 *              ST 0 airborne: CC 16 bits; ST 1 surface: CC 12 bits (ME bit 20 = NIC supplement-C) + length/width
 * ```
 * Subtype 0 airborne, 1 surface, 2–7 reserved. Version 0 transponders define no usable fields here (they rarely
 * send this message at all): only the version is read. Version 1 has no GVA (BAQ, unused), no SIL supplement and no
 * NIC supplement-C. Surface messages have no GVA; bit 53 is then the track/heading flag, not NIC baro.
 */
import { meBits } from './frame.js';

export const STATUS_AIRBORNE = 0;
export const STATUS_SURFACE = 1;

export interface OperationalStatusMessage {
  readonly subtype: number;
  /** ADS-B version: 0 DO-260, 1 DO-260A, 2 DO-260B (3–7 reserved). */
  readonly version: number;
  readonly nicSupplementA: number | undefined;
  readonly nicSupplementC: number | undefined;
  readonly nacp: number | undefined;
  readonly gva: number | undefined;
  readonly sil: number | undefined;
  readonly nicBaro: number | undefined;
  readonly silSupplement: number | undefined;
}

export function operationalStatusSubtype(frame: Uint8Array): number {
  return meBits(frame, 6, 3);
}

/** Decodes subtypes 0 and 1 (the caller checks `operationalStatusSubtype` first). */
export function decodeOperationalStatus(frame: Uint8Array): OperationalStatusMessage {
  const subtype = meBits(frame, 6, 3);
  const version = meBits(frame, 41, 3);
  if (version === 0) {
    return {
      subtype,
      version,
      nicSupplementA: undefined,
      nicSupplementC: undefined,
      nacp: undefined,
      gva: undefined,
      sil: undefined,
      nicBaro: undefined,
      silSupplement: undefined,
    };
  }
  const airborne = subtype === STATUS_AIRBORNE;
  const v2 = version >= 2;
  return {
    subtype,
    version,
    nicSupplementA: meBits(frame, 44, 1),
    nicSupplementC: v2 && !airborne ? meBits(frame, 20, 1) : undefined,
    nacp: meBits(frame, 45, 4),
    gva: v2 && airborne ? meBits(frame, 49, 2) : undefined,
    sil: meBits(frame, 51, 2),
    nicBaro: airborne ? meBits(frame, 53, 1) : undefined,
    silSupplement: v2 ? meBits(frame, 55, 1) : undefined,
  };
}
