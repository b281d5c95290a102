/**
 * A craft-level event of the track rules: a position freezing or thawing, a jump, a spoofing episode confirmed or
 * ended, an outlier dismissed, a learned chronic airframe. Rare (a few per craft per episode); handed to an optional
 * listener for evidence, logs and tests. Never on the per-report path.
 */
export type TrackEventKind =
  | 'frozen'
  | 'thawed'
  | 'jump'
  | 'ashore'
  | 'spoofed'
  | 'glitch'
  | 'recovered'
  | 'circling'
  | 'converging'
  | 'alt-mismatch'
  | 'chronic';

export interface TrackEvent {
  kind: TrackEventKind;
  id: string;
  /** Event time (ms) and the craft's reported position then. */
  t: number;
  lat: number;
  lon: number;
  /** For jumps: where and when (last report) the craft was before. For frozen: the first report of the position. */
  fromLat?: number;
  fromLon?: number;
  fromT?: number;
  /** For jumps: the distance, km. */
  km?: number;
  /** For jumps: 'speed' (impossible for the class) or 'off-track' (inconsistent with the last good track). */
  reason?: 'speed' | 'off-track';
  /** For thawed / recovered: how long the episode lasted, ms. */
  durationMs?: number;
  /** For converging: distinct craft at the spot. */
  count?: number;
}

export type TrackEventListener = (event: TrackEvent) => void;
