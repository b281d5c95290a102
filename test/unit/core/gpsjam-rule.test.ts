import { describe, expect, it } from 'vitest';
import { GpsjamRule } from '../../../src/core/gpsjam-rule.js';
import { cellAt, cellCentre } from '../../../src/core/region/cells.js';
import { type Alert, alertSchema } from '../../../src/schema/alert.js';
import type { Observation } from '../../../src/schema/observation.js';
import { ringOf } from './event/cells.js';
import { crowd, HELSINKI, obs, T0 } from './region/observations.js';

const TICK = 15_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;

function run(rule: GpsjamRule, observations: readonly Observation[], until: number, alerts: Alert[] = []): Alert[] {
  const emit = (a: Alert) => alerts.push(alertSchema.parse(a));
  for (const o of observations) {
    rule.advance(o.t, emit);
    rule.process(o);
  }
  rule.advance(until, emit);
  return alerts;
}

const home = cellAt(HELSINKI.lat, HELSINKI.lon, 4);

describe("gpsjam.org's rule", () => {
  it('is red from (bad − 1)/(bad + good) ≥ 10 %, with no minimum count', () => {
    expect(run(new GpsjamRule(), crowd(T0, 18, 2), T0 + TICK)).toEqual([]); // 1/20 = 5 %: yellow
    const red = run(new GpsjamRule(), crowd(T0, 17, 3), T0 + TICK); // 2/20 = 10 %: red
    expect(red.map((a) => a.status)).toEqual(['open']);
    expect(red[0]!.kind).toBe('jamming');
    expect(red[0]!.severity).toBe('high');
    expect(red[0]!.score).toBe(0);
    expect(red[0]!.emitter).toBeUndefined();
    expect(red[0]!.evidence.find((e) => e.code === 'GPSJAM_RATIO')!.value).toBeCloseTo(0.1, 4);
    expect(red[0]!.area.cells).toEqual([home]);
  });

  it('groups touching red cells into one alert, and keeps a far one apart', () => {
    const next = ringOf(home, 1)[0]!;
    const nextAt = cellCentre(next);
    const observations = [
      ...crowd(T0, 5, 5, HELSINKI, 'a'),
      ...crowd(T0, 5, 5, { lat: nextAt.lat, lon: nextAt.lon }, 'b'),
      ...crowd(T0, 5, 5, { lat: 40, lon: 0 }, 'c'),
    ];
    const alerts = run(new GpsjamRule(), observations, T0 + TICK);
    expect(alerts).toHaveLength(2);
    expect(alerts.find((a) => a.area.cells.includes(home))!.area.cells).toEqual([home, next].sort());
  });

  it('has no hysteresis: resolved on the first tick without red', () => {
    const rule = new GpsjamRule();
    const alerts = run(rule, crowd(T0, 5, 5), T0 + TICK);
    // The bad craft recover; the window now holds only good statuses.
    run(rule, crowd(T0 + TICK + 1000, 10, 0), T0 + 3 * TICK, alerts);
    expect(alerts.map((a) => a.status)).toEqual(['open', 'resolved']);
    expect(alerts[1]!.endedAt).toBe(new Date(T0 + TICK).toISOString());
  });

  it('in day mode counts a craft bad if it was ever affected that day, and alerts at midnight', () => {
    const day = Math.floor(T0 / DAY) * DAY;
    const rule = new GpsjamRule({ window: 'day' });
    const observations: Observation[] = [];
    for (let i = 0; i < 10; i++) {
      const id = `icao:d0000${i}`;
      observations.push(obs({ t: day + HOUR, id, status: i < 2 ? 'degraded' : 'good' }));
      observations.push(obs({ t: day + 5 * HOUR, id, status: 'good' }));
    }
    const before = run(rule, observations, day + DAY - 1);
    expect(before).toEqual([]);
    const alerts = run(rule, [], day + DAY + MINUTE, before);
    expect(alerts.map((a) => a.status)).toEqual(['open', 'resolved']);
    expect(alerts[0]!.startedAt).toBe(new Date(day).toISOString());
    expect(alerts[1]!.endedAt).toBe(new Date(day + DAY).toISOString());
    expect(alerts[1]!.affected.aircraft).toBe(2);
    expect(alerts[1]!.observed.aircraft).toBe(10);
  });
});
