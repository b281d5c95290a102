/**
 * AIS reporting intervals (ITU-R M.1371-5 Annex 1, §4.2.1, Tables 1 and 2).
 * Class A: at anchor or moored and not faster than 3 kn, every 3 min; 0–14 kn every 10 s; 14–23 kn every 6 s;
 * above 23 kn every 2 s (faster still while changing course, not modelled). Class B "CS": every 30 s above 2 kn,
 * every 3 min at or below. Static data (types 5 and 24): every 6 min.
 */
export const CLASS_A_ANCHORED_MS = 180_000;
export const CLASS_A_SLOW_MS = 10_000;
export const CLASS_A_MEDIUM_MS = 6_000;
export const CLASS_A_FAST_MS = 2_000;
export const CLASS_B_MOVING_MS = 30_000;
export const CLASS_B_SLOW_MS = 180_000;
export const STATIC_INTERVAL_MS = 360_000;

const ANCHORED_MAX_KN = 3;
const CLASS_B_SLOW_KN = 2;

export function positionIntervalMs(classB: boolean, atAnchor: boolean, sogKn: number): number {
  if (classB) return sogKn > CLASS_B_SLOW_KN ? CLASS_B_MOVING_MS : CLASS_B_SLOW_MS;
  if (atAnchor && sogKn <= ANCHORED_MAX_KN) return CLASS_A_ANCHORED_MS;
  if (sogKn <= 14) return CLASS_A_SLOW_MS;
  if (sogKn <= 23) return CLASS_A_MEDIUM_MS;
  return CLASS_A_FAST_MS;
}
