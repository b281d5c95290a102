import { describe, expect, it } from 'vitest';
import { bearingDeg, destination, distanceKm, interpolate, offsetKm } from '../../../src/core/geodesy.js';
import { radioHorizonKm } from '../../../src/core/radio-horizon.js';
import { effectiveReachKm, reachFromPowerKm } from '../../../src/sim/radio.js';

describe('geometry', () => {
  it('measures great-circle distances', () => {
    // Helsinki-Vantaa to Stockholm-Arlanda: about 398 km.
    expect(distanceKm(60.3172, 24.9633, 59.6519, 17.9186)).toBeCloseTo(398, -1);
  });

  it('goes to a destination and back', () => {
    const p = destination(54.65, 19.9, 37, 120);
    expect(distanceKm(54.65, 19.9, p.lat, p.lon)).toBeCloseTo(120, 6);
    expect(bearingDeg(54.65, 19.9, p.lat, p.lon)).toBeCloseTo(37, 6);
    const q = offsetKm(54.65, 19.9, 3, -4);
    expect(distanceKm(54.65, 19.9, q.lat, q.lon)).toBeCloseTo(5, 2);
    const mid = interpolate(54, 18, 56, 22, 0.5);
    expect(distanceKm(54, 18, mid.lat, mid.lon)).toBeCloseTo(distanceKm(mid.lat, mid.lon, 56, 22), 6);
  });
});

describe('radio reach', () => {
  it('follows 4.12·(√h_tx + √h_rx) km', () => {
    expect(radioHorizonKm(30, 10)).toBeCloseTo(4.12 * (Math.sqrt(30) + Math.sqrt(10)), 9);
    expect(radioHorizonKm(30, 11_000)).toBeGreaterThan(450);
  });

  it('lets aircraft at altitude see a jammer from far and ships only nearby', () => {
    const aircraft = effectiveReachKm(300, 30, 11_000);
    const ship = effectiveReachKm(300, 30, 10);
    expect(aircraft).toBe(300);
    expect(ship).toBeGreaterThan(15);
    expect(ship).toBeLessThan(40);
    expect(ship).toBeLessThan(aircraft);
  });

  it('derives a reach from transmit power (free space at L1 to −90 dBm)', () => {
    expect(reachFromPowerKm(100)).toBeGreaterThan(100);
    expect(reachFromPowerKm(100)).toBeLessThan(200);
    // Ten times the power, √10 times the reach.
    expect(reachFromPowerKm(1000) / reachFromPowerKm(100)).toBeCloseTo(Math.sqrt(10), 6);
  });
});
