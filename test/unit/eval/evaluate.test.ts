import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../../src/core/geodesy.js';
import { collectAlerts } from '../../../src/eval/alert-history.js';
import { evaluate } from '../../../src/eval/evaluate.js';
import { DEFAULT_MATCH_OPTIONS, mismatch } from '../../../src/eval/match.js';
import { alert, iso, jammingEvent, spoofingEvent, truth } from './fixtures.js';

const jam = jammingEvent();

describe('matching an alert to an event', () => {
  it('finds an event with an alert of the same kind, in time, near the emitter', () => {
    const r = evaluate(truth([jam]), [alert('a1', 'jamming', 54.4, 19.0, 23)]);
    expect(r.events[0]).toMatchObject({ id: 'kaliningrad#1', found: true, alerts: ['a1'], timeToFirstAlertS: 180 });
    expect(r.totals).toMatchObject({ events: 1, found: 1, recall: 1, falseAlerts: 0, alerts: 1, matchedAlerts: 1 });
  });

  it('does not count an alert of the other kind, and calls it false', () => {
    const r = evaluate(truth([jam]), [alert('a1', 'spoofing', 54.4, 19.0, 23)]);
    expect(r.events[0]!.found).toBe(false);
    expect(r.totals.falseAlerts).toBe(1);
    expect(r.falseAlerts[0]!.reason).toMatch(/kind spoofing, event is jamming/);
  });

  it('accepts up to radius + 100 km from the emitter and no further', () => {
    const limit = jam.radiusKm + 100;
    // Points due north of the emitter: 1° of latitude ≈ 111.2 km.
    const near = jam.emitter.lat + (limit - 5) / 111.19;
    const far = jam.emitter.lat + (limit + 5) / 111.19;
    expect(distanceKm(near, jam.emitter.lon, jam.emitter.lat, jam.emitter.lon)).toBeLessThan(limit);
    expect(evaluate(truth([jam]), [alert('a', 'jamming', near, jam.emitter.lon, 30)]).events[0]!.found).toBe(true);
    const r = evaluate(truth([jam]), [alert('a', 'jamming', far, jam.emitter.lon, 30)]);
    expect(r.events[0]!.found).toBe(false);
    expect(r.falseAlerts[0]!.reason).toMatch(/40\d km away, limit 400 km/);
  });

  it('accepts an alert whose emitter is near even when its centre is not', () => {
    const a = alert('a', 'jamming', 60, 25, 30, { emitter: { lat: 54.7, lon: 20.0, errorKm: 20 } });
    const r = evaluate(truth([jam]), [a]);
    expect(r.events[0]!.found).toBe(true);
    expect(r.events[0]!.emitterErrorKm).toBeCloseTo(distanceKm(54.7, 20.0, 54.65, 19.9), 6);
    expect(r.events[0]!.withinClaimedError).toBe(true);
  });

  it('matches a spoofing alert at the spoof target as well as at the emitter', () => {
    const sp = spoofingEvent({ radiusKm: 10 });
    // 150 km from the emitter, at the target: within 10 + 100 km of the target only.
    expect(evaluate(truth([sp]), [alert('a', 'spoofing', 33.82, 35.49, 30)]).events[0]!.found).toBe(true);
    expect(evaluate(truth([sp]), [alert('a', 'spoofing', 35.5, 35.49, 30)]).events[0]!.found).toBe(false);
  });

  it('allows ten minutes either side of the event and no more', () => {
    const within = alert('a', 'jamming', 54.6, 19.8, 118, { from: 118 });
    const late = alert('b', 'jamming', 54.6, 19.8, 121, { from: 121 });
    const early = alert('c', 'jamming', 54.6, 19.8, 9, { from: 5, ended: 9 });
    expect(mismatch(collectAlerts([within])[0]!, jam, DEFAULT_MATCH_OPTIONS)).toBeUndefined();
    expect(mismatch(collectAlerts([late])[0]!, jam, DEFAULT_MATCH_OPTIONS)).toBe('time');
    expect(mismatch(collectAlerts([early])[0]!, jam, DEFAULT_MATCH_OPTIONS)).toBe('time');
    const r = evaluate(truth([jam]), [late]);
    expect(r.events[0]!.found).toBe(false);
    expect(r.falseAlerts[0]!.reason).toMatch(/outside the event's time ± 10 min/);
  });

  it('uses the latest state of an alert for its span and place', () => {
    // First message far away and before the event; the latest has moved near the emitter and lasts into the event.
    const first = alert('a', 'jamming', 40, 0, 12, { from: 12 });
    const latest = alert('a', 'jamming', 54.6, 19.8, 40, { from: 12, status: 'update' });
    const r = evaluate(truth([jam]), [first, latest]);
    expect(r.events[0]!.found).toBe(true);
    expect(r.totals.alerts).toBe(1);
  });

  it('times the first alert from the first message of each id, and counts 0 when already open', () => {
    const a1 = alert('a', 'jamming', 54.6, 19.8, 26);
    const a2 = alert('a', 'jamming', 54.6, 19.8, 35, { status: 'update' });
    const b = alert('b', 'jamming', 54.5, 19.7, 24);
    const r = evaluate(truth([jam]), [a1, b, a2]);
    expect(r.events[0]).toMatchObject({ alerts: ['b', 'a'], timeToFirstAlertS: 240, firstAlertAt: iso(24) });
    const open = alert('c', 'jamming', 54.6, 19.8, 15, { from: 15 });
    expect(evaluate(truth([jam]), [open]).events[0]!.timeToFirstAlertS).toBe(0);
  });
});

describe('the emitter estimate that is scored', () => {
  it('is the most confident of all matching alerts and messages: the smallest claimed error', () => {
    const a1 = [
      alert('a1', 'jamming', 54.6, 19.8, 22, { emitter: { lat: 54.65, lon: 20.3, errorKm: 40 } }),
      alert('a1', 'jamming', 54.6, 19.8, 40, {
        from: 22,
        status: 'update',
        emitter: { lat: 54.65, lon: 20.1, errorKm: 15 },
      }),
    ];
    const a2 = [
      alert('a2', 'jamming', 54.5, 19.7, 25, { emitter: { lat: 54.68, lon: 19.92, errorKm: 6 } }),
      // its latest message claims less: not the one a user would act on
      alert('a2', 'jamming', 54.5, 19.7, 50, {
        from: 25,
        status: 'update',
        emitter: { lat: 54.65, lon: 20.5, errorKm: 25 },
      }),
    ];
    const a3 = alert('a3', 'jamming', 54.6, 19.9, 30);
    const histories = collectAlerts([a1[0]!, a2[0]!, a3, a1[1]!, a2[1]!]);
    expect(histories.map((h) => h.bestEmitter?.errorKm)).toEqual([15, 6, undefined]);
    const r = evaluate(truth([jam]), [a1[0]!, a2[0]!, a3, a1[1]!, a2[1]!]);
    const expected = distanceKm(54.68, 19.92, jam.emitter.lat, jam.emitter.lon);
    expect(r.events[0]).toMatchObject({ found: true, alerts: ['a1', 'a2', 'a3'], claimedErrorKm: 6 });
    expect(r.events[0]!.emitterErrorKm).toBeCloseTo(expected, 9);
    expect(expected).toBeLessThan(6);
    expect(r.events[0]!.withinClaimedError).toBe(true);
    expect(r.totals.medianEmitterErrorKm).toBeCloseTo(expected, 9);
  });

  it('is absent when no matching alert located an emitter', () => {
    const r = evaluate(truth([jam]), [alert('a', 'jamming', 54.6, 19.8, 30)]);
    expect(r.events[0]!.found).toBe(true);
    expect(r.events[0]!.emitterErrorKm).toBeUndefined();
    expect(r.totals.medianEmitterErrorKm).toBeUndefined();
  });
});

describe('totals', () => {
  it('gives recall, false alerts per hour and the medians', () => {
    const second = jammingEvent({ id: 'kaliningrad#2', start: iso(140), end: iso(165) });
    const sp = spoofingEvent({
      start: iso(30),
      end: iso(60),
      affected: { aircraft: 0, vessels: 0, observedAircraft: 0, observedVessels: 0 },
    });
    const alerts = [
      alert('j1', 'jamming', 54.6, 19.8, 22, { emitter: { lat: 54.65, lon: 20.0, errorKm: 5 } }),
      alert('j2', 'jamming', 54.6, 19.8, 146, { emitter: { lat: 54.65, lon: 20.2, errorKm: 5 } }),
      alert('x1', 'jamming', 40.0, 10.0, 50),
      alert('x2', 'spoofing', 45.0, 10.0, 70),
    ];
    const r = evaluate(truth([jam, second, sp], 4), alerts);
    expect(r.totals).toMatchObject({
      events: 3,
      found: 2,
      detectable: 2,
      recallDetectable: 1,
      alerts: 4,
      matchedAlerts: 2,
      falseAlerts: 2,
      falseAlertsPerHour: 0.5,
      medianTimeToFirstAlertS: 240,
    });
    expect(r.totals.recall).toBeCloseTo(2 / 3, 9);
    const e1 = distanceKm(54.65, 20.0, 54.65, 19.9);
    const e2 = distanceKm(54.65, 20.2, 54.65, 19.9);
    expect(r.totals.medianEmitterErrorKm).toBeCloseTo((e1 + e2) / 2, 6);
    expect(r.events[2]).toMatchObject({ id: 'levant#1', found: false, observedCraft: 0 });
  });

  it('counts every alert as false when the truth has no events (the quiet day)', () => {
    const r = evaluate(truth([], 6), [alert('a', 'jamming', 55, 10, 30), alert('b', 'jamming', 56, 11, 200)]);
    expect(r.totals).toMatchObject({ events: 0, recall: 1, falseAlerts: 2 });
    expect(r.totals.falseAlertsPerHour).toBeCloseTo(1 / 3, 9);
    expect(r.falseAlerts[0]!.reason).toBe('no event in the ground truth');
  });

  it('honours other tolerances', () => {
    const late = alert('b', 'jamming', 54.6, 19.8, 125, { from: 125 });
    expect(evaluate(truth([jam]), [late], { timeToleranceMin: 20 }).events[0]!.found).toBe(true);
    expect(evaluate(truth([jam]), [late], { label: 'x' }).label).toBe('x');
  });
});
