import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { type CellCache, innerRadiusKm, locateCell } from '../../../../src/core/entity/cell-locator.js';
import { destination } from '../../../../src/core/geodesy.js';

const empty = (): CellCache => ({ cell: '', cellLat: Number.NaN, cellLon: Number.NaN, cellSafeKm: Number.NaN });

describe('locateCell', () => {
  it('always agrees with h3 latLngToCell, along tracks that cross many cells (pentagon, antimeridian, far north)', () => {
    const p = { lat: 0, lon: 0 };
    for (const [lat, lon, track] of [
      [60.3, 24.9, 200],
      [47.4, 22.9, 325],
      [-33.9, 151.2, 80],
      [0.1, 179.7, 90],
      [78, 15, 10],
      [64.5, 10.2, 45], // through the resolution-4 pentagon 8408001ffffffff (64.70 N 10.54 E, Norwegian Sea)
    ] as const) {
      const craft = empty();
      for (let km = 0; km < 800; km += 0.37) {
        destination(lat, lon, track, km, p);
        expect(locateCell(craft, p.lat, p.lon, 4)).toBe(latLngToCell(p.lat, p.lon, 4));
      }
    }
  });

  it('takes the id string from the ones already held, once per change of cell', () => {
    const asked: string[] = [];
    const ids = {
      shared: (cell: string) => {
        asked.push(cell);
        return cell;
      },
    };
    const a = empty();
    const here = latLngToCell(60.3, 24.9, 4);
    const there = latLngToCell(61.5, 24.9, 4);
    expect(locateCell(a, 60.3, 24.9, 4, ids)).toBe(here);
    expect(locateCell(a, 60.301, 24.901, 4, ids)).toBe(here);
    expect(locateCell(a, 61.5, 24.9, 4, ids)).toBe(there);
    expect(asked).toEqual([here, there]);
  });

  it('random points are never put in the wrong cell', () => {
    let seed = 99;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const craft = empty();
    for (let i = 0; i < 20_000; i++) {
      const lat = 47 + random() * 0.6;
      const lon = 22 + random() * 0.9;
      expect(locateCell(craft, lat, lon, 4)).toBe(latLngToCell(lat, lon, 4));
    }
  });

  it('the safe radius lies inside the cell: about 80–90 % of the edge length at resolution 4', () => {
    const cell = latLngToCell(47.4, 22.9, 4);
    const r = innerRadiusKm(cell, 47.32089767270141, 23.122624245999123);
    expect(r).toBeGreaterThan(17);
    expect(r).toBeLessThan(26);
  });
});
