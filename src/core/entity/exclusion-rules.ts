import type { PosSource, Report } from '../../schema/report.js';
import { nearDistanceKm } from '../geodesy.js';
import { isVersion0 } from './integrity-rules.js';

/**
 * Reports whose GNSS health cannot be judged (DOMAIN.md "Known false positives"). A report excluded here is counted
 * and dropped before any rule runs.
 */
export const EXCLUSION = {
  NONE: 0,
  /** On the ground: GNSS alignment at power-up and power-down, or landed with GNSS still lost. */
  GROUND: 1,
  /** MLAT, TIS-B and other non-ADS-B positions carry no integrity of the craft's own GNSS. */
  NON_GNSS_SOURCE: 2,
  /** ADS-B version 0: NUCp, not NIC/NACp. */
  VERSION_0: 3,
} as const;
export type Exclusion = (typeof EXCLUSION)[keyof typeof EXCLUSION];

/** The exclusion that applies to a report, from its own fields. */
export function exclusionOf(r: Report): Exclusion {
  if (r.onGround === true) return EXCLUSION.GROUND;
  if (!isOwnGnssSource(r.posSource)) return EXCLUSION.NON_GNSS_SOURCE;
  if (r.src === 'adsb' && isVersion0(r)) return EXCLUSION.VERSION_0;
  return EXCLUSION.NONE;
}

/**
 * Positions from the craft's own GNSS: ADS-B and ADS-R (a rebroadcast of the craft's own UAT ADS-B). An unknown
 * source counts as the craft's own: SBS feeds and AIS do not name it, and they carry the craft's own position.
 */
export function isOwnGnssSource(source: PosSource | undefined): boolean {
  return source === undefined || source === 'adsb' || source === 'adsr';
}

/** A small code per position source, so that jumps are judged only between positions of one source. */
export function sourceCode(source: PosSource | undefined): number {
  return source === 'adsb' ? 1 : source === 'adsr' ? 2 : 0;
}

/** A configured test range (GNSS testing announced by NOTAM or navigational warning), with its time span in ms. */
export interface TestRange {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly radiusKm: number;
  readonly fromMs: number;
  readonly toMs: number;
}

/** The name of the test range that covers (lat, lon) at time t, or undefined. */
export function testRangeAt(ranges: readonly TestRange[], lat: number, lon: number, t: number): string | undefined {
  for (const range of ranges) {
    if (t < range.fromMs || t > range.toMs) continue;
    if (nearDistanceKm(range.lat, range.lon, lat, lon) <= range.radiusKm) return range.name;
  }
  return undefined;
}
