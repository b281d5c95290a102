/**
 * Positions as unit vectors, for means and for the emitter fit: no trouble at ±180° and no trigonometry in inner
 * loops. Distances and bearings come from ../entity/geodesy.ts (one spherical Earth for the whole core).
 */
const DEG = 180 / Math.PI;
const RAD = Math.PI / 180;

/** Unit vector of a position (x towards 0°E on the equator, z towards the north pole). */
export function unitVector(lat: number, lon: number): [number, number, number] {
  const phi = lat * RAD;
  const lambda = lon * RAD;
  return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
}

export function latLonOf(x: number, y: number, z: number): { lat: number; lon: number } {
  return { lat: Math.atan2(z, Math.hypot(x, y)) * DEG, lon: Math.atan2(y, x) * DEG };
}

/** Mean position of points on the sphere: the normalised mean of their unit vectors. */
export function meanPosition(lats: readonly number[], lons: readonly number[]): { lat: number; lon: number } {
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
