import type { Bounds } from './map-view.js';

/**
 * Cuts a closed lon/lat ring down to the part inside a box (Sutherland–Hodgman: clip against each side in turn).
 * A land ring such as Eurasia's has thousands of points; the report keeps only those near the view. Where a
 * concave ring leaves and re-enters the box the result runs along the box's side, which is why the caller clips to
 * a box a little larger than what it shows.
 */
export function clipRing(ring: ArrayLike<number>, box: Bounds): number[] {
  let points = Array.from(ring);
  points = clipSide(points, 0, box.west, true);
  points = clipSide(points, 0, box.east, false);
  points = clipSide(points, 1, box.south, true);
  points = clipSide(points, 1, box.north, false);
  // Fewer than three corners enclose nothing.
  return points.length >= 6 ? points : [];
}

/** Keeps the part of a ring (interleaved lon, lat) on one side of the line coordinate[axis] = value. */
function clipSide(points: number[], axis: 0 | 1, value: number, keepAbove: boolean): number[] {
  const out: number[] = [];
  const n = points.length;
  if (n < 6) return out;
  const inside = (c: number) => (keepAbove ? c >= value : c <= value);
  let prevLon = points[n - 2]!;
  let prevLat = points[n - 1]!;
  let prevIn = inside(axis === 0 ? prevLon : prevLat);
  for (let i = 0; i < n; i += 2) {
    const lon = points[i]!;
    const lat = points[i + 1]!;
    const isIn = inside(axis === 0 ? lon : lat);
    if (isIn !== prevIn) {
      const from = axis === 0 ? prevLon : prevLat;
      const t = (value - from) / ((axis === 0 ? lon : lat) - from);
      if (axis === 0) out.push(value, prevLat + t * (lat - prevLat));
      else out.push(prevLon + t * (lon - prevLon), value);
    }
    if (isIn) out.push(lon, lat);
    prevLon = lon;
    prevLat = lat;
    prevIn = isIn;
  }
  return out;
}
