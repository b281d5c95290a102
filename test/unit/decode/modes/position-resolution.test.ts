import { describe, expect, it } from 'vitest';
import {
  AIRBORNE_GRID,
  type CprMessage,
  decodingsAgree,
  distanceMetres,
  type Fix,
  isPair,
  isUsableReference,
  resolvePosition,
  SURFACE_GRID,
} from '../../../../src/decode/modes/position-resolution.js';
import { encodeCpr } from './build-frame.js';

function message(lat: number, lon: number, odd: boolean, time: number, surface = false): CprMessage {
  return { odd, time, ...encodeCpr(lat, lon, odd, surface) };
}

function near(position: { lat: number; lon: number } | undefined, lat: number, lon: number): boolean {
  return position !== undefined && distanceMetres(position, { lat, lon }) < 10;
}

const HELSINKI = { lat: 60.32, lon: 24.83 };

describe('rules', () => {
  it('pairs only opposite formats within the window', () => {
    const even = message(60, 25, false, 0);
    expect(isPair(AIRBORNE_GRID, message(60, 25, true, 10_000), even)).toBe(true);
    expect(isPair(AIRBORNE_GRID, message(60, 25, true, 10_001), even)).toBe(false);
    expect(isPair(AIRBORNE_GRID, message(60, 25, false, 1_000), even)).toBe(false);
    expect(isPair(SURFACE_GRID, message(60, 25, true, 20_000, true), message(60, 25, false, 0, true))).toBe(true);
  });

  it('uses a track as reference for five minutes', () => {
    const track: Fix = { lat: 60, lon: 25, time: 0 };
    expect(isUsableReference(track, 300_000)).toBe(true);
    expect(isUsableReference(track, 300_001)).toBe(false);
    expect(isUsableReference(undefined, 0)).toBe(false);
  });

  it('agrees within metres, not within a zone', () => {
    expect(decodingsAgree({ lat: 60, lon: 25 }, { lat: 60.0001, lon: 25 })).toBe(true);
    expect(decodingsAgree({ lat: 60, lon: 25 }, { lat: 60.01, lon: 25 })).toBe(false);
    expect(decodingsAgree(undefined, { lat: 60, lon: 25 })).toBe(false);
  });
});

describe('airborne resolution', () => {
  it('holds back a first pair without any reference, then confirms it with the next pair', () => {
    const even = message(60.5, 25.5, false, 0);
    const odd = message(60.501, 25.5, true, 500);
    const first = resolvePosition(AIRBORNE_GRID, odd, even, undefined, undefined, undefined);
    expect(first.basis).toBe('unconfirmed');
    expect(first.position).toBeUndefined();
    expect(near(first.candidate, 60.501, 25.5)).toBe(true);
    const next = message(60.502, 25.5, false, 1000);
    const second = resolvePosition(AIRBORNE_GRID, next, odd, undefined, first.candidate, undefined);
    expect(second.basis).toBe('global+candidate');
    expect(near(second.position, 60.502, 25.5)).toBe(true);
    expect(second.position!.time).toBe(1000);
    expect(second.candidate).toBeUndefined();
  });

  it('accepts a first pair at once when it agrees with the receiver', () => {
    const even = message(60.5, 25.5, false, 0);
    const odd = message(60.501, 25.5, true, 500);
    const resolution = resolvePosition(AIRBORNE_GRID, odd, even, undefined, undefined, HELSINKI);
    expect(resolution.basis).toBe('global+receiver');
    expect(near(resolution.position, 60.501, 25.5)).toBe(true);
  });

  it('does not accept a first fix from the receiver when the craft is beyond half a zone', () => {
    // 62.5 N is more than 180 NM from Helsinki (4.4° of latitude away in this direction is beyond 3°).
    const even = message(64.8, 24.8, false, 0);
    const odd = message(64.801, 24.8, true, 500);
    const resolution = resolvePosition(AIRBORNE_GRID, odd, even, undefined, undefined, HELSINKI);
    expect(resolution.basis).toBe('unconfirmed');
    expect(resolution.position).toBeUndefined();
  });

  it('decodes a lone message relative to the craft’s own track', () => {
    const track: Fix = { lat: 60.5, lon: 25.5, time: 0 };
    const lone = message(60.51, 25.52, true, 2_000);
    const resolution = resolvePosition(AIRBORNE_GRID, lone, undefined, track, undefined, undefined);
    expect(resolution.basis).toBe('local-track');
    expect(near(resolution.position, 60.51, 25.52)).toBe(true);
  });

  it('decodes nothing from a lone message without a track', () => {
    const resolution = resolvePosition(
      AIRBORNE_GRID,
      message(60, 25, true, 0),
      undefined,
      undefined,
      undefined,
      HELSINKI,
    );
    expect(resolution).toMatchObject({ basis: 'none', position: undefined });
  });

  it('reports a spoofed jump within half a zone at the first clean pair, never the garbage of the mixed pair', () => {
    // 140 NM (260 km) jump east in one second, as in the noisy_spoofing flight.
    const before = { lat: 47, lon: 19 };
    const after = { lat: 47, lon: 22.43 };
    const track: Fix = { ...before, time: 0 };
    const evenBefore = message(before.lat, before.lon, false, 0);
    const oddAfter = message(after.lat, after.lon, true, 1_000);
    const mixed = resolvePosition(AIRBORNE_GRID, oddAfter, evenBefore, track, undefined, undefined);
    if (mixed.position) expect(near(mixed.position, after.lat, after.lon)).toBe(true);
    const evenAfter = message(after.lat, after.lon, false, 1_500);
    const clean = resolvePosition(
      AIRBORNE_GRID,
      evenAfter,
      oddAfter,
      mixed.position ?? track,
      mixed.candidate,
      undefined,
    );
    expect(near(clean.position, after.lat, after.lon)).toBe(true);
  });

  it('follows a jump larger than half a zone after two agreeing pairs, reporting nothing wrong on the way', () => {
    // 563 km (304 NM) jump north: the old track would alias the new positions.
    const before = { lat: 46, lon: 21 };
    const after = { lat: 51.06, lon: 21 };
    let track: Fix | undefined = { ...before, time: 0 };
    let candidate: Fix | undefined;
    let previous = message(before.lat, before.lon, false, 0);
    const accepted: Fix[] = [];
    for (let i = 1; i <= 6; i++) {
      const current = message(after.lat + i * 0.001, after.lon, i % 2 === 1, i * 500);
      const resolution = resolvePosition(AIRBORNE_GRID, current, previous, track, candidate, undefined);
      candidate = resolution.candidate;
      if (resolution.position) {
        accepted.push(resolution.position);
        track = resolution.position;
      }
      previous = current;
    }
    expect(accepted.length).toBeGreaterThanOrEqual(3);
    for (const position of accepted) expect(distanceMetres(position, after)).toBeLessThan(2_000);
  });

  it('never reports garbage around random jumps, with lost messages, and picks up the new position', () => {
    let seed = 99;
    const next = (): number => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const runs = 3000;
    let garbage = 0;
    let nearOldTrack = 0;
    let neverFollowed = 0;
    for (let n = 0; n < runs; n++) {
      const before = { lat: -60 + 120 * next(), lon: -180 + 360 * next() };
      const distanceKm = 10 + 1500 * next();
      const bearing = 2 * Math.PI * next();
      const after = {
        lat: Math.max(-80, Math.min(80, before.lat + (distanceKm / 111.2) * Math.cos(bearing))),
        lon: before.lon + ((distanceKm / 111.2) * Math.sin(bearing)) / Math.cos((before.lat * Math.PI) / 180),
      };
      if (after.lon > 180) after.lon -= 360;
      if (after.lon < -180) after.lon += 360;
      let track: Fix | undefined;
      let candidate: Fix | undefined;
      const last: (CprMessage | undefined)[] = [undefined, undefined];
      let followed = false;
      for (let i = 0; i < 40; i++) {
        if (i > 2 && next() < 0.3) continue; // lost message
        const where = i < 10 ? before : after;
        const odd = next() < 0.5;
        const current = message(where.lat, where.lon, odd, i * 500);
        const resolution = resolvePosition(AIRBORNE_GRID, current, last[odd ? 0 : 1], track, candidate, undefined);
        last[odd ? 1 : 0] = current;
        candidate = resolution.candidate;
        if (!resolution.position) continue;
        if (distanceMetres(resolution.position, where) < 10) {
          if (i >= 10) followed = true;
        } else if (track && distanceMetres(resolution.position, track) < 10_000) {
          // A jump of almost exactly a whole number of zones (± 3 NM) makes the mixed pair alias next to the old
          // track: one position that looks like no jump at all, never a false one.
          nearOldTrack++;
        } else {
          garbage++;
        }
        track = resolution.position;
      }
      if (!followed) neverFollowed++;
    }
    expect(garbage).toBe(0);
    expect(nearOldTrack).toBeLessThanOrEqual(runs / 1000);
    expect(neverFollowed).toBeLessThanOrEqual(runs / 200);
  });

  it('does not trust the track for a lone message while a disagreeing candidate is pending', () => {
    const track: Fix = { lat: 46, lon: 21, time: 0 };
    const candidate: Fix = { lat: 51.06, lon: 21, time: 900 };
    const lone = message(51.061, 21, true, 1_000);
    const resolution = resolvePosition(AIRBORNE_GRID, lone, undefined, track, candidate, undefined);
    expect(resolution.position).toBeUndefined();
    expect(resolution.candidate).toBe(candidate);
  });

  it('ignores a stale track and a stale candidate', () => {
    const track: Fix = { lat: 60.5, lon: 25.5, time: 0 };
    const lone = message(60.5, 25.5, true, 300_001);
    expect(resolvePosition(AIRBORNE_GRID, lone, undefined, track, track, undefined)).toMatchObject({
      basis: 'none',
      candidate: undefined,
    });
  });
});

describe('surface resolution', () => {
  it('confirms a first surface pair with the receiver and picks the right quadrant', () => {
    const even = message(60.3172, 24.9633, false, 0, true);
    const odd = message(60.3173, 24.9633, true, 1_000, true);
    const resolution = resolvePosition(SURFACE_GRID, odd, even, undefined, undefined, HELSINKI);
    expect(resolution.basis).toBe('global+receiver');
    expect(near(resolution.position, 60.3173, 24.9633)).toBe(true);
  });

  it('does not alias a craft more than 45 NM from the receiver: it waits for a second pair', () => {
    // Heathrow traffic in a feed whose receiver reference is Toulouse (as in the traffic tutorial corpus).
    const toulouse = { lat: 43.629, lon: 1.364 };
    const even = message(51.4749, -0.4727, false, 0, true);
    const odd = message(51.47491, -0.4726, true, 1_000, true);
    const first = resolvePosition(SURFACE_GRID, odd, even, undefined, undefined, toulouse);
    expect(first.position).toBeUndefined();
    expect(near(first.candidate, 51.47491, -0.4726)).toBe(true);
    const next = message(51.47492, -0.4725, false, 2_000, true);
    const second = resolvePosition(SURFACE_GRID, next, odd, undefined, first.candidate, toulouse);
    expect(second.basis).toBe('global+candidate');
    expect(near(second.position, 51.47492, -0.4725)).toBe(true);
  });

  it('cannot decode a surface pair without any reference', () => {
    const even = message(60.3172, 24.9633, false, 0, true);
    const odd = message(60.3173, 24.9633, true, 1_000, true);
    expect(resolvePosition(SURFACE_GRID, odd, even, undefined, undefined, undefined).basis).toBe('none');
  });

  it('decodes a lone surface message relative to the track, even a recent airborne one', () => {
    const track: Fix = { lat: 60.33, lon: 24.95, time: 0 };
    const lone = message(60.3172, 24.9633, false, 60_000, true);
    const resolution = resolvePosition(SURFACE_GRID, lone, undefined, track, undefined, undefined);
    expect(resolution.basis).toBe('local-track');
    expect(near(resolution.position, 60.3172, 24.9633)).toBe(true);
  });
});
