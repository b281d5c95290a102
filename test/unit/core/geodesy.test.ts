import { describe, expect, it } from 'vitest';
import {
  bearingDeg,
  destination,
  distanceKm,
  headingDeltaDeg,
  kmAtSpeed,
  nearDistanceKm,
} from '../../../src/core/geodesy.js';

describe('geodesy', () => {
  it('measures the THY9BP jumps', () => {
    expect(distanceKm(47.4368591309, 22.9150772095, 49.6715698242, 23.9820701198)).toBeCloseTo(260.6, 0);
    expect(distanceKm(49.6695556641, 23.8769772178, 53.5785827637, 18.683820452)).toBeCloseTo(563.1, 0);
  });

  it('the fast distance stays within 0.5 % below 500 km and wraps the antimeridian', () => {
    const exact = distanceKm(60.3, 24.9, 59.4, 28.1);
    expect(Math.abs(nearDistanceKm(60.3, 24.9, 59.4, 28.1) - exact) / exact).toBeLessThan(0.005);
    expect(nearDistanceKm(0, 179.9, 0, -179.9)).toBeCloseTo(22.2, 0);
  });

  it('dead-reckons and comes back by the reverse bearing', () => {
    const p = destination(47.44, 22.92, 325, 290, { lat: 0, lon: 0 });
    expect(distanceKm(47.44, 22.92, p.lat, p.lon)).toBeCloseTo(290, 3);
    expect(bearingDeg(47.44, 22.92, p.lat, p.lon)).toBeCloseTo(325, 1);
    expect(destination(0, 179.5, 90, 111.2, { lat: 0, lon: 0 }).lon).toBeCloseTo(-179.5, 1);
  });

  it('turns headings and speeds into numbers', () => {
    expect(headingDeltaDeg(350, 10)).toBe(20);
    expect(headingDeltaDeg(10, 350)).toBe(-20);
    expect(kmAtSpeed(480, 3_600_000)).toBeCloseTo(888.96, 2);
  });
});
