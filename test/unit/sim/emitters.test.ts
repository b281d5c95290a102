import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../../src/core/geodesy.js';
import { parseScenario } from '../../../src/schema/scenario.js';
import { activeWindow, compileEmitters, emitterPosition, spoofTarget } from '../../../src/sim/emitters.js';
import { reachFromPowerKm } from '../../../src/sim/radio.js';
import { simulate } from '../../../src/sim/simulation.js';
import { loadScenario } from './fixtures.js';

const T0 = Date.parse('2026-01-10T16:00:00Z');

function scenarioWith(jammer: Record<string, unknown>) {
  const demo = loadScenario('demo');
  return parseScenario({
    ...demo,
    durationMin: 12,
    jammers: [{ id: 'j', lat: 54.65, lon: 19.9, on: [{ fromMin: 2, toMin: 10 }], ...jammer }],
  });
}

describe('emitters', () => {
  it('numbers events per on-window, spoofers first, and knows when each is on', () => {
    const emitters = compileEmitters(loadScenario('baltic-jamming'));
    expect(emitters.map((e) => [e.id, e.firstEvent, e.windows.length])).toEqual([['kaliningrad', 0, 2]]);
    const e = emitters[0]!;
    expect(activeWindow(e, T0 + 19 * 60_000)).toBe(-1);
    expect(activeWindow(e, T0 + 20 * 60_000)).toBe(0);
    expect(activeWindow(e, T0 + 110 * 60_000)).toBe(-1);
    expect(activeWindow(e, T0 + 150 * 60_000)).toBe(1);
    const med = compileEmitters(loadScenario('black-sea-teleport'));
    expect(med.map((m) => [m.id, m.kind, m.firstEvent])).toEqual([
      ['novorossiysk', 'spoofing', 0],
      ['sochi-circles', 'spoofing', 1],
    ]);
  });

  it('derives the reach from the power when no reach is given', () => {
    const [e] = compileEmitters(scenarioWith({ powerW: 200 }));
    expect(e!.reachKm).toBeCloseTo(reachFromPowerKm(200), 9);
  });

  it('moves along its track and the truth records the track', () => {
    const scenario = scenarioWith({
      reachKm: 150,
      track: [
        { atMin: 0, lat: 54.65, lon: 19.0 },
        { atMin: 12, lat: 54.65, lon: 21.4 },
      ],
    });
    const [e] = compileEmitters(scenario);
    const mid = emitterPosition(e!, T0 + 6 * 60_000);
    expect(mid.lon).toBeCloseTo(20.2, 9);
    expect(emitterPosition(e!, T0 - 60_000).lon).toBe(19.0);
    expect(emitterPosition(e!, T0 + 60 * 60_000).lon).toBe(21.4);
    const event = simulate(scenario).truth.events[0]!;
    expect(event.emitter.lon).toBeCloseTo(19.4, 9);
    expect(event.track).toHaveLength(9);
    expect(event.track!.at(-1)!.lon).toBeCloseTo(21.0, 9);
  });

  it('places spoofed craft at the target, or at the emitter shifted by the offset', () => {
    const base = { id: 's', lat: 44, lon: 38, reachKm: 50, on: [{ fromMin: 0, toMin: 5 }] };
    const demo = loadScenario('demo');
    const point = parseScenario({ ...demo, spoofers: [{ ...base, mode: 'point', target: { lat: 45, lon: 39 } }] });
    expect(spoofTarget(point.spoofers[0]!)).toEqual({ lat: 45, lon: 39 });
    const offset = parseScenario({
      ...demo,
      spoofers: [{ ...base, mode: 'offset', offsetKm: { east: 30, north: 40 } }],
    });
    const p = spoofTarget(offset.spoofers[0]!);
    expect(distanceKm(44, 38, p.lat, p.lon)).toBeCloseTo(50, 0);
    expect(() => parseScenario({ ...demo, spoofers: [{ ...base, mode: 'point' }] })).toThrow(/need a target/);
  });
});
