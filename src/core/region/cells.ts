import {
  cellToChildren,
  cellToLatLng,
  cellToParent,
  getHexagonEdgeLengthAvg,
  getResolution,
  gridDisk,
  isValidCell,
  latLngToCell,
} from 'h3-js';

/**
 * The H3 cells the detection core counts in: the only module that imports h3-js, so the grid could be swapped in
 * one place. Res 4 (≈1,770 km², edge ≈ 22.6 km) is what gpsjam.org and Stanford publish at.
 */
export interface CellCentre {
  readonly lat: number;
  readonly lon: number;
  readonly res: number;
}

export function isCell(cell: string): boolean {
  return isValidCell(cell);
}

export function cellCentre(cell: string): CellCentre {
  const [lat, lon] = cellToLatLng(cell);
  return { lat, lon, res: getResolution(cell) };
}

export function cellResolution(cell: string): number {
  return getResolution(cell);
}

export function cellAt(lat: number, lon: number, res: number): string {
  return latLngToCell(lat, lon, res);
}

/** The cell and every cell within `rings` grid steps of it. */
export function cellsWithin(cell: string, rings: number): string[] {
  return gridDisk(cell, rings);
}

/** Distance from a cell's centre to its corners, on average (a hexagon's circumradius equals its edge). */
export function cellRadiusKm(res: number): number {
  return getHexagonEdgeLengthAvg(res, 'km');
}

/**
 * The key a cell's observations are grouped by: its parent at `poolResolution` (the pool scored with it), or the cell
 * itself when pooling is off or the cell is already that coarse. A valid H3 cell is assumed.
 */
export function poolOf(cell: string, poolResolution: number): string {
  if (poolResolution <= 0) return cell;
  return getResolution(cell) > poolResolution ? cellToParent(cell, poolResolution) : cell;
}

/** The cells of resolution `res` whose parent is `pool`. */
export function cellsOfPool(pool: string, res: number): string[] {
  return cellToChildren(pool, res);
}
