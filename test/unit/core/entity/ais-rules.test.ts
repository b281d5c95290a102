import { describe, expect, it } from 'vitest';
import {
  accuracyDropped,
  aisFixVerdict,
  aisLostFix,
  FLAG_FALSE,
  FLAG_TRUE,
  FLAG_UNKNOWN,
  flagOf,
  gnssNotCurrent,
} from '../../../../src/core/entity/ais-rules.js';
import { EVIDENCE } from '../../../../src/schema/observation.js';
import { REPORT_SCHEMA_ID, type Report } from '../../../../src/schema/report.js';

const report = (fields: Partial<Report>): Report => ({
  schema: REPORT_SCHEMA_ID,
  src: 'ais',
  id: 'mmsi:244123456',
  t: 1_767_736_800_000,
  ...fields,
});

describe('AIS fix rules', () => {
  it('a missing position (lat 91 / lon 181 → posAvailable false) is a lost fix', () => {
    expect(aisLostFix(report({ posAvailable: false }))).toBe(true);
    expect(aisLostFix(report({}))).toBe(true);
    expect(aisLostFix(report({ lat: 57, lon: 19 }))).toBe(false);
  });

  it('type 27 with a non-current GNSS position is flagged', () => {
    expect(gnssNotCurrent(report({ gnssStatus: 'not-current' }))).toBe(true);
    expect(gnssNotCurrent(report({ gnssStatus: 'current' }))).toBe(false);
  });

  it('a fall of the accuracy or RAIM flag is a drop; a vessel that never set them is not', () => {
    expect(accuracyDropped(FLAG_TRUE, FLAG_UNKNOWN, report({ aisAccuracy: false }))).toBe(true);
    expect(accuracyDropped(FLAG_UNKNOWN, FLAG_TRUE, report({ raim: false }))).toBe(true);
    expect(accuracyDropped(FLAG_FALSE, FLAG_FALSE, report({ aisAccuracy: false, raim: false }))).toBe(false);
    expect(accuracyDropped(FLAG_TRUE, FLAG_TRUE, report({ aisAccuracy: true, raim: true }))).toBe(false);
  });

  it('collects the evidence bits', () => {
    expect(aisFixVerdict(report({ lat: 57, lon: 19 }), FLAG_UNKNOWN, FLAG_UNKNOWN)).toBe(0);
    expect(aisFixVerdict(report({ posAvailable: false, gnssStatus: 'not-current' }), FLAG_UNKNOWN, FLAG_UNKNOWN)).toBe(
      EVIDENCE.LOST_FIX | EVIDENCE.GNSS_STATUS,
    );
    expect(aisFixVerdict(report({ lat: 57, lon: 19, aisAccuracy: false }), FLAG_TRUE, FLAG_UNKNOWN)).toBe(
      EVIDENCE.ACCURACY_DROP,
    );
  });

  it('flagOf keeps three states', () => {
    expect([flagOf(undefined), flagOf(false), flagOf(true)]).toEqual([FLAG_UNKNOWN, FLAG_FALSE, FLAG_TRUE]);
  });
});
