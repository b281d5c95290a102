import { cellCentre, cellsWithin } from '../core/region/cells.js';
import type { LatLon } from './map-view.js';

/**
 * The corners of a grid cell, for drawing it. The grid module gives centres and neighbours; in a hexagonal grid
 * each corner is where a cell meets two adjacent neighbours, so it is taken as the mean of those three centres.
 * Two adjacent cells compute their shared corners from the same three centres, so the outlines meet without gaps
 * (the exact H3 corner lies within about a km of it at resolution 4, far below what the map shows).
 */
export function cellOutline(cell: string): LatLon[] {
  const centre = cellCentre(cell);
  const shrink = Math.cos((centre.lat * Math.PI) / 180);
  const around = cellsWithin(cell, 1)
    .filter((other) => other !== cell)
    .map((other) => {
      const c = cellCentre(other);
      // Unwrap across the antimeridian so that a neighbour is always on the near side.
      const lon = centre.lon + wrap180(c.lon - centre.lon);
      return { lat: c.lat, lon, angle: Math.atan2(c.lat - centre.lat, (lon - centre.lon) * shrink) };
    })
    .sort((a, b) => a.angle - b.angle);
  return around.map((a, i) => {
    const b = around[(i + 1) % around.length]!;
    return { lat: (centre.lat + a.lat + b.lat) / 3, lon: (centre.lon + a.lon + b.lon) / 3 };
  });
}

function wrap180(degrees: number): number {
  return ((((degrees + 180) % 360) + 360) % 360) - 180;
}
