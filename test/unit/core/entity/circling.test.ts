import { describe, expect, it } from 'vitest';
import { Slab } from '../../../../src/collections/slab.js';
import {
  CIRCLING_LAYOUT,
  CIRCLING_MAX_SPAN_KM,
  CIRCLING_MIN_TURN_DEG,
  CIRCLING_WINDOW_MS,
  CirclingState,
  isCircling,
} from '../../../../src/core/entity/circling.js';
import { destination } from '../../../../src/core/geodesy.js';

const limits = { minTurnDeg: CIRCLING_MIN_TURN_DEG, maxSpanKm: CIRCLING_MAX_SPAN_KM, windowMs: CIRCLING_WINDOW_MS };

/** Positions on a circle of `radiusKm` round (lat, lon), `stepDeg` apart, one every `everyMs`. */
function circle(turns: number, radiusKm: number, stepDeg: number, everyMs: number) {
  const out: Array<{ lat: number; lon: number; t: number }> = [];
  const p = { lat: 0, lon: 0 };
  for (let a = 0, i = 0; a <= turns * 360; a += stepDeg, i++) {
    destination(25.3, 56.4, a, radiusKm, p);
    out.push({ lat: p.lat, lon: p.lon, t: i * everyMs });
  }
  return out;
}

function feed(points: Array<{ lat: number; lon: number; t: number }>): { state: CirclingState; circling: boolean } {
  const rows = new Slab(CIRCLING_LAYOUT);
  const state = new CirclingState().at(rows, rows.take());
  let circling = false;
  for (const p of points) {
    state.add(p.lat, p.lon, p.t, limits);
    circling ||= isCircling(state, p.t, limits);
  }
  return { state, circling };
}

describe('circling vessels', () => {
  it('three turns round a 2 km circle are circling', () => {
    const { state, circling } = feed(circle(3, 2, 10, 30_000));
    expect(circling).toBe(true);
    expect(Math.abs(state.turnDeg)).toBeGreaterThanOrEqual(720);
  });

  it('one turn is not (a purse seiner sets its net once)', () => {
    expect(feed(circle(1, 2, 10, 30_000)).circling).toBe(false);
  });

  it('circles wider than the box, or too slow for the window, are not', () => {
    expect(feed(circle(3, 8, 10, 30_000)).circling).toBe(false);
    expect(feed(circle(3, 2, 10, 200_000)).circling).toBe(false);
  });

  it('jitter of an anchored ship (random bearings) restarts instead of adding up', () => {
    const points: Array<{ lat: number; lon: number; t: number }> = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 2000; i++)
      points.push({ lat: 25.3 + random() * 0.003, lon: 56.4 + random() * 0.003, t: i * 10_000 });
    expect(feed(points).circling).toBe(false);
  });
});
