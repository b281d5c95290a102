import { describe, expect, it } from 'vitest';
import { clipRing } from '../../../src/report/clip-ring.js';

const BOX = { south: 0, north: 10, west: 0, east: 10 };

function pairs(flat: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

/** Shoelace area of an interleaved lon/lat ring. */
function area(flat: number[]): number {
  const p = pairs(flat);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const [x1, y1] = p[i]!;
    const [x2, y2] = p[(i + 1) % p.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

describe('clipRing', () => {
  it('keeps a ring inside the box as it is', () => {
    const ring = [1, 1, 5, 1, 5, 5, 1, 5];
    expect(clipRing(ring, BOX)).toEqual(ring);
  });

  it('drops a ring outside the box', () => {
    expect(clipRing([20, 20, 30, 20, 30, 30], BOX)).toEqual([]);
  });

  it('cuts a ring that crosses the box to the part inside, corners on the sides', () => {
    // A 20 × 20 square centred on the box's south-west corner: a quarter of it is inside.
    const clipped = clipRing(Float64Array.from([-10, -10, 10, -10, 10, 10, -10, 10]), BOX);
    expect(area(clipped)).toBeCloseTo(100, 9);
    for (const [lon, lat] of pairs(clipped)) {
      expect(lon).toBeGreaterThanOrEqual(0);
      expect(lat).toBeGreaterThanOrEqual(0);
    }
  });

  it('interpolates the crossing points along the cut edges', () => {
    // A triangle with its tip beyond the east side at lon 20: the cut at lon 10 is half way up its slopes.
    const clipped = pairs(clipRing([0, 2, 20, 5, 0, 8], BOX));
    expect(clipped).toContainEqual([10, 3.5]);
    expect(clipped).toContainEqual([10, 6.5]);
  });
});
