import { EVIDENCE } from '../../schema/observation.js';
import type { Report } from '../../schema/report.js';

/**
 * ADS-B integrity rules (DO-260B NIC/NACp). Each returns a verdict; none touches craft state.
 *
 * An integrity verdict is a number: `INTEGRITY_UNKNOWN` (−1) when the report carries no fresh NIC/NACp, 0 when what
 * it carries is good, otherwise the EVIDENCE bits of what is low. One number keeps the per-report path free of
 * allocations.
 */
export const INTEGRITY_UNKNOWN = -1;

/**
 * NACp below this is degraded. OnAir's published rule is NACp < 7 (EPU ≥ 0.1 NM); readsb's "lost GNSS" rule uses
 * NACp ≤ 2. Healthy airliners report 8–11 (FAA 14 CFR 91.227 requires ≥ 8), so 7 keeps a margin below normal while
 * catching partial degradation at the edge of a jammer; airframes that always sit low are left to the chronic learner.
 */
export const NACP_MIN = 7;

/** NIC below this is degraded: OnAir's NIC < 6 (containment radius ≥ 0.6 NM). Normal GNSS gives NIC 7–8. */
export const NIC_MIN = 6;

/**
 * NIC/NACp older than this (seconds, `integrityAge`) say nothing about now. Airborne aircraft send operational status
 * (TC 31) every 2.5 s and target state (TC 29) every 1.25 s (DO-260B §2.2.3.2.7); readsb expires such data after
 * about a minute of silence.
 */
export const INTEGRITY_MAX_AGE_S = 60;

/** Ground speed above which a craft counts as airborne for the "no position" rule: readsb's lost-GNSS rule (50 kt). */
export const AIRBORNE_MIN_GS_KT = 50;

/**
 * A loss of GNSS is judged only this long after the last good position: readsb counts lost-GNSS messages only while
 * a good position was seen at most 15 min earlier, and shows `gpsOkBefore` for 15 min. Later, the loss is not where
 * the craft is now.
 */
export const LOST_GNSS_WINDOW_MS = 15 * 60_000;

/**
 * What the report's own NIC/NACp say: unknown, good (0) or the EVIDENCE bits of what is low. NIC is read only with a
 * position (it belongs to the position message); NACp comes from TC 29/31 and is read when fresh.
 */
export function integrityVerdict(r: Report, nacpMin: number, nicMin: number, maxAgeS: number): number {
  if (r.integrityAge !== undefined && r.integrityAge > maxAgeS) return INTEGRITY_UNKNOWN;
  let known = false;
  let bits = 0;
  if (r.nacp !== undefined) {
    known = true;
    if (r.nacp < nacpMin) bits |= EVIDENCE.NACP_LOW;
  }
  if (r.nic !== undefined && r.posAvailable !== false && r.lat !== undefined) {
    known = true;
    if (r.nic < nicMin) bits |= EVIDENCE.NIC_LOW;
  }
  return known ? bits : INTEGRITY_UNKNOWN;
}

/**
 * ADS-B version 0 transponders send NUCp, not NIC/NACp: their values do not mean the same thing and must not count as
 * degraded (DOMAIN.md). The decoder never sets `nic` for version 0; a report with `nucp` and no NIC/NACp is one.
 */
export function isVersion0(r: Report): boolean {
  return r.adsbVersion === 0 || (r.nucp !== undefined && r.nic === undefined && r.nacp === undefined);
}

/**
 * "No position" (ADS-B type code 0, or a readsb entry without a current position) while airborne, within the lost-GNSS
 * window after a good position (`lastPositionAt`, ms): a jammed aircraft often stops sending positions altogether.
 */
export function noPositionWhileAirborne(r: Report, lastPositionAt: number): boolean {
  if (r.posAvailable !== false || r.onGround === true) return false;
  if (r.gs !== undefined && r.gs <= AIRBORNE_MIN_GS_KT) return false;
  const since = r.t - lastPositionAt;
  return since >= 0 && since <= LOST_GNSS_WINDOW_MS;
}

/**
 * readsb's own verdict: `lastGoodAt` (gpsOkBefore) within the lost-GNSS window. Used only when the report carries no
 * fresh NIC/NACp of its own: the decoder also fills `lastGoodAt` from readsb's `lastPosition`, which says only that
 * the current position is old.
 */
export function readsbLostGnss(r: Report): boolean {
  if (r.lastGoodAt === undefined) return false;
  const since = r.t - r.lastGoodAt;
  return since >= 0 && since <= LOST_GNSS_WINDOW_MS;
}
