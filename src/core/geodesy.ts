/**
 * One spherical Earth (IUGG mean radius, 6,371.0088 km) for the detection core, the simulator and the evaluation: distances,
 * bearings, dead reckoning, great-circle interpolation and unit vectors. The 0.5 % error of the sphere is far below
 * every threshold and every effect simulated.
 */
export const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_NM = 1.852;
const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;
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

export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * The point reached from (lat, lon) after `km` along the great circle with initial bearing `bearing`; written into
 * `out` when given, so the hot path allocates nothing.
 */
export function destination(
  lat: number,
  lon: number,
  bearing: number,
  km: number,
  out: LatLon = { lat: 0, lon: 0 },
): LatLon {
  const d = km / EARTH_RADIUS_KM;
  const p1 = lat * RAD;
  const b = bearing * RAD;
  const sinP2 = Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b);
  const p2 = Math.asin(Math.max(-1, Math.min(1, sinP2)));
  const l2 = lon * RAD + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * sinP2);
  out.lat = p2 / RAD;
  out.lon = normaliseLon(l2 / RAD);
  return out;
}

/** A longitude brought into [−180, 180). */
export function normaliseLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

/** A point shifted by small east/north distances, km (local flat approximation, fine below a few hundred km). */
export function offsetKm(lat: number, lon: number, eastKm: number, northKm: number): LatLon {
  return {
    lat: lat + (northKm / EARTH_RADIUS_KM) * DEG,
    lon: normaliseLon(lon + (eastKm / (EARTH_RADIUS_KM * Math.cos(lat * RAD))) * DEG),
  };
}

/** Unit vector of a position (x towards 0°E on the equator, z towards the north pole). */
export function unitVector(lat: number, lon: number): [number, number, number] {
  const phi = lat * RAD;
  const lambda = lon * RAD;
  return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
}

/** The position a (not necessarily unit) vector points at. */
export function latLonOf(x: number, y: number, z: number): LatLon {
  return { lat: Math.atan2(z, Math.hypot(x, y)) * DEG, lon: Math.atan2(y, x) * DEG };
}

/** Mean position of points on the sphere: the normalised mean of their unit vectors (no trouble at ±180°). */
export function meanPosition(lats: readonly number[], lons: readonly number[]): LatLon {
  let x = 0;
  let y = 0;
  let z = 0;
  for (let i = 0; i < lats.length; i++) {
    const v = unitVector(lats[i]!, lons[i]!);
    x += v[0];
    y += v[1];
    z += v[2];
  }
  return latLonOf(x, y, z);
}

/** The point at fraction f (0..1) of the great circle between two points (spherical linear interpolation). */
export function interpolate(lat1: number, lon1: number, lat2: number, lon2: number, f: number): LatLon {
  const d = distanceKm(lat1, lon1, lat2, lon2) / EARTH_RADIUS_KM;
  if (d < 1e-9) return { lat: lat1, lon: lon1 };
  const a = Math.sin((1 - f) * d) / Math.sin(d);
  const b = Math.sin(f * d) / Math.sin(d);
  const u = unitVector(lat1, lon1);
  const v = unitVector(lat2, lon2);
  return latLonOf(a * u[0] + b * v[0], a * u[1] + b * v[1], a * u[2] + b * v[2]);
}

/** Kilometres covered at `knots` during `ms` milliseconds. */
export function kmAtSpeed(knots: number, ms: number): number {
  return (knots * KM_PER_NM * ms) / 3_600_000;
}
