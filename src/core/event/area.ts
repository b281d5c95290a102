import { median } from 'simple-statistics';
import type { Alert } from '../../schema/alert.js';
import type { AnomalousCell } from '../../schema/cell.js';
import { distanceKm, meanPosition } from '../geodesy.js';
import { cellRadiusKm } from '../region/cells.js';
import { roundDegrees, roundKm } from './alert-message.js';

/**
 * Where an event is: its cells (sorted), their resolution, the spherical mean of their centres and the radius of the
 * circle around that centre that covers every cell (farthest centre plus one cell's circumradius).
 */
export function eventArea(cells: readonly AnomalousCell[]): Alert['area'] {
  const lats = cells.map((c) => c.lat);
  const lons = cells.map((c) => c.lon);
  const center = meanPosition(lats, lons);
  let farthest = 0;
  for (const cell of cells) farthest = Math.max(farthest, distanceKm(center.lat, center.lon, cell.lat, cell.lon));
  const res = cells[0]?.res ?? 0;
  return {
    cells: cells.map((c) => c.cell).sort(),
    resolution: res,
    center: { lat: roundDegrees(center.lat), lon: roundDegrees(center.lon) },
    radiusKm: roundKm(farthest + cellRadiusKm(res)),
  };
}

/**
 * The spoof target: where spoofed craft claim to be. The median of their false positions per coordinate, robust to
 * the odd craft with another false position (spoofers often place every victim at one airport).
 */
export function spoofTarget(cells: readonly AnomalousCell[]): { lat: number; lon: number } | undefined {
  const lats: number[] = [];
  const lons: number[] = [];
  for (const cell of cells) {
    for (const s of cell.samples) {
      if (s.status !== 'spoofed' || s.spoofLat === undefined || s.spoofLon === undefined) continue;
      lats.push(s.spoofLat);
      lons.push(s.spoofLon);
    }
  }
  if (lats.length === 0) return undefined;
  return { lat: median(lats), lon: median(lons) };
}
