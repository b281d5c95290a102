import { cellToBoundary, cellToLatLng, latLngToCell } from 'h3-js';
import { KM_PER_DEG, nearDistanceKm } from '../geodesy.js';

/**
 * The H3 cell of a craft, with a per-craft cache. h3-js costs about 1.4 µs a call (measured on this machine), so the
 * cell is computed only when an observation is about to be sent, and not even then while the craft is still inside
 * a disc round its last cell's centre that lies wholly within that cell: 90 % of the distance from the centre to the
 * nearest edge, which absorbs the error of the flat approximation over one cell. The inscribed disc covers about
 * 90 % of a hexagon, so most observations reuse the cached cell; only near an edge, or in a new cell, is h3-js asked.
 * A shared cache of cell boundaries would avoid even those calls, but costs ~400 bytes per cell with traffic.
 */
export const CELL_SAFE_FRACTION = 0.9;

/** What a craft keeps for the locator: its last cell, that cell's centre and its safe radius (NaN: none yet). */
export interface CellCache {
  cell: string;
  cellLat: number;
  cellLon: number;
  cellSafeKm: number;
}

/** Where the cell ids already held live, so that craft in one cell share one string (~32 bytes each otherwise). */
export interface CellIds {
  /** The id string already held for `cell`, else `cell` itself. */
  shared(cell: string): string;
}

export function locateCell(s: CellCache, lat: number, lon: number, resolution: number, ids?: CellIds): string {
  if (nearDistanceKm(s.cellLat, s.cellLon, lat, lon) < s.cellSafeKm) return s.cell;
  const cell = latLngToCell(lat, lon, resolution);
  if (cell !== s.cell) {
    const [cLat, cLon] = cellToLatLng(cell);
    s.cell = ids === undefined ? cell : ids.shared(cell);
    s.cellLat = cLat;
    s.cellLon = cLon;
    s.cellSafeKm = CELL_SAFE_FRACTION * innerRadiusKm(cell, cLat, cLon);
  }
  return s.cell;
}

/** Distance from the cell's centre to the nearest point of its boundary, km, in a local flat projection. */
export function innerRadiusKm(cell: string, cLat: number, cLon: number): number {
  const boundary = cellToBoundary(cell);
  const kx = Math.cos((cLat * Math.PI) / 180) * KM_PER_DEG;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < boundary.length; i++) {
    const a = boundary[i]!;
    const b = boundary[(i + 1) % boundary.length]!;
    const d = originToSegment(
      wrapLon(a[1] - cLon) * kx,
      (a[0] - cLat) * KM_PER_DEG,
      wrapLon(b[1] - cLon) * kx,
      (b[0] - cLat) * KM_PER_DEG,
    );
    if (d < min) min = d;
  }
  return min;
}

function wrapLon(d: number): number {
  return d > 180 ? d - 360 : d < -180 ? d + 360 : d;
}

function originToSegment(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  const x = ax + u * dx;
  const y = ay + u * dy;
  return Math.sqrt(x * x + y * y);
}
