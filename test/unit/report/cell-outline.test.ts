import { describe, expect, it } from 'vitest';
import { cellAt, cellCentre, cellRadiusKm, cellsWithin } from '../../../src/core/region/cells.js';
import { cellOutline } from '../../../src/report/cell-outline.js';

const KM_PER_DEG = 111.195;

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = a.lat - b.lat;
  const dLon = (a.lon - b.lon) * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  return Math.hypot(dLat, dLon) * KM_PER_DEG;
}

describe('cellOutline', () => {
  const cell = cellAt(55, 18, 4);

  it('gives a hexagon whose corners lie about one edge length from the centre', () => {
    const corners = cellOutline(cell);
    expect(corners).toHaveLength(6);
    const centre = cellCentre(cell);
    for (const corner of corners) expect(km(corner, centre) / cellRadiusKm(4)).toBeGreaterThan(0.8);
    for (const corner of corners) expect(km(corner, centre) / cellRadiusKm(4)).toBeLessThan(1.2);
  });

  it('shares two corners with each neighbour, so outlines meet without gaps', () => {
    const mine = cellOutline(cell).map((p) => `${p.lat.toFixed(9)},${p.lon.toFixed(9)}`);
    for (const other of cellsWithin(cell, 1).filter((c) => c !== cell)) {
      const theirs = new Set(cellOutline(other).map((p) => `${p.lat.toFixed(9)},${p.lon.toFixed(9)}`));
      expect(mine.filter((p) => theirs.has(p))).toHaveLength(2);
    }
  });

  it('draws a cell on the antimeridian on one side of it', () => {
    const corners = cellOutline(cellAt(0, 179.99, 4));
    const lons = corners.map((p) => p.lon);
    expect(Math.max(...lons) - Math.min(...lons)).toBeLessThan(1);
  });
});
