import { describe, expect, it } from 'vitest';
import {
  DEDUP_RETAIN_MS,
  DEDUP_SLOTS,
  DEDUP_WINDOW_MS,
  isSameReport,
  ReportDeduplicator,
} from '../../../src/decode/dedup.js';
import type { Report } from '../../../src/schema/report.js';

const T0 = 1_700_000_000_000;

function adsb(t: number, extra: Partial<Report> = {}): Report {
  return {
    schema: 'jamwatch.report/1',
    src: 'adsb',
    id: 'icao:4ca1e3',
    t,
    lat: 54.1,
    lon: 21.6,
    altBaro: 37000,
    ...extra,
  };
}

describe('ReportDeduplicator', () => {
  it('counts the same report heard by several receivers within a second once', () => {
    const dedup = new ReportDeduplicator();
    expect(dedup.isDuplicate(adsb(T0))).toBe(false);
    expect(dedup.isDuplicate(adsb(T0 + 80, { receiver: 'b', nic: 8 }))).toBe(true);
    expect(dedup.isDuplicate(adsb(T0 - 300, { receiver: 'c' }))).toBe(true);
    expect(dedup.duplicates).toBe(2);
  });

  it('keeps reports that differ in craft, position or altitude', () => {
    const dedup = new ReportDeduplicator();
    expect(dedup.isDuplicate(adsb(T0))).toBe(false);
    expect(dedup.isDuplicate(adsb(T0, { id: 'icao:4ca1e4' }))).toBe(false);
    expect(dedup.isDuplicate(adsb(T0, { lat: 54.10001 }))).toBe(false);
    expect(dedup.isDuplicate(adsb(T0, { lon: 21.60001 }))).toBe(false);
    expect(dedup.isDuplicate(adsb(T0, { altBaro: 37025 }))).toBe(false);
    expect(dedup.isDuplicate(adsb(T0, { altBaro: undefined, altGeom: 37000 }))).toBe(true);
  });

  it('keys "no position" reports on craft and altitude', () => {
    const dedup = new ReportDeduplicator();
    const noPos = adsb(T0, { lat: undefined, lon: undefined, posAvailable: false });
    expect(dedup.isDuplicate(noPos)).toBe(false);
    expect(dedup.isDuplicate({ ...noPos, t: T0 + 500 })).toBe(true);
    expect(dedup.isDuplicate({ ...noPos, altBaro: 36000 })).toBe(false);
    // A position report of the same craft is not the same as its "no position" report.
    expect(dedup.isDuplicate(adsb(T0 + 100))).toBe(false);
    const noAlt = adsb(T0, { altBaro: undefined, lat: 1 });
    expect(dedup.isDuplicate(noAlt)).toBe(false);
    expect(dedup.isDuplicate({ ...noAlt, t: T0 + 10 })).toBe(true);
  });

  it('states the rule on numbers: same place, same altitude, times within the window', () => {
    expect(isSameReport(T0, 1, 2, 3, T0 + DEDUP_WINDOW_MS, 1, 2, 3)).toBe(true);
    expect(isSameReport(T0, 1, 2, 3, T0 + DEDUP_WINDOW_MS + 1, 1, 2, 3)).toBe(false);
    expect(isSameReport(T0, 1, 2, 3, Number.NaN, 1, 2, 3)).toBe(false);
  });

  it('remembers the last DEDUP_SLOTS reports of a craft', () => {
    const dedup = new ReportDeduplicator();
    for (let i = 0; i <= DEDUP_SLOTS; i++) expect(dedup.isDuplicate(adsb(T0 + i, { lat: i }))).toBe(false);
    // The first one was overwritten; the others are still there.
    expect(dedup.isDuplicate(adsb(T0 + 50, { lat: 0 }))).toBe(false);
    expect(dedup.isDuplicate(adsb(T0 + 50, { lat: DEDUP_SLOTS }))).toBe(true);
  });

  it('lets a repeated (frozen) report through once per window', () => {
    const dedup = new ReportDeduplicator();
    const kept: number[] = [];
    for (let t = T0; t < T0 + 5000; t += 500) if (!dedup.isDuplicate(adsb(t))) kept.push(t - T0);
    expect(kept).toEqual([0, 1500, 3000, 4500]);
  });

  it('matches a report up to a window late, and forgets crafts idle for DEDUP_RETAIN_MS', () => {
    const dedup = new ReportDeduplicator();
    dedup.isDuplicate(adsb(T0));
    dedup.isDuplicate(adsb(T0 + DEDUP_WINDOW_MS, { id: 'icao:000001' }));
    expect(dedup.isDuplicate(adsb(T0 + 900))).toBe(true);
    expect(dedup.size).toBe(2);
    dedup.isDuplicate(adsb(T0 + DEDUP_WINDOW_MS + DEDUP_RETAIN_MS + 1, { id: 'icao:000002' }));
    expect(dedup.size).toBe(1);
  });

  it('bounds its memory to maxCraft', () => {
    const dedup = new ReportDeduplicator(1000);
    for (let i = 0; i < 10_000; i++) dedup.isDuplicate(adsb(T0, { id: `icao:${(0x100000 + i).toString(16)}` }));
    expect(dedup.size).toBe(1000);
    expect(() => new ReportDeduplicator(0)).toThrow(RangeError);
  });

  it('works for AIS reports as for ADS-B', () => {
    const dedup = new ReportDeduplicator();
    const ship: Report = {
      schema: 'jamwatch.report/1',
      src: 'ais',
      id: 'mmsi:244730610',
      t: T0,
      lat: 53.09,
      lon: 5.85,
    };
    expect(dedup.isDuplicate(ship)).toBe(false);
    expect(dedup.isDuplicate({ ...ship, t: T0 + 200 })).toBe(true);
  });
});
