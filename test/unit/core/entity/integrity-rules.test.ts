import { describe, expect, it } from 'vitest';
import {
  INTEGRITY_UNKNOWN,
  integrityVerdict,
  isVersion0,
  NACP_MIN,
  NIC_MIN,
  noPositionWhileAirborne,
  readsbLostGnss,
} from '../../../../src/core/entity/integrity-rules.js';
import { EVIDENCE } from '../../../../src/schema/observation.js';
import { REPORT_SCHEMA_ID, type Report } from '../../../../src/schema/report.js';

const T = 1_767_736_800_000;
const report = (fields: Partial<Report>): Report => ({
  schema: REPORT_SCHEMA_ID,
  src: 'adsb',
  id: 'icao:4baac6',
  t: T,
  ...fields,
});
const verdict = (fields: Partial<Report>) => integrityVerdict(report(fields), NACP_MIN, NIC_MIN, 60);

describe('integrityVerdict', () => {
  it('is good for normal GNSS (NACp 10, NIC 8)', () => {
    expect(verdict({ lat: 60, lon: 25, nacp: 10, nic: 8 })).toBe(0);
  });

  it('flags NACp below 7 and NIC below 6 (OnAir), each with its own evidence bit', () => {
    expect(verdict({ lat: 60, lon: 25, nacp: 6, nic: 8 })).toBe(EVIDENCE.NACP_LOW);
    expect(verdict({ lat: 60, lon: 25, nacp: 7, nic: 5 })).toBe(EVIDENCE.NIC_LOW);
    expect(verdict({ lat: 60, lon: 25, nacp: 0, nic: 0 })).toBe(EVIDENCE.NACP_LOW | EVIDENCE.NIC_LOW);
    expect(verdict({ lat: 60, lon: 25, nacp: 7, nic: 6 })).toBe(0);
  });

  it('says nothing without NIC/NACp (SBS: absence is not degradation) or when they are stale', () => {
    expect(verdict({ lat: 60, lon: 25 })).toBe(INTEGRITY_UNKNOWN);
    expect(verdict({ lat: 60, lon: 25, nacp: 0, integrityAge: 61 })).toBe(INTEGRITY_UNKNOWN);
    expect(verdict({ lat: 60, lon: 25, nacp: 0, integrityAge: 59 })).toBe(EVIDENCE.NACP_LOW);
  });

  it('reads NIC only with a position (it belongs to the position message)', () => {
    expect(verdict({ posAvailable: false, nic: 0 })).toBe(INTEGRITY_UNKNOWN);
    expect(verdict({ posAvailable: false, nic: 0, nacp: 9 })).toBe(0);
  });
});

describe('isVersion0', () => {
  it('recognises version 0 by version or by NUCp without NIC/NACp', () => {
    expect(isVersion0(report({ adsbVersion: 0 }))).toBe(true);
    expect(isVersion0(report({ nucp: 7 }))).toBe(true);
    expect(isVersion0(report({ nucp: 7, nic: 8 }))).toBe(false);
    expect(isVersion0(report({ adsbVersion: 2, nic: 8 }))).toBe(false);
  });
});

describe('noPositionWhileAirborne', () => {
  const lastPosition = T - 60_000;
  it('flags a type-code-0 report of an airborne aircraft within 15 min of its last position', () => {
    expect(noPositionWhileAirborne(report({ posAvailable: false, gs: 420 }), lastPosition)).toBe(true);
    expect(noPositionWhileAirborne(report({ posAvailable: false }), lastPosition)).toBe(true);
  });

  it('does not flag on the ground, slow, long after the last position, or never positioned', () => {
    expect(noPositionWhileAirborne(report({ posAvailable: false, onGround: true }), lastPosition)).toBe(false);
    expect(noPositionWhileAirborne(report({ posAvailable: false, gs: 30 }), lastPosition)).toBe(false);
    expect(noPositionWhileAirborne(report({ posAvailable: false, gs: 420 }), T - 16 * 60_000)).toBe(false);
    expect(noPositionWhileAirborne(report({ posAvailable: false, gs: 420 }), Number.NaN)).toBe(false);
    expect(noPositionWhileAirborne(report({ lat: 60, lon: 25 }), lastPosition)).toBe(false);
  });
});

describe('readsbLostGnss', () => {
  it('trusts gpsOkBefore for 15 minutes', () => {
    expect(readsbLostGnss(report({ lastGoodAt: T - 5 * 60_000 }))).toBe(true);
    expect(readsbLostGnss(report({ lastGoodAt: T - 16 * 60_000 }))).toBe(false);
    expect(readsbLostGnss(report({ lastGoodAt: T + 1000 }))).toBe(false);
    expect(readsbLostGnss(report({}))).toBe(false);
  });
});
