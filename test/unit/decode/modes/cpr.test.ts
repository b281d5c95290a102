import { describe, expect, it } from 'vitest';
import {
  cprNL,
  decodeAirborneGlobal,
  decodeAirborneLocal,
  decodeSurfaceGlobal,
  decodeSurfaceLocal,
} from '../../../../src/decode/modes/cpr.js';
import { distanceMetres } from '../../../../src/decode/modes/position-resolution.js';
import { encodeCpr } from './build-frame.js';

/** Deterministic pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('NL (number of longitude zones)', () => {
  it('follows the table at the equator, mid-latitudes and the poles', () => {
    expect(cprNL(0)).toBe(59);
    expect(cprNL(10)).toBe(59);
    expect(cprNL(52.2572021484375)).toBe(36);
    expect(cprNL(-52.2572021484375)).toBe(36);
    expect(cprNL(60.32)).toBe(29);
    expect(cprNL(86.9)).toBe(2);
    expect(cprNL(87)).toBe(2);
    expect(cprNL(87.1)).toBe(1);
    expect(cprNL(-90)).toBe(1);
  });

  it('never increases towards the poles', () => {
    let previous = 59;
    for (let lat = 0; lat <= 90; lat += 0.01) {
      const nl = cprNL(lat);
      expect(nl).toBeLessThanOrEqual(previous);
      previous = nl;
    }
  });
});

describe('airborne decoding', () => {
  it('decodes the Riddle global example (52.2572, 3.91937)', () => {
    const position = decodeAirborneGlobal(93000, 51372, 74158, 50194, false)!;
    expect(position.lat).toBeCloseTo(52.2572021484375, 10);
    expect(position.lon).toBeCloseTo(3.91937255859375, 10);
  });

  it('decodes the Riddle local example relative to (52.258, 3.918)', () => {
    const position = decodeAirborneLocal(93000, 51372, false, { lat: 52.258, lon: 3.918 })!;
    expect(position.lat).toBeCloseTo(52.2572021484375, 10);
    expect(position.lon).toBeCloseTo(3.91937255859375, 10);
  });

  it('round-trips random positions worldwide through global and local decoding within 5 m', () => {
    const next = random(7);
    for (let n = 0; n < 2000; n++) {
      const lat = -85 + 170 * next();
      const lon = -180 + 360 * next();
      const even = encodeCpr(lat, lon, false);
      const odd = encodeCpr(lat, lon, true);
      const latestOdd = next() < 0.5;
      const global = decodeAirborneGlobal(even.cprLat, even.cprLon, odd.cprLat, odd.cprLon, latestOdd);
      if (global === undefined) continue; // rare: the pair straddles an NL boundary
      expect(distanceMetres(global, { lat, lon })).toBeLessThan(5);
      const reference = { lat: lat + (next() - 0.5) * 4, lon: lon + (next() - 0.5) * 4 };
      const message = latestOdd ? odd : even;
      const local = decodeAirborneLocal(message.cprLat, message.cprLon, latestOdd, reference)!;
      expect(distanceMetres(local, { lat, lon })).toBeLessThan(5);
    }
  });

  it('refuses a pair that straddles a longitude-zone boundary', () => {
    // NL changes from 36 to 35 near 52.5°: an even message north of it, an odd one south of it.
    let boundary = 52;
    while (cprNL(boundary) === 36) boundary += 0.0001;
    const even = encodeCpr(boundary + 0.01, 4, false);
    const odd = encodeCpr(boundary - 0.01, 4, true);
    expect(decodeAirborneGlobal(even.cprLat, even.cprLon, odd.cprLat, odd.cprLon, true)).toBeUndefined();
  });

  it('aliases a whole zone away when the reference is too far (what the cross-checks rely on)', () => {
    const truth = { lat: 60, lon: 25 };
    const message = encodeCpr(truth.lat, truth.lon, false);
    const aliased = decodeAirborneLocal(message.cprLat, message.cprLon, false, { lat: 64, lon: 25 })!;
    expect(distanceMetres(aliased, truth)).toBeGreaterThan(600_000);
  });
});

describe('surface decoding', () => {
  it('decodes the Riddle global example (52.32061, 4.73473) with reference (51.990, 4.375)', () => {
    const position = decodeSurfaceGlobal(115609, 116941, 39199, 110269, true, { lat: 51.99, lon: 4.375 })!;
    expect(position.lat).toBeCloseTo(52.320607072215964, 9);
    expect(position.lon).toBeCloseTo(4.734734671456474, 9);
  });

  it('decodes the Riddle local example (52.320561, 4.735735)', () => {
    const position = decodeSurfaceLocal(39195, 110320, true, { lat: 52.320607, lon: 4.734735 })!;
    expect(position.lat).toBeCloseTo(52.32056051997815, 9);
    expect(position.lon).toBeCloseTo(4.735735212053571, 9);
  });

  it('picks the hemisphere and quadrant nearest the reference, anywhere on Earth', () => {
    const next = random(11);
    for (let n = 0; n < 2000; n++) {
      const lat = -80 + 160 * next();
      const lon = -180 + 360 * next();
      const even = encodeCpr(lat, lon, false, true);
      const odd = encodeCpr(lat, lon, true, true);
      const reference = { lat: lat + (next() - 0.5) * 20, lon: lon + (next() - 0.5) * 20 };
      const global = decodeSurfaceGlobal(even.cprLat, even.cprLon, odd.cprLat, odd.cprLon, false, reference);
      if (global === undefined) continue;
      expect(distanceMetres(global, { lat, lon })).toBeLessThan(2);
    }
  });
});
