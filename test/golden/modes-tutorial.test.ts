import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BeastFramer, type BeastItem } from '../../src/decode/beast.js';
import { decodeAirbornePosition } from '../../src/decode/modes/airborne-position.js';
import { ModeSDecoder } from '../../src/decode/modes/decoder.js';
import { meBits } from '../../src/decode/modes/frame.js';
import { decodeIdentification } from '../../src/decode/modes/identification.js';
import { distanceMetres } from '../../src/decode/modes/position-resolution.js';
import { decodeSurfacePosition } from '../../src/decode/modes/surface-position.js';
import { decodeTargetState } from '../../src/decode/modes/target-state.js';
import { decodeVelocity } from '../../src/decode/modes/velocity.js';
import type { Outcome } from '../../src/decode/outcome.js';
import { reportSchema } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';

// Golden test against an independent decoder: traffic's tutorial.jsonl.gz (71,939 frames near Toulouse,
// 6 Jun 2024), each raw frame with the fields that decoder produced. The reference is data, not code: nothing to
// regenerate. It has no operational status (TC 31) frames, so it gives no ADS-B version and no NIC supplement A/C;
// it gives NIC supplement B (`NICb`), NUCp, NACp (TC 29), positions, altitudes, velocities and callsigns.

interface ReferenceRow {
  timestamp: number;
  frame: string;
  df: string;
  icao24: string;
  bds?: string;
  latitude?: number;
  longitude?: number;
  altitude?: number | null;
  NUCp?: number;
  NICb?: number;
  NACp?: number;
  callsign?: string;
  groundspeed?: number;
  track?: number;
  vertical_rate?: number;
  geo_minus_baro?: number;
  version?: number;
}

/** Toulouse-Blagnac, where the recording was made: the receiver reference for surface positions. */
const TOULOUSE = { lat: 43.629, lon: 1.364 };
const POSITION_TOLERANCE_M = 10;

function bytesOf(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

function rate(hits: number, total: number): string {
  return `${hits}/${total} = ${((100 * hits) / total).toFixed(2)} %`;
}

const rows: ReferenceRow[] = gunzipSync(readFileSync(corpusPath('adsb', 'traffic', 'tutorial.jsonl.gz')))
  .toString('utf8')
  .split('\n')
  .filter((line) => line.length > 0)
  .map((line) => JSON.parse(line) as ReferenceRow);

describe('Mode S decoder against traffic tutorial.jsonl.gz', () => {
  const decoder = new ModeSDecoder({ receiver: TOULOUSE });
  const outcomes: Outcome[] = rows.map((row) => decoder.decode(bytesOf(row.frame), row.timestamp * 1000));

  it('reads the whole reference', () => {
    expect(rows.length).toBe(71_939);
    expect(outcomes.length).toBe(rows.length);
  });

  it('reproduces ≥ 99 % of the reference positions within 10 m', () => {
    let total = 0;
    let within = 0;
    let missing = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.latitude === undefined || row.longitude === undefined) continue;
      total++;
      const outcome = outcomes[i]!;
      if (!outcome.ok || outcome.kind !== 'report') {
        missing++;
        continue;
      }
      const { lat, lon } = outcome.report;
      if (lat !== undefined && lon !== undefined) {
        if (distanceMetres({ lat, lon }, { lat: row.latitude, lon: row.longitude }) <= POSITION_TOLERANCE_M) within++;
      }
    }
    console.log(`positions within ${POSITION_TOLERANCE_M} m: ${rate(within, total)} (not decoded: ${missing})`);
    expect(total).toBeGreaterThan(13_000);
    expect(within / total).toBeGreaterThanOrEqual(0.99);
  });

  it('reports no position that disagrees with the reference', () => {
    let reports = 0;
    let disagreeing = 0;
    let beyondReference = 0;
    for (let i = 0; i < rows.length; i++) {
      const outcome = outcomes[i]!;
      if (!outcome.ok || outcome.kind !== 'report' || outcome.report.lat === undefined) continue;
      reports++;
      const row = rows[i]!;
      const ours = { lat: outcome.report.lat, lon: outcome.report.lon! };
      if (row.latitude === undefined || row.longitude === undefined) {
        // The reference could not decode this one (a first airborne message after taxiing): it must lie at the
        // airport it came from.
        beyondReference++;
        expect(distanceMetres(ours, TOULOUSE)).toBeLessThan(5_000);
      } else if (distanceMetres(ours, { lat: row.latitude, lon: row.longitude }) > POSITION_TOLERANCE_M) {
        disagreeing++;
      }
    }
    console.log(
      `our positions: ${reports}, disagreeing: ${disagreeing}, where the reference has none: ${beyondReference}`,
    );
    expect(disagreeing).toBe(0);
    expect(beyondReference).toBeLessThanOrEqual(5);
  });

  it('carries NUCp equal to the reference while the version is unknown (no TC 31 in this recording)', () => {
    let total = 0;
    let equal = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const outcome = outcomes[i]!;
      if (row.NUCp === undefined || !outcome.ok || outcome.kind !== 'report') continue;
      total++;
      if (outcome.report.nucp === row.NUCp && outcome.report.nic === undefined) equal++;
    }
    console.log(`NUCp equal: ${rate(equal, total)}`);
    expect(total).toBeGreaterThan(13_000);
    expect(equal).toBe(total);
  });

  it('decodes NIC supplement B equal to the reference', () => {
    const withNicB = rows.filter((row) => row.NICb !== undefined);
    const equal = withNicB.filter((row) => decodeAirbornePosition(bytesOf(row.frame)).bit8 === row.NICb).length;
    console.log(`NIC supplement B equal: ${rate(equal, withNicB.length)}`);
    expect(withNicB.length).toBeGreaterThan(11_000);
    expect(equal).toBe(withNicB.length);
  });

  it('decodes NACp equal to the reference and carries the latest one on every report', () => {
    const withNacp = rows.filter((row) => row.NACp !== undefined);
    const equal = withNacp.filter((row) => decodeTargetState(bytesOf(row.frame)).nacp === row.NACp).length;
    console.log(`NACp equal (TC 29): ${rate(equal, withNacp.length)}`);
    expect(withNacp.length).toBeGreaterThan(4_000);
    expect(equal).toBe(withNacp.length);

    const latestNacp = new Map<string, number>();
    let carried = 0;
    let checked = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.NACp !== undefined) latestNacp.set(row.icao24, row.NACp);
      const outcome = outcomes[i]!;
      if (!outcome.ok || outcome.kind !== 'report') continue;
      const expected = latestNacp.get(row.icao24);
      if (expected === undefined) continue;
      checked++;
      if (outcome.report.nacp === expected) carried++;
    }
    console.log(`reports carrying the latest reference NACp: ${rate(carried, checked)}`);
    expect(carried).toBe(checked);
  });

  it('reports no ADS-B version, as the reference has none (version 0 assumed until a TC 31)', () => {
    expect(rows.filter((row) => row.version !== undefined)).toHaveLength(0);
    const versions = outcomes.filter((o) => o.ok && o.kind === 'report' && o.report.adsbVersion !== undefined);
    expect(versions).toHaveLength(0);
  });

  it('decodes altitudes, callsigns and airborne velocities equal to the reference', () => {
    let altitudes = 0;
    let altitudesEqual = 0;
    let callsigns = 0;
    let callsignsEqual = 0;
    let velocities = 0;
    let velocitiesEqual = 0;
    for (const row of rows) {
      const frame = bytesOf(row.frame);
      if (row.bds === '05' && row.altitude !== undefined) {
        altitudes++;
        const altitude = decodeAirbornePosition(frame).altitude;
        // The reference gives no altitude (null) for codes at or below 0 ft; DO-260B defines them (25·N − 1000).
        if (row.altitude === null ? altitude !== undefined && altitude <= 0 : altitude === row.altitude) {
          altitudesEqual++;
        }
      } else if (row.bds === '08' && row.callsign !== undefined) {
        callsigns++;
        // The reference keeps unassigned characters as '#'; we reject such a callsign (undefined).
        const expected = row.callsign.includes('#') ? undefined : row.callsign;
        if (decodeIdentification(frame).callsign === expected) callsignsEqual++;
      } else if (row.bds === '09' && row.groundspeed !== undefined) {
        velocities++;
        const velocity = decodeVelocity(frame);
        const same =
          Math.abs(velocity.groundSpeed! - row.groundspeed) < 0.5 &&
          Math.abs(velocity.track! - row.track!) < 0.01 &&
          velocity.verticalRate === row.vertical_rate &&
          velocity.geoMinusBaro === row.geo_minus_baro;
        if (same) velocitiesEqual++;
      }
    }
    console.log(
      `altitude equal: ${rate(altitudesEqual, altitudes)}; callsign equal: ${rate(callsignsEqual, callsigns)}; ` +
        `velocity equal: ${rate(velocitiesEqual, velocities)}`,
    );
    expect(altitudesEqual).toBe(altitudes);
    expect(callsignsEqual).toBe(callsigns);
    expect(velocitiesEqual).toBe(velocities);
  });

  it('decodes surface tracks equal to the reference, and speeds except where the reference errs', () => {
    const surface = rows.filter((row) => row.bds === '06');
    let tracksEqual = 0;
    let speeds = 0;
    let speedsEqual = 0;
    for (const row of surface) {
      const frame = bytesOf(row.frame);
      const message = decodeSurfacePosition(frame);
      if (Math.abs((message.track ?? -1) - row.track!) < 0.01) tracksEqual++;
      // Movement codes 13–38 are 2–15 kt in 0.5 kt steps (DO-260B); the reference steps them by 0.25 kt, so its
      // code 38 reads 8.25 kt just below code 39 = 15 kt. The positions it decoded confirm ours (8 kt at code 25).
      const movement = meBits(frame, 6, 7);
      if (movement >= 13 && movement <= 38) continue;
      speeds++;
      if (message.groundSpeed === row.groundspeed) speedsEqual++;
    }
    console.log(`surface track equal: ${rate(tracksEqual, surface.length)}; speed equal: ${rate(speedsEqual, speeds)}`);
    expect(tracksEqual).toBe(surface.length);
    expect(speeds).toBeGreaterThan(500);
    expect(speedsEqual).toBe(speeds);
  });

  it('produces reports that satisfy the report schema', () => {
    const reports = outcomes.flatMap((o) => (o.ok && o.kind === 'report' ? [o.report] : []));
    expect(reports.length).toBeGreaterThan(13_000);
    for (const report of reports) expect(reportSchema.safeParse(report).success).toBe(true);
  });

  it('ignores the DF20/21 replies and fails no frame', () => {
    const counts = new Map<string, number>();
    for (const outcome of outcomes) {
      const key = outcome.ok ? (outcome.kind === 'ignored' ? `ignored:${outcome.reason}` : outcome.kind) : outcome.code;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    console.log('outcomes', Object.fromEntries(counts));
    const df2021 = rows.filter((row) => row.df === '20' || row.df === '21').length;
    expect(counts.get('ignored:modes-not-extended-squitter')).toBe(df2021);
    expect([...counts.keys()].filter((key) => key.startsWith('MODES_'))).toEqual([]);
  });
});

describe('sample_dump1090.bin through the Beast framer', () => {
  const items: BeastItem[] = [];
  const framer = new BeastFramer();
  framer.push(new Uint8Array(readFileSync(corpusPath('adsb', 'traffic', 'sample_dump1090.bin'))), (item) =>
    items.push(item),
  );
  framer.end((item) => items.push(item));

  it('frames all 239 frames without a framing failure', () => {
    expect(items.filter((item) => !item.ok)).toEqual([]);
    expect(items).toHaveLength(239);
  });

  it('decodes positions of the one aircraft near Toulouse', () => {
    const decoder = new ModeSDecoder();
    const reports = [];
    for (const item of items) {
      if (!item.ok) continue;
      const outcome = decoder.decode(item.data, item.counter / 12_000);
      expect(outcome.ok).toBe(true);
      if (outcome.ok && outcome.kind === 'report') reports.push(outcome.report);
    }
    expect(reports.length).toBeGreaterThan(0);
    expect(new Set(reports.map((r) => r.id)).size).toBe(1);
    for (const report of reports) {
      expect(distanceMetres({ lat: report.lat!, lon: report.lon! }, TOULOUSE)).toBeLessThan(100_000);
    }
  });
});
