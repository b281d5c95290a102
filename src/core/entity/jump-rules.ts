import { kmAtSpeed } from '../geodesy.js';

/**
 * Position-jump rules (spoofing signs). A jump is judged only between two positions of the same source (never MLAT
 * against ADS-B), over the time between them.
 */

/**
 * Aircraft: 1,000 kt between two positions is not flight. The fastest airliner ground speeds recorded in jet
 * streams are about 700–740 kt (B747/B787, 2020), so 1,000 kt leaves a wide margin; OnAir flags > 2,000 kt over 5 min.
 */
export const AIR_MAX_SPEED_KT = 1000;

/**
 * Aircraft: a jump must also exceed 5 km, whatever the time. Covers the position noise of low-NACp positions (NACp 3
 * is < 2 NM = 3.7 km at 95 %) and the odd CPR pairing error over sub-second gaps.
 */
export const AIR_JUMP_FLOOR_KM = 5;

/**
 * Vessels: 60 kt is not a ship. DOMAIN.md: a jump implying more than 50–60 kt is not real; spoofed VLCCs have shown
 * 60–102 kt; the fastest high-speed ferries run at about 40–45 kt.
 */
export const SEA_MAX_SPEED_KT = 60;

/** Vessels: a jump must also exceed 1 km: AIS positions are good to tens of metres, with rare GNSS glitches of that size. */
export const SEA_JUMP_FLOOR_KM = 1;

/** The farthest a craft can plausibly move in `dtMs`: the floor plus the class's top speed over the gap. */
export function maxPlausibleKm(dtMs: number, maxSpeedKt: number, floorKm: number): number {
  return floorKm + kmAtSpeed(maxSpeedKt, Math.max(dtMs, 0));
}

/** A move of `km` in `dtMs` that the craft's class cannot make. */
export function impossibleJump(km: number, dtMs: number, maxSpeedKt: number, floorKm: number): boolean {
  return km > maxPlausibleKm(dtMs, maxSpeedKt, floorKm);
}

/**
 * Off track: how far a position may lie from the dead-reckoned one (last good position carried forward by its ground
 * speed and track) before it is inconsistent with the craft's own track. Half the dead-reckoned distance allows a
 * change of heading of about 30° at the start of the gap (2·sin 15° = 0.52) and speed changes of the same order.
 * Used only where the track is already in doubt (after a frozen position, while spoofed), never on ordinary gaps.
 */
export const OFF_TRACK_TURN_FRACTION = 0.5;

/** Aircraft: 20 km of slack on top: the spread of a turn of a few minutes at cruise speed. */
export const AIR_OFF_TRACK_FLOOR_KM = 20;

/** Vessels: 2 km of slack on top: a ship's turning circle and the drift of a few minutes. */
export const SEA_OFF_TRACK_FLOOR_KM = 2;

/** A position `deviationKm` from where dead reckoning over `drKm` puts the craft is inconsistent with its track. */
export function offTrack(deviationKm: number, drKm: number, floorKm: number): boolean {
  return deviationKm > floorKm + OFF_TRACK_TURN_FRACTION * drKm;
}
