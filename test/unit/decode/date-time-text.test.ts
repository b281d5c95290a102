import { describe, expect, it } from 'vitest';
import { instantMs, localDateTimeMs } from '../../../src/decode/date-time-text.js';

describe('date-time text', () => {
  it('reads SBS local date and time fields as if UTC', () => {
    expect(localDateTimeMs('2018/02/18', '16:30:51.597')).toBe(Date.UTC(2018, 1, 18, 16, 30, 51, 597));
    expect(localDateTimeMs('2018-02-18', '16:30:51')).toBe(Date.UTC(2018, 1, 18, 16, 30, 51));
    expect(localDateTimeMs('2024/02/29', '00:00:00.5')).toBe(Date.UTC(2024, 1, 29, 0, 0, 0, 500));
  });

  it('reads instants with a zone: ISO 8601 and Go time.String', () => {
    expect(instantMs('2018-02-18T06:00:52.050447+00:00')).toBe(Date.UTC(2018, 1, 18, 6, 0, 52, 50));
    expect(instantMs('2018-02-18T16:30:52.050+10:30')).toBe(Date.UTC(2018, 1, 18, 6, 0, 52, 50));
    expect(instantMs('2026-04-25 09:47:25.26746452 +0000 UTC')).toBe(Date.UTC(2026, 3, 25, 9, 47, 25, 267));
    expect(instantMs('2026-04-25 04:47:25 -0500 EST')).toBe(Date.UTC(2026, 3, 25, 9, 47, 25));
    expect(instantMs('2026-04-25T09:47:25Z')).toBe(Date.UTC(2026, 3, 25, 9, 47, 25));
  });

  it('refuses impossible or malformed text with NaN', () => {
    for (const [date, time] of [
      ['2023/02/29', '00:00:00'],
      ['2023/13/01', '00:00:00'],
      ['2023/01/00', '00:00:00'],
      ['2023/01/01', '24:00:00'],
      ['2023/01/01', '12:60:00'],
      ['23/01/01', '12:00:00'],
      ['2023/01/01', '12:00'],
    ]) {
      expect(localDateTimeMs(date!, time!)).toBeNaN();
    }
    for (const text of ['2026-04-25 09:47:25', '2026-04-25T09:47:25+25:00', 'soon', '2026-04-25T09:47:25.Z']) {
      expect(instantMs(text)).toBeNaN();
    }
  });
});
