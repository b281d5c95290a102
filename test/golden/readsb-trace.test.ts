import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/decode/outcome.js';
import { ReadsbDecoder } from '../../src/decode/readsb-json.js';
import { type Report, reportSchema } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';

// readsb globe-history trace of one B739 (ac671b, N899DN) over 22.7 h on 4–5 Feb 2025, from xoolive/traffic:
// 2,500 points, details every few points with nic 8, rc 186, nac_p 10, sil 3 (a clean track).
const TRACE = readFileSync(corpusPath('adsb', 'traffic', 'trace_full_ac671b.json'), 'utf8');
const TIMESTAMP_MS = 1_738_703_622_619;

function decode(): Outcome[] {
  const outcomes: Outcome[] = [];
  new ReadsbDecoder().decodeFile(TRACE, 0, (o) => outcomes.push(o));
  return outcomes;
}

function reports(outcomes: Outcome[]): Report[] {
  return outcomes.flatMap((o) => (o.ok && o.kind === 'report' ? [o.report] : []));
}

/** Great-circle distance in nautical miles. */
function distanceNm(a: Report, b: Report): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat! - a.lat!) * rad;
  const dLon = (b.lon! - a.lon!) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat! * rad) * Math.cos(b.lat! * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 3440.065 * Math.asin(Math.sqrt(h));
}

describe('readsb trace corpus (trace_full_ac671b.json)', () => {
  const outcomes = decode();
  const rs = reports(outcomes);

  it('reports every one of the 2,500 points, all valid reports', () => {
    expect(outcomes).toHaveLength(2500);
    expect(rs).toHaveLength(2500);
    for (const r of rs) reportSchema.parse(r);
    expect(rs[0]).toMatchObject({
      id: 'icao:ac671b',
      t: TIMESTAMP_MS,
      lat: 16.777359,
      lon: -88.036868,
      altBaro: 32000,
    });
    expect(rs.at(-1)?.t).toBe(TIMESTAMP_MS + 81_655_470);
  });

  it('carries the integrity of the latest details: nic 8, rc 186, nac_p 10, sil 3', () => {
    const carried = (r: Report) => `${r.nic}/${r.rc}/${r.nacp}/${r.sil}`;
    const counts = new Map<string, number>();
    for (const r of rs) counts.set(carried(r), (counts.get(carried(r)) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({
      '8/186/10/3': 2477,
      // One details object says version 0 (with nac_p 8, sil 2): NUCp is not NIC, so NIC and NACp are dropped.
      'undefined/186/undefined/2': 12,
      '8/186/undefined/undefined': 8,
      'undefined/undefined/undefined/undefined': 3,
    });
    expect(rs.every((r) => r.nic === undefined || (r.integrityAge! >= 0 && r.adsbVersion === 2))).toBe(true);
    expect(rs.filter((r) => r.adsbVersion === 0)).toHaveLength(12);
    expect(rs.every((r) => r.posSource === 'adsb')).toBe(true);
  });

  it('gives plausible positions: one airliner’s legs between Central America and the US', () => {
    for (const r of rs) {
      expect(r.lat).toBeGreaterThan(16);
      expect(r.lat).toBeLessThan(48);
      expect(r.lon).toBeGreaterThan(-118);
      expect(r.lon).toBeLessThan(-88);
    }
    let fastest = 0;
    for (let i = 1; i < rs.length; i++) {
      const hours = (rs[i]!.t - rs[i - 1]!.t) / 3_600_000;
      if (hours > 0) fastest = Math.max(fastest, distanceNm(rs[i - 1]!, rs[i]!) / hours);
    }
    // A B739 cruises at about 450–520 kt over the ground; nothing here jumps.
    expect(fastest).toBeLessThan(750);
    expect(rs.filter((r) => r.onGround)).toHaveLength(394);
    expect(rs.filter((r) => r.onGround).every((r) => r.track === undefined && r.altBaro === undefined)).toBe(true);
    const callsigns = new Set(rs.map((r) => r.callsign));
    expect(callsigns).toEqual(new Set([undefined, 'DAL1812', 'DAL2927', 'DAL2418', 'DAL1615']));
  });
});
