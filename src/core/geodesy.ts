/**
 * Distances and dead reckoning on a spherical earth (mean radius 6,371 km). The 0.5 % error of the sphere is far
 * below every threshold that uses these functions.
 */
export const EARTH_RADIUS_KM = 6371;
export const KM_PER_NM = 1.852;
const RAD = Math.PI / 180;
/** Kilometres per degree of latitude on the sphere. */
export const KM_PER_DEG = EARTH_RADIUS_KM * RAD;

/** Great-circle distance (haversine), km. Exact on the sphere at every range. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Equirectangular distance, km: one cosine instead of five trigonometric calls, for the per-report hot path. Within
 * 0.5 % of `distanceKm` below about 500 km away from the poles; beyond that it still grows with the true distance,
 * which is all that a "farther than the threshold" test needs.
 */
export function nearDistanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  let dLon = lon2 - lon1;
  if (dLon > 180) dLon -= 360;
  else if (dLon < -180) dLon += 360;
  const x = dLon * Math.cos((lat1 + lat2) * 0.5 * RAD);
  const y = lat2 - lat1;
  return Math.sqrt(x * x + y * y) * KM_PER_DEG;
}

/** Initial bearing from point 1 to point 2, degrees true in [0, 360). */
export function bearingDeg(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const y = Math.sin(dLon) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dLon);
  return (Math.atan2(y, x) / RAD + 360) % 360;
}

/** Signed smallest difference `to − from` between two headings, degrees in (−180, 180]. */
export function headingDeltaDeg(from: number, to: number): number {
  let d = (to - from) % 360;
  if (d > 180) d -= 360;
  else if (d <= -180) d += 360;
  return d;
}

/** A point written into by `destination`, so the hot path allocates nothing. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** The point reached from (lat, lon) after `km` along the great circle with initial bearing `bearing`. */
export function destination(lat: number, lon: number, bearing: number, km: number, out: LatLon): LatLon {
  const d = km / EARTH_RADIUS_KM;
  const p1 = lat * RAD;
  const b = bearing * RAD;
  const sinP2 = Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b);
  const p2 = Math.asin(Math.max(-1, Math.min(1, sinP2)));
  const l2 = lon * RAD + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * sinP2);
  out.lat = p2 / RAD;
  out.lon = ((((l2 / RAD + 540) % 360) + 360) % 360) - 180;
  return out;
}

/** Kilometres covered at `knots` during `ms` milliseconds. */
export function kmAtSpeed(knots: number, ms: number): number {
  return (knots * KM_PER_NM * ms) / 3_600_000;
}
