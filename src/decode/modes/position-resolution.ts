/**
 * Which CPR decoding to trust (the decoder's "reasonableness checks"), for airborne and surface positions alike.
 *
 * A wrong CPR decoding is a whole zone away from the truth (cpr.ts), so two decodings of the same message that agree
 * to within metres are right unless both are wrong in exactly the same way. The rules:
 * - Pair available (global decoding G of the message with the latest one of the other parity):
 *   1. G agrees with a local decoding relative to the craft's own track (last accepted position, ≤ 5 min old): accept.
 *   2. else G agrees with a local decoding relative to the previous unconfirmed global decoding (the candidate),
 *      from a pair that shares no older message with the candidate's: accept. This is how a real jump larger than
 *      half a zone is followed: two consecutive pairs that agree.
 *   3. else, for a first fix (no track), G agrees with a local decoding relative to the receiver: accept.
 *   4. else G becomes the new candidate and nothing is reported: a pair that mixes positions from both sides of a
 *      jump decodes to garbage, which is held back, never reported.
 *   A pair that does not decode at all (NL boundary, or a mix of both sides of a jump) gives nothing this time.
 * - No pair: a local decoding relative to the craft's track (≤ 5 min old), unless a candidate that disagreed with the
 *   track is pending (the track may be the wrong side of a jump).
 * A first fix therefore always comes from a global pair: a local decoding relative to the receiver alone would alias
 * for a craft beyond half a zone (180 NM airborne, 45 NM surface), as happens with aggregated feeds.
 * Known limit: a jump of almost exactly a whole number of zones (± 3 NM) lets the one mixed pair alias next to the old
 * track and agree with it: one position that shows no movement, never a false jump (1 in 10,000 random jumps in the
 * unit test); the following pairs report the jump.
 *
 * No speed check: a spoofed position that jumps hundreds of kilometres in a second is decoded and reported as it was
 * sent, so that the detection core sees the jump (DOMAIN.md: readsb's speed check hides the first spoofed jump).
 */
import {
  decodeAirborneGlobal,
  decodeAirborneLocal,
  decodeSurfaceGlobal,
  decodeSurfaceLocal,
  type LatLon,
} from './cpr.js';

/** Airborne even/odd messages further apart than this are not paired (DO-260B; Riddle "Airborne position"). */
export const AIRBORNE_PAIR_MAX_AGE_MS = 10_000;

/**
 * Surface even/odd messages further apart than this are not paired: the pair must lie within about 0.75 NM of each
 * other for the surface zone index to come out right, which 25 s allows up to about 100 kt; a faster pair that
 * decodes wrongly fails the cross-check instead.
 */
export const SURFACE_PAIR_MAX_AGE_MS = 25_000;

/**
 * The craft's last position serves as a local-decoding reference for this long: even at 2,000 kt (no ADS-B emitter
 * flies faster) a craft covers under 180 NM, half an airborne zone, in 5 min; a surface craft covers far less than
 * the 45 NM half surface zone.
 */
export const TRACK_REFERENCE_MAX_AGE_MS = 300_000;

/**
 * Two decodings of one message agree when closer than this: correct decodings coincide to rounding error, a wrong one
 * is at least a surface zone (1.5° ≈ 90 NM of latitude, or its longitude counterpart) away.
 */
export const CPR_AGREEMENT_M = 50;

const EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;

export interface CprMessage {
  readonly odd: boolean;
  readonly cprLat: number;
  readonly cprLon: number;
  /** Event time, ms. */
  readonly time: number;
}

export interface Fix extends LatLon {
  /** Event time of the message that gave this position, ms. */
  readonly time: number;
}

export type ResolutionBasis =
  | 'global+track'
  | 'global+candidate'
  | 'global+receiver'
  | 'local-track'
  | 'unconfirmed'
  | 'none';

export interface Resolution {
  /** The accepted position (stamped with the message time: the craft's new track), if any. */
  readonly position: Fix | undefined;
  /** The candidate to remember afterwards: a new unconfirmed global decoding, the pending one, or none. */
  readonly candidate: Fix | undefined;
  readonly basis: ResolutionBasis;
}

/** The two CPR grids. */
export interface CprGrid {
  readonly surface: boolean;
  readonly pairMaxAgeMs: number;
}

export const AIRBORNE_GRID: CprGrid = Object.freeze({ surface: false, pairMaxAgeMs: AIRBORNE_PAIR_MAX_AGE_MS });
export const SURFACE_GRID: CprGrid = Object.freeze({ surface: true, pairMaxAgeMs: SURFACE_PAIR_MAX_AGE_MS });

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * DEG;
  const dLon = (b.lon - a.lon) * DEG;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * DEG) * Math.cos(b.lat * DEG) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Rule: two decodings of the same message agree. */
export function decodingsAgree(a: LatLon | undefined, b: LatLon | undefined): boolean {
  return a !== undefined && b !== undefined && distanceMetres(a, b) < CPR_AGREEMENT_M;
}

/** Rule: a remembered position may serve as a local-decoding reference at `time`. */
export function isUsableReference(reference: Fix | undefined, time: number): reference is Fix {
  return reference !== undefined && time - reference.time <= TRACK_REFERENCE_MAX_AGE_MS;
}

/** Rule: even and odd messages close enough in time to be decoded as a pair. */
export function isPair(grid: CprGrid, message: CprMessage, other: CprMessage | undefined): other is CprMessage {
  return other !== undefined && other.odd !== message.odd && Math.abs(message.time - other.time) <= grid.pairMaxAgeMs;
}

function decodeLocal(grid: CprGrid, message: CprMessage, reference: LatLon): LatLon | undefined {
  return grid.surface
    ? decodeSurfaceLocal(message.cprLat, message.cprLon, message.odd, reference)
    : decodeAirborneLocal(message.cprLat, message.cprLon, message.odd, reference);
}

/** Global decoding of the pair; a surface pair needs some reference for its hemisphere and quadrant. */
function decodeGlobal(
  grid: CprGrid,
  message: CprMessage,
  other: CprMessage,
  quadrantReference: LatLon | undefined,
): LatLon | undefined {
  const even = message.odd ? other : message;
  const odd = message.odd ? message : other;
  if (!grid.surface) return decodeAirborneGlobal(even.cprLat, even.cprLon, odd.cprLat, odd.cprLon, message.odd);
  if (quadrantReference === undefined) return undefined;
  return decodeSurfaceGlobal(even.cprLat, even.cprLon, odd.cprLat, odd.cprLon, message.odd, quadrantReference);
}

/** Rule: the global decoding equals the local decoding of the same message relative to `reference`. */
function agreesLocally(grid: CprGrid, global: LatLon, message: CprMessage, reference: LatLon): boolean {
  return decodingsAgree(global, decodeLocal(grid, message, reference));
}

function at(position: LatLon, time: number): Fix {
  return { lat: position.lat, lon: position.lon, time };
}

/**
 * Position for `message` on `grid`, given the latest message of the other parity, the craft's track (last accepted
 * position), the pending candidate and the receiver position (any may be undefined).
 */
export function resolvePosition(
  grid: CprGrid,
  message: CprMessage,
  other: CprMessage | undefined,
  track: Fix | undefined,
  candidate: Fix | undefined,
  receiver: LatLon | undefined,
): Resolution {
  const time = message.time;
  const reference = isUsableReference(track, time) ? track : undefined;
  const pending = isUsableReference(candidate, time) ? candidate : undefined;
  if (isPair(grid, message, other)) {
    // A pair that does not decode (it straddles an NL boundary, or mixes positions from both sides of a jump) says
    // the track may be wrong too: wait for the next message rather than fall back on the track.
    const global = decodeGlobal(grid, message, other, track ?? receiver ?? candidate);
    if (global === undefined) return { position: undefined, candidate: pending, basis: 'none' };
    if (reference && agreesLocally(grid, global, message, reference)) {
      return { position: at(global, time), candidate: undefined, basis: 'global+track' };
    }
    // The confirming pair must not reuse the older message of the candidate's pair: two pairs that share a message
    // from before a jump decode to the same garbage.
    if (pending && other.time >= pending.time && agreesLocally(grid, global, message, pending)) {
      return { position: at(global, time), candidate: undefined, basis: 'global+candidate' };
    }
    if (!reference && receiver && agreesLocally(grid, global, message, receiver)) {
      return { position: at(global, time), candidate: undefined, basis: 'global+receiver' };
    }
    return { position: undefined, candidate: at(global, time), basis: 'unconfirmed' };
  }
  // A candidate younger than a pair window means the last pair disagreed with the track: do not trust the track.
  if (reference && !(candidate !== undefined && time - candidate.time <= grid.pairMaxAgeMs)) {
    const local = decodeLocal(grid, message, reference);
    if (local) return { position: at(local, time), candidate: pending, basis: 'local-track' };
  }
  return { position: undefined, candidate: pending, basis: 'none' };
}
