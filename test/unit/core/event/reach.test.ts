import { describe, expect, it } from 'vitest';
import type { EmitterEstimate } from '../../../../src/core/event/emitter-fit.js';
import { anchors, reachDepth } from '../../../../src/core/event/reach.js';

const estimate = (errorKm: number, reachKm: number): EmitterEstimate =>
  ({ lat: 55, lon: 20, errorKm, reachKm, craft: 40, affected: 20 }) as EmitterEstimate;

describe('joining by reach', () => {
  it('anchors on a fit whose error radius is a small share of its reach', () => {
    expect(anchors(estimate(30, 300), 0.5)).toBe(true);
    expect(anchors(estimate(150, 300), 0.5)).toBe(true);
    expect(anchors(estimate(151, 300), 0.5)).toBe(false);
    expect(anchors(estimate(1, 300), 0)).toBe(false);
  });

  it('gives how deep the nearest point lies inside the reach, none outside it', () => {
    const anchor = { lat: 55, lon: 20, reachKm: 200 };
    // 1° of latitude is 111.2 km
    expect(reachDepth(anchor, [{ lat: 56, lon: 20 }])).toBeCloseTo(111.19 / 200, 3);
    expect(reachDepth(anchor, [{ lat: 57, lon: 20 }])).toBeUndefined();
    expect(
      reachDepth(anchor, [
        { lat: 57, lon: 20 },
        { lat: 55.5, lon: 20 },
      ]),
    ).toBeCloseTo(55.6 / 200, 2);
    expect(reachDepth(anchor, [])).toBeUndefined();
  });
});
