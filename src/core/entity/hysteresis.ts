/**
 * The lost-GNSS hysteresis counter, after readsb's: count up on a bad report, down on a good one, flag at a threshold,
 * so that one bad message does not flip a craft. readsb counts to 20 and flags at 17 on every message; our reports
 * are position events (about 1–2 a second from a receiver, one per poll from an aggregator), so the defaults are
 * lower and a flag needs a clear run of bad reports: on at 6, off again only at 2.
 */
export const HYSTERESIS_MAX = 10;
export const DEGRADED_AT = 6;
export const RECOVERED_AT = 2;

/** The counter after one report: `step` is +1 (bad), −1 (good) or 0 (says nothing), clamped to [0, max]. */
export function stepCounter(count: number, step: number, max: number): number {
  const next = count + step;
  return next < 0 ? 0 : Math.min(next, max);
}

/** Whether the craft is degraded after the counter moved: on at `degradedAt`, off only at `recoveredAt` or below. */
export function degradedAfter(wasDegraded: boolean, count: number, degradedAt: number, recoveredAt: number): boolean {
  return wasDegraded ? count > recoveredAt : count >= degradedAt;
}
