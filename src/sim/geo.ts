/**
 * Spherical-Earth geometry for the simulator and the evaluation: distances, bearings, destinations and great-circle
 * interpolation. A sphere is within 0.5 % of WGS84 for distances, far below the effects simulated here.
 */
export const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_NM = 1.852;
export const FT_PER_M = 3.28084;

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

export interface LatLon {
  lat: number;
  lon: number;
}

/** Great-circle distance, km (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from the first point to the second, degrees true in [0, 360). */
export function bearingDeg(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dl = (lon2 - lon1) * RAD;
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  return (Math.atan2(y, x) * DEG + 360) % 360;
}

/** The point reached from a start point along a bearing (degrees true) after a distance (km). */
export function destination(lat: number, lon: number, bearing: number, km: number): LatLon {
  const d = km / EARTH_RADIUS_KM;
  const b = bearing * RAD;
  const p1 = lat * RAD;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 =
    lon * RAD + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return { lat: p2 * DEG, lon: normaliseLon(l2 * DEG) };
}

/** A point shifted by small east/north distances, km (local flat approximation, fine below a few hundred km). */
export function offsetKm(lat: number, lon: number, eastKm: number, northKm: number): LatLon {
  const dLat = (northKm / EARTH_RADIUS_KM) * DEG;
  const dLon = (eastKm / (EARTH_RADIUS_KM * Math.cos(lat * RAD))) * DEG;
  return { lat: lat + dLat, lon: normaliseLon(lon + dLon) };
}

/** The point at fraction f (0..1) of the great circle between two points. */
export function interpolate(lat1: number, lon1: number, lat2: number, lon2: number, f: number): LatLon {
  const d = distanceKm(lat1, lon1, lat2, lon2) / EARTH_RADIUS_KM;
  if (d < 1e-9) return { lat: lat1, lon: lon1 };
  const a = Math.sin((1 - f) * d) / Math.sin(d);
  const b = Math.sin(f * d) / Math.sin(d);
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const l1 = lon1 * RAD;
  const l2 = lon2 * RAD;
  const x = a * Math.cos(p1) * Math.cos(l1) + b * Math.cos(p2) * Math.cos(l2);
  const y = a * Math.cos(p1) * Math.sin(l1) + b * Math.cos(p2) * Math.sin(l2);
  const z = a * Math.sin(p1) + b * Math.sin(p2);
  return { lat: Math.atan2(z, Math.sqrt(x * x + y * y)) * DEG, lon: Math.atan2(y, x) * DEG };
}

export function normaliseLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}
