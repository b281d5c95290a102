/**
 * Frozen position: the same latitude and longitude reported again while the craft says it is moving. A GNSS receiver
 * that has lost its fix, or is being fed a static false fix, keeps sending its last position; the THY9BP track
 * (17 Sep 2024) held one position for 19 min at 481 kt. CPR positions resolve to about 5 m and AIS to 0.2 m, so a
 * moving craft never repeats a position exactly; duplicates of one message share a time and never reach the span.
 */

/** Aircraft: a repeat 60 s apart at more than 50 kt (readsb's airborne speed): 1.5 km of travel went missing. */
export const AIR_FROZEN_MIN_MS = 60_000;
export const AIR_FROZEN_MIN_SPEED_KT = 50;

/**
 * Vessels: a repeat 5 min apart at more than 3 kt (about 460 m of travel). Below 3 kt anchored and moored ships report
 * a jittery speed over ground while their position barely changes.
 */
export const SEA_FROZEN_MIN_MS = 300_000;
export const SEA_FROZEN_MIN_SPEED_KT = 3;

/**
 * Whether a position repeated `repeats` times over `spanMs` (from its first report to now) at ground speed `gsKt` is
 * frozen. Unknown speed (undefined) never freezes: a parked craft may repeat its position.
 */
export function isFrozen(
  repeats: number,
  spanMs: number,
  gsKt: number | undefined,
  minMs: number,
  minSpeedKt: number,
): boolean {
  return repeats >= 1 && spanMs >= minMs && gsKt !== undefined && gsKt > minSpeedKt;
}

/**
 * A jump candidate that the craft reports again (`repeats` ≥ 2) while saying it moves faster than `minSpeedKt` is
 * confirmed at once: a spoofer holding its victims at one point (an airport, in the Levant and Black Sea events) gives
 * a sticky false fix, whereas a decoding slip or a communication fault is a single position that is not repeated.
 */
export const PARKED_CONFIRM_REPEATS = 2;

export function parkedCandidate(repeats: number, gsKt: number | undefined, minSpeedKt: number): boolean {
  return repeats >= PARKED_CONFIRM_REPEATS && gsKt !== undefined && gsKt > minSpeedKt;
}
