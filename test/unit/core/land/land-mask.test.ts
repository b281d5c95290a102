import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLandMask, type GridLandMask } from '../../../../src/core/land/land-mask.js';
import { ringsOf, topologySchema } from '../../../../src/core/land/topojson.js';

const atlas = (name: string) =>
  JSON.parse(readFileSync(createRequire(import.meta.url).resolve(`world-atlas/${name}`), 'utf8'));

/** A hand-made topology: a 2° × 2° island at 10–12 N, 20–22 E with a 0.5° lake, quantised with a transform. */
const island = {
  type: 'Topology',
  transform: { scale: [0.5, 0.5], translate: [20, 10] },
  arcs: [
    [
      [0, 0],
      [4, 0],
      [0, 4],
      [-4, 0],
      [0, -4],
    ],
    [
      [2, 2],
      [0, 1],
      [1, 0],
      [0, -1],
      [-1, 0],
    ],
  ],
  objects: { land: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[0], [1]] }] } },
};

describe('TopoJSON rings', () => {
  it('decodes quantised, delta-encoded arcs and reversed arc indexes', () => {
    const topology = topologySchema.parse({ ...island, objects: { land: { type: 'Polygon', arcs: [[0], [~1]] } } });
    const [outer, hole] = ringsOf(topology, 'land');
    expect(Array.from(outer!)).toEqual([20, 10, 22, 10, 22, 12, 20, 12, 20, 10]);
    expect(Array.from(hole!)).toEqual([21, 11, 21.5, 11, 21.5, 11.5, 21, 11.5, 21, 11]);
  });

  it('rejects what is not a topology, and a missing object', () => {
    expect(() => buildLandMask({ type: 'FeatureCollection' })).toThrow();
    expect(() => buildLandMask(island, { object: 'countries' })).toThrow(/no object "countries"/);
  });
});

describe('GridLandMask on a hand-made island', () => {
  const mask = buildLandMask(island, { gridDeg: 0.02, marginKm: 20 });

  it('fills the island and leaves its lake and the sea as water', () => {
    expect(mask.isLand(11.9, 20.1)).toBe(true);
    expect(mask.isLand(11.25, 21.25)).toBe(false); // the lake
    expect(mask.isLand(9.9, 21)).toBe(false);
    expect(mask.isLand(11, 22.1)).toBe(false);
  });

  it('keeps a coastal margin: inland only 20 km from any water', () => {
    expect(mask.isInland(10.5, 20.5)).toBe(true); // 55 km from the sea, 60 km from the lake
    expect(mask.isInland(10.1, 21)).toBe(false); // 11 km from the shore
    expect(mask.isInland(10.95, 21.25)).toBe(false); // 5 km from the lake shore
    expect(mask.isLand(10.1, 21)).toBe(true);
  });
});

describe('GridLandMask from Natural Earth 1:50m (world-atlas land-50m)', () => {
  let mask: GridLandMask;
  beforeAll(() => {
    mask = buildLandMask(atlas('land-50m.json'));
  });

  it('knows open sea from continents', () => {
    for (const [lat, lon] of [
      [40, -40], // Atlantic
      [57, 19], // Baltic
      [25.5, 57], // Gulf of Oman
      [55, 3], // North Sea
      [42, 51], // Caspian
    ] as const) {
      expect(mask.isLand(lat, lon), `${lat},${lon}`).toBe(false);
    }
    for (const [lat, lon] of [
      [23, 10], // Sahara
      [55.75, 37.6], // Moscow
      [49.84, 24.03], // Lviv
      [-80, 0], // Antarctica
      [72, -40], // Greenland
      [-17.8, 178], // Viti Levu, next to the antimeridian
    ] as const) {
      expect(mask.isInland(lat, lon), `${lat},${lon}`).toBe(true);
    }
  });

  it('keeps coastal ports and approaches out of "inland" with its 10 km margin', () => {
    expect(mask.isInland(51.27, 4.35)).toBe(false); // Antwerp
    expect(mask.isInland(60.39, 5.32)).toBe(false); // Bergen
    expect(mask.isInland(1.26, 103.82)).toBe(false); // Singapore
    expect(mask.isInland(44.57, 38.02)).toBe(false); // Gelendzhik
  });

  it('has no rivers or lakes: river ports read as inland (why the rule wants a step ashore)', () => {
    expect(mask.isInland(53.54, 9.97)).toBe(true); // Hamburg, on the Elbe
    expect(mask.isInland(41.9, -87.5)).toBe(true); // Lake Michigan
  });
});
