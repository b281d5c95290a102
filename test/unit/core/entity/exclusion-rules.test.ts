import { describe, expect, it } from 'vitest';
import {
  EXCLUSION,
  exclusionOf,
  isOwnGnssSource,
  sourceCode,
  testRangeAt,
} from '../../../../src/core/entity/exclusion-rules.js';
import { REPORT_SCHEMA_ID, type Report } from '../../../../src/schema/report.js';

const report = (fields: Partial<Report>): Report => ({
  schema: REPORT_SCHEMA_ID,
  src: 'adsb',
  id: 'icao:4baac6',
  t: 1_767_736_800_000,
  lat: 60,
  lon: 25,
  ...fields,
});

describe('exclusions', () => {
  it('excludes ground, non-GNSS sources and version 0, in that order', () => {
    expect(exclusionOf(report({ onGround: true, nacp: 0 }))).toBe(EXCLUSION.GROUND);
    expect(exclusionOf(report({ posSource: 'mlat' }))).toBe(EXCLUSION.NON_GNSS_SOURCE);
    expect(exclusionOf(report({ posSource: 'tisb' }))).toBe(EXCLUSION.NON_GNSS_SOURCE);
    expect(exclusionOf(report({ posSource: 'other' }))).toBe(EXCLUSION.NON_GNSS_SOURCE);
    expect(exclusionOf(report({ posSource: 'adsb', nucp: 6 }))).toBe(EXCLUSION.VERSION_0);
    expect(exclusionOf(report({ posSource: 'adsb', nic: 8, nacp: 10 }))).toBe(EXCLUSION.NONE);
    expect(exclusionOf(report({ posSource: 'adsr', nic: 8 }))).toBe(EXCLUSION.NONE);
  });

  it('never applies the version-0 rule to AIS', () => {
    expect(exclusionOf(report({ src: 'ais', id: 'mmsi:244123456' }))).toBe(EXCLUSION.NONE);
  });

  it('treats an unnamed source as the craft’s own and codes sources apart', () => {
    expect(isOwnGnssSource(undefined)).toBe(true);
    expect(new Set([sourceCode(undefined), sourceCode('adsb'), sourceCode('adsr')]).size).toBe(3);
  });

  it('finds a test range by place and time', () => {
    const from = Date.parse('2026-01-06T00:00:00Z');
    const ranges = [{ name: 'Vidsel', lat: 65.87, lon: 20.15, radiusKm: 100, fromMs: from, toMs: from + 86_400_000 }];
    expect(testRangeAt(ranges, 66.2, 20.5, from + 3_600_000)).toBe('Vidsel');
    expect(testRangeAt(ranges, 60, 25, from + 3_600_000)).toBeUndefined();
    expect(testRangeAt(ranges, 66.2, 20.5, from - 1)).toBeUndefined();
  });
});
