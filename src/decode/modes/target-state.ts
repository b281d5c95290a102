/**
 * Target state and status, type code 29 (DO-260B; Riddle "Target state and status"). Subtype 1 (version 2):
 * ```
 *  ME bit: 1-5 6-7 8     9    10-20    21-29  30-39    40-43  44      45-46  47-54       55-56
 *          TC  ST  SILs  SAT  sel.alt  baro   sel.hdg  NACp   NICbaro SIL    mode bits   reserved
 * ```
 * jamwatch takes the integrity fields: NACp, NIC baro, SIL and the SIL supplement (0 per hour, 1 per sample). The
 * autopilot targets (selected altitude, QNH, heading, mode bits) are not used. Subtype 0 (version 1) has another
 * layout and is not decoded; subtypes 2–3 are reserved.
 */
import { meBits } from './frame.js';

export const TARGET_STATE_SUBTYPE_V2 = 1;

export interface TargetStateMessage {
  readonly nacp: number;
  readonly nicBaro: number;
  readonly sil: number;
  readonly silSupplement: number;
}

export function targetStateSubtype(frame: Uint8Array): number {
  return meBits(frame, 6, 2);
}

/** Integrity fields of a subtype 1 message (the caller checks `targetStateSubtype` first). */
export function decodeTargetState(frame: Uint8Array): TargetStateMessage {
  return {
    nacp: meBits(frame, 40, 4),
    nicBaro: meBits(frame, 44, 1),
    sil: meBits(frame, 45, 2),
    silSupplement: meBits(frame, 8, 1),
  };
}
