/**
 * Compact Position Reporting (DO-260B appendix A; "The 1090 MHz Riddle", airborne and surface position).
 *
 * A position message carries 17-bit fractions of latitude and longitude within a zone. Even messages (F = 0) use
 * 60 latitude zones per 360° (airborne) or per 90° (surface), odd messages (F = 1) use 59. The number of longitude
 * zones NL(lat) shrinks towards the poles.
 * - Global decoding: an even and an odd message of the same craft (airborne: within 10 s) fix the zone index
 *   without any reference. Impossible when the two lie in different NL bands. Surface fractions span 90° only, so a
 *   surface pair leaves a choice of hemisphere and of 90° longitude quadrant: the one nearest a reference.
 * - Local decoding: one message and a reference position within half a zone (airborne 180 NM, surface 45 NM of
 *   latitude) fix the zone index as the one nearest the reference.
 * A wrong decoding is never a few metres off: it lands a whole zone away (≥ 1.5° surface, ≥ 6° airborne, in latitude
 * or longitude). `position-resolution.ts` uses that to cross-check global against local decodings.
 */

/** 2^17: the CPR fractions are 17-bit numbers. */
export const CPR_SCALE = 131072;

/** Latitude zones between the equator and a pole. */
const NZ = 15;
const AIRBORNE_SPAN_DEG = 360;
const SURFACE_SPAN_DEG = 90;
const NL_NUMERATOR = 1 - Math.cos(Math.PI / (2 * NZ));
const DEG = Math.PI / 180;

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** Number of longitude zones at a latitude (1–59). */
export function cprNL(lat: number): number {
  const abs = Math.abs(lat);
  if (abs === 0) return 59;
  if (abs >= 87) return abs > 87 ? 1 : 2;
  const cosLat = Math.cos(abs * DEG);
  return Math.floor((2 * Math.PI) / Math.acos(1 - NL_NUMERATOR / (cosLat * cosLat)));
}

/** Mathematical modulo: the result has the sign of the divisor. */
function mod(x: number, y: number): number {
  return x - y * Math.floor(x / y);
}

function normaliseLongitude(lon: number): number {
  return lon >= 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
}

/**
 * Global airborne decoding of an even/odd pair; the position is that of the most recent message (`latestOdd`).
 * Undefined when the pair straddles an NL band boundary or yields an impossible latitude.
 */
export function decodeAirborneGlobal(
  evenLat: number,
  evenLon: number,
  oddLat: number,
  oddLon: number,
  latestOdd: boolean,
): LatLon | undefined {
  const latEven = evenLat / CPR_SCALE;
  const latOdd = oddLat / CPR_SCALE;
  const j = Math.floor(59 * latEven - 60 * latOdd + 0.5);
  let rlatEven = (AIRBORNE_SPAN_DEG / 60) * (mod(j, 60) + latEven);
  let rlatOdd = (AIRBORNE_SPAN_DEG / 59) * (mod(j, 59) + latOdd);
  if (rlatEven >= 270) rlatEven -= 360;
  if (rlatOdd >= 270) rlatOdd -= 360;
  if (rlatEven > 90 || rlatOdd > 90) return undefined;
  const nl = cprNL(rlatEven);
  if (nl !== cprNL(rlatOdd)) return undefined;
  const lonEven = evenLon / CPR_SCALE;
  const lonOdd = oddLon / CPR_SCALE;
  const m = Math.floor(lonEven * (nl - 1) - lonOdd * nl + 0.5);
  const zones = Math.max(latestOdd ? nl - 1 : nl, 1);
  const lon = (AIRBORNE_SPAN_DEG / zones) * (mod(m, zones) + (latestOdd ? lonOdd : lonEven));
  return { lat: latestOdd ? rlatOdd : rlatEven, lon: normaliseLongitude(lon) };
}

/** The candidate of `base + k·step` (k integer) nearest `target`. */
function nearest(base: number, step: number, target: number): number {
  return base + step * Math.round((target - base) / step);
}

/**
 * Global surface decoding of an even/odd pair; `ref` (any position within 45° of the craft: the receiver, or the
 * craft's last known position) picks the hemisphere and the longitude quadrant.
 */
export function decodeSurfaceGlobal(
  evenLat: number,
  evenLon: number,
  oddLat: number,
  oddLon: number,
  latestOdd: boolean,
  ref: LatLon,
): LatLon | undefined {
  const latEven = evenLat / CPR_SCALE;
  const latOdd = oddLat / CPR_SCALE;
  const j = Math.floor(59 * latEven - 60 * latOdd + 0.5);
  // Northern solutions in [0°, 90°); the southern one is 90° lower.
  const northEven = (SURFACE_SPAN_DEG / 60) * (mod(j, 60) + latEven);
  const northOdd = (SURFACE_SPAN_DEG / 59) * (mod(j, 59) + latOdd);
  const south = ref.lat < (latestOdd ? northOdd : northEven) - SURFACE_SPAN_DEG / 2;
  const rlatEven = south ? northEven - SURFACE_SPAN_DEG : northEven;
  const rlatOdd = south ? northOdd - SURFACE_SPAN_DEG : northOdd;
  const nl = cprNL(rlatEven);
  if (nl !== cprNL(rlatOdd)) return undefined;
  const lonEven = evenLon / CPR_SCALE;
  const lonOdd = oddLon / CPR_SCALE;
  const m = Math.floor(lonEven * (nl - 1) - lonOdd * nl + 0.5);
  const zones = Math.max(latestOdd ? nl - 1 : nl, 1);
  const quadrantLon = (SURFACE_SPAN_DEG / zones) * (mod(m, zones) + (latestOdd ? lonOdd : lonEven));
  const lon = normaliseLongitude(nearest(quadrantLon, SURFACE_SPAN_DEG, ref.lon));
  return { lat: latestOdd ? rlatOdd : rlatEven, lon };
}

function decodeLocal(
  span: number,
  cprLat: number,
  cprLon: number,
  odd: boolean,
  refLat: number,
  refLon: number,
): LatLon | undefined {
  const dLat = span / (odd ? 59 : 60);
  const latFraction = cprLat / CPR_SCALE;
  const j = Math.floor(refLat / dLat) + Math.floor(0.5 + mod(refLat, dLat) / dLat - latFraction);
  const lat = dLat * (j + latFraction);
  if (lat > 90 || lat < -90) return undefined;
  const dLon = span / Math.max(cprNL(lat) - (odd ? 1 : 0), 1);
  const lonFraction = cprLon / CPR_SCALE;
  const m = Math.floor(refLon / dLon) + Math.floor(0.5 + mod(refLon, dLon) / dLon - lonFraction);
  return { lat, lon: normaliseLongitude(dLon * (m + lonFraction)) };
}

/** Local airborne decoding: the zone nearest the reference (valid when the craft is within 180 NM of it). */
export function decodeAirborneLocal(cprLat: number, cprLon: number, odd: boolean, ref: LatLon): LatLon | undefined {
  return decodeLocal(AIRBORNE_SPAN_DEG, cprLat, cprLon, odd, ref.lat, ref.lon);
}

/** Local surface decoding: the zone nearest the reference (valid when the craft is within 45 NM of it). */
export function decodeSurfaceLocal(cprLat: number, cprLon: number, odd: boolean, ref: LatLon): LatLon | undefined {
  return decodeLocal(SURFACE_SPAN_DEG, cprLat, cprLon, odd, ref.lat, ref.lon);
}
