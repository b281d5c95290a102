/**
 * What the entity stage counts. Every report gets one verdict: judged (good, degraded, spoofed) or the reason it was
 * not counted. Episodes count craft-level events of the track rules.
 */
export const VERDICTS = [
  'good',
  'degraded',
  'spoofed',
  'ground',
  'nonGnssSource',
  'version0',
  'ignored',
  'testRange',
  'noIntegrity',
  'arrivedDegraded',
  'staleLoss',
  'chronic',
  'unplaced',
] as const;
export type VerdictName = (typeof VERDICTS)[number];

/** Verdict codes, index into VERDICTS; the first three equal the status rank. */
export const VERDICT = {
  GOOD: 0,
  DEGRADED: 1,
  SPOOFED: 2,
  GROUND: 3,
  NON_GNSS_SOURCE: 4,
  VERSION_0: 5,
  IGNORED: 6,
  TEST_RANGE: 7,
  NO_INTEGRITY: 8,
  ARRIVED_DEGRADED: 9,
  STALE_LOSS: 10,
  CHRONIC: 11,
  UNPLACED: 12,
} as const;

export const EPISODES = [
  'frozen',
  'jumps',
  'spoofed',
  'glitches',
  'recovered',
  'ashore',
  'circling',
  'converging',
  'altMismatch',
  'chronicLearned',
  'outOfOrder',
  'expired',
] as const;
export type EpisodeName = (typeof EPISODES)[number];

export const EPISODE = {
  FROZEN: 0,
  JUMPS: 1,
  SPOOFED: 2,
  GLITCHES: 3,
  RECOVERED: 4,
  ASHORE: 5,
  CIRCLING: 6,
  CONVERGING: 7,
  ALT_MISMATCH: 8,
  CHRONIC_LEARNED: 9,
  OUT_OF_ORDER: 10,
  EXPIRED: 11,
} as const;

export interface EntityStats {
  /** Craft with state now. */
  trackedCraft: number;
  /** Airframes with a chronic-learning record, and how many of them are judged chronic. */
  chronicRecords: number;
  chronicAirframes: number;
  reports: number;
  observations: number;
  /** Reports by verdict. */
  verdicts: Record<VerdictName, number>;
  episodes: Record<EpisodeName, number>;
}

/** Name the counters of a Float64Array indexed by code. */
export function namedCounts<N extends string>(names: readonly N[], counts: Float64Array): Record<N, number> {
  const out = {} as Record<N, number>;
  names.forEach((name, i) => {
    out[name] = counts[i]!;
  });
  return out;
}
