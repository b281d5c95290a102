import { describe, expect, it } from 'vitest';
import { ModeSDecoder } from '../../../../src/decode/modes/decoder.js';
import { distanceMetres } from '../../../../src/decode/modes/position-resolution.js';
import type { Outcome } from '../../../../src/decode/outcome.js';
import { type Report, reportSchema } from '../../../../src/schema/report.js';
import {
  airbornePosition,
  fromHex,
  identification,
  noPosition,
  operationalStatus,
  squitter,
  surfacePosition,
  targetState,
  velocity,
} from './build-frame.js';

const HELSINKI = { lat: 60.32, lon: 24.83 };
const ADDRESS = 0x4601fb;
const T0 = Date.UTC(2026, 0, 6, 22, 12, 14);

function reportOf(outcome: Outcome): Report {
  if (!outcome.ok || outcome.kind !== 'report') throw new Error(`expected a report, got ${JSON.stringify(outcome)}`);
  expect(reportSchema.parse(outcome.report)).toEqual(outcome.report);
  return outcome.report;
}

/** Sends an even/odd pair at (lat, lon) and returns the report of the second one. */
function fix(
  decoder: ModeSDecoder,
  time: number,
  lat: number,
  lon: number,
  extra: { address?: number; tc?: number; nicB?: number; altitude?: number; df?: 17 | 18; ca?: number } = {},
): Outcome {
  const spec = { address: ADDRESS, lat, lon, altitude: 11_000, ...extra };
  decoder.decode(airbornePosition({ ...spec, odd: false }), time);
  return decoder.decode(airbornePosition({ ...spec, lat: lat + 0.0005, odd: true }), time + 500);
}

describe('ModeSDecoder dispatch', () => {
  const decoder = new ModeSDecoder();

  it('ignores Mode A/C, replies without ADS-B content and unused type codes', () => {
    expect(decoder.decode(Uint8Array.of(0x12, 0x34), T0)).toMatchObject({ reason: 'modes-not-extended-squitter' });
    expect(decoder.decode(fromHex('5d4601fb8bc9b1'), T0)).toMatchObject({ reason: 'modes-not-extended-squitter' });
    expect(decoder.decode(fromHex('a10000b9ff81c300000000b6f5f3'), T0)).toMatchObject({
      reason: 'modes-not-extended-squitter',
    });
    expect(
      decoder.decode(
        squitter({
          address: ADDRESS,
          me: [
            [28, 5],
            [0, 51],
          ],
        }),
        T0,
      ),
    ).toMatchObject({
      reason: 'modes-unused-type',
    });
    expect(
      decoder.decode(
        squitter({
          address: ADDRESS,
          me: [
            [24, 5],
            [0, 51],
          ],
        }),
        T0,
      ),
    ).toMatchObject({
      reason: 'modes-unused-type',
    });
    expect(
      decoder.decode(
        squitter({
          address: ADDRESS,
          me: [
            [19, 5],
            [0, 3],
            [0, 48],
          ],
        }),
        T0,
      ),
    ).toMatchObject({
      reason: 'modes-unused-type',
    });
  });

  it('ignores DF18 type code 24 from fixed ground stations without keeping state for them', () => {
    const before = decoder.size;
    const station = squitter({
      df: 18,
      ca: 0,
      address: 0x467523,
      me: [
        [24, 5],
        [0, 51],
      ],
    });
    expect(decoder.decode(station, T0)).toMatchObject({ ok: true, kind: 'ignored', reason: 'modes-ground-station' });
    expect(decoder.size).toBe(before);
  });

  it('fails bad input with the right code', () => {
    expect(decoder.decode(new Uint8Array(9), T0)).toMatchObject({ ok: false, code: 'MODES_LENGTH' });
    const corrupted = airbornePosition({ address: ADDRESS, lat: 60, lon: 25, odd: false });
    corrupted[7]! ^= 0x01;
    expect(decoder.decode(corrupted, T0)).toMatchObject({ ok: false, code: 'MODES_CRC' });
    // First character code 0 is unassigned.
    expect(
      decoder.decode(
        squitter({
          address: ADDRESS,
          me: [
            [4, 5],
            [0, 3],
            [0, 6],
            [1, 42],
          ],
        }),
        T0,
      ),
    ).toMatchObject({
      ok: false,
      code: 'MODES_FIELD',
    });
  });
});

describe('ModeSDecoder positions', () => {
  it('reports the first fix at the second message of a pair when it agrees with the receiver', () => {
    const decoder = new ModeSDecoder({ receiver: HELSINKI });
    const first = decoder.decode(
      airbornePosition({ address: ADDRESS, lat: 60.5, lon: 25.5, odd: false, altitude: 11_000 }),
      T0,
    );
    expect(first).toMatchObject({ ok: true, kind: 'ignored', reason: 'no-position-yet' });
    const report = reportOf(
      decoder.decode(
        airbornePosition({ address: ADDRESS, lat: 60.5005, lon: 25.5, odd: true, altitude: 11_000 }),
        T0 + 500.4,
      ),
    );
    expect(report).toMatchObject({
      schema: 'jamwatch.report/1',
      src: 'adsb',
      id: 'icao:4601fb',
      t: T0 + 500,
      posAvailable: true,
      altBaro: 11_000,
      onGround: false,
      posSource: 'adsb',
      nucp: 7,
    });
    expect(distanceMetres({ lat: report.lat!, lon: report.lon! }, { lat: 60.5005, lon: 25.5 })).toBeLessThan(5);
    expect(report.nic).toBeUndefined();
    expect(report.adsbVersion).toBeUndefined();
  });

  it('without a receiver, waits for a second pair to confirm the first', () => {
    const decoder = new ModeSDecoder();
    expect(fix(decoder, T0, 60.5, 25.5)).toMatchObject({ reason: 'no-position-yet' });
    reportOf(decoder.decode(airbornePosition({ address: ADDRESS, lat: 60.501, lon: 25.5, odd: false }), T0 + 1_000));
  });

  it('reports a spoofed 260 km jump as sent, without a speed check', () => {
    const decoder = new ModeSDecoder({ receiver: HELSINKI });
    const before = reportOf(fix(decoder, T0, 60.5, 25.5));
    const reports: Report[] = [];
    for (let i = 0; i < 4; i++) {
      const outcome = decoder.decode(
        airbornePosition({ address: ADDRESS, lat: 62.84, lon: 25.5, odd: i % 2 === 0, altitude: 11_000 }),
        T0 + 1_000 + 500 * i,
      );
      if (outcome.ok && outcome.kind === 'report') reports.push(outcome.report);
    }
    expect(reports.length).toBeGreaterThanOrEqual(2);
    for (const report of reports) {
      expect(
        distanceMetres({ lat: report.lat!, lon: report.lon! }, { lat: before.lat!, lon: before.lon! }),
      ).toBeGreaterThan(250_000);
    }
  });

  it('reports surface positions on the ground with the movement speed and no altitude', () => {
    const decoder = new ModeSDecoder({ receiver: HELSINKI });
    decoder.decode(
      surfacePosition({ address: ADDRESS, lat: 60.3172, lon: 24.9633, odd: false, movement: 25, track: 90 }),
      T0,
    );
    const report = reportOf(
      decoder.decode(
        surfacePosition({ address: ADDRESS, lat: 60.3172, lon: 24.9634, odd: true, movement: 25, track: 90 }),
        T0 + 1_000,
      ),
    );
    expect(report).toMatchObject({ onGround: true, gs: 8, track: 90, posAvailable: true, nucp: 7 });
    expect(report.altBaro).toBeUndefined();
    expect(distanceMetres({ lat: report.lat!, lon: report.lon! }, { lat: 60.3172, lon: 24.9634 })).toBeLessThan(5);
  });

  it('keeps TIS-B, ADS-R and non-ICAO sources apart from the aircraft’s own ADS-B', () => {
    const decoder = new ModeSDecoder({ receiver: HELSINKI });
    expect(reportOf(fix(decoder, T0, 60.5, 25.5, { df: 18, ca: 2 })).posSource).toBe('tisb');
    expect(reportOf(fix(decoder, T0, 60.6, 25.5, { df: 18, ca: 6 })).posSource).toBe('adsr');
    expect(reportOf(fix(decoder, T0, 60.7, 25.5, { df: 18, ca: 1 })).posSource).toBe('other');
    expect(reportOf(fix(decoder, T0, 60.8, 25.5, { df: 18, ca: 0 })).posSource).toBe('adsb');
    expect(decoder.size).toBe(4);
  });
});

describe('ModeSDecoder integrity', () => {
  it('reports NUCp until the version is known, then NIC and Rc from the type code and supplements (version 2)', () => {
    const decoder = new ModeSDecoder({ receiver: HELSINKI });
    expect(reportOf(fix(decoder, T0, 60.5, 25.5, { tc: 11, nicB: 1 }))).toMatchObject({ nucp: 7 });
    decoder.decode(
      operationalStatus({
        address: ADDRESS,
        version: 2,
        nicA: 1,
        nacp: 10,
        gva: 2,
        sil: 3,
        nicBaro: 1,
        silSupplement: 0,
      }),
      T0 + 1_000,
    );
    const report = reportOf(
      decoder.decode(
        airbornePosition({ address: ADDRESS, lat: 60.501, lon: 25.5, odd: false, tc: 11, nicB: 1 }),
        T0 + 3_000,
      ),
    );
    expect(report).toMatchObject({
      nic: 9,
      rc: 75,
      nacp: 10,
      sil: 3,
      silType: 'perhour',
      gva: 2,
      nicBaro: 1,
      adsbVersion: 2,
      integrityAge: 2,
    });
    expect(report.nucp).toBeUndefined();
    const withoutB = reportOf(
      decoder.decode(
        airbornePosition({ address: ADDRESS, lat: 60.502, lon: 25.5, odd: true, tc: 11, nicB: 0 }),
        T0 + 3_500,
      ),
    );
    expect(withoutB).toMatchObject({ nic: 8, rc: 185.2 });
  });

  it('uses the one NIC supplement of version 1', () => {
    const decoder = new ModeSDecoder({ receiver: HELSINKI });
    decoder.decode(operationalStatus({ address: ADDRESS, version: 1, nicA: 1, nacp: 8, sil: 2 }), T0);
    const report = reportOf(fix(decoder, T0 + 1_000, 60.5, 25.5, { tc: 13 }));
    expect(report).toMatchObject({ nic: 6, rc: 1111.2, adsbVersion: 1, nacp: 8, sil: 2, silType: 'unknown' });
  });

  it('takes NIC supplement C from a surface status for surface positions', () => {
    const decoder = new ModeSDecoder({ receiver: HELSINKI });
    decoder.decode(operationalStatus({ address: ADDRESS, version: 2, surface: true, nicA: 1, nicC: 1, nacp: 9 }), T0);
    decoder.decode(surfacePosition({ address: ADDRESS, lat: 60.3172, lon: 24.9633, odd: false, tc: 8 }), T0 + 100);
    const report = reportOf(
      decoder.decode(surfacePosition({ address: ADDRESS, lat: 60.3172, lon: 24.9633, odd: true, tc: 8 }), T0 + 600),
    );
    expect(report).toMatchObject({ nic: 7, rc: 370.4, onGround: true });
  });

  it('takes NACp, SIL and its supplement from target state, and ages the integrity', () => {
    const decoder = new ModeSDecoder({ receiver: HELSINKI });
    decoder.decode(targetState({ address: ADDRESS, nacp: 0, sil: 3, silSupplement: 1, nicBaro: 1 }), T0);
    const report = reportOf(fix(decoder, T0 + 4_000, 60.5, 25.5));
    expect(report).toMatchObject({ nacp: 0, sil: 3, silType: 'persample', nicBaro: 1, integrityAge: 4.5 });
    expect(decoder.decode(targetState({ address: ADDRESS, subtype: 0, nacp: 9 }), T0)).toMatchObject({ kind: 'state' });
    expect(decoder.decode(targetState({ address: ADDRESS, subtype: 2, nacp: 9 }), T0)).toMatchObject({
      reason: 'modes-unused-type',
    });
  });

  it('ignores reserved NACp values', () => {
    const decoder = new ModeSDecoder({ receiver: HELSINKI });
    decoder.decode(targetState({ address: ADDRESS, nacp: 13 }), T0);
    expect(reportOf(fix(decoder, T0, 60.5, 25.5)).nacp).toBeUndefined();
  });
});

describe('ModeSDecoder "no position" (type code 0)', () => {
  it('reports posAvailable false with the altitude for an airborne craft', () => {
    const decoder = new ModeSDecoder();
    const report = reportOf(decoder.decode(noPosition(ADDRESS, 11_000), T0));
    expect(report).toMatchObject({ posAvailable: false, altBaro: 11_000, onGround: false, id: 'icao:4601fb' });
    expect(report.lat).toBeUndefined();
  });

  it('reports it when the air/ground state is unknown', () => {
    const decoder = new ModeSDecoder();
    const report = reportOf(decoder.decode(noPosition(ADDRESS, undefined, 0), T0));
    expect(report.posAvailable).toBe(false);
    expect(report.onGround).toBeUndefined();
    expect(report.altBaro).toBeUndefined();
  });

  it('keeps it as state for a craft on the ground', () => {
    const decoder = new ModeSDecoder();
    expect(decoder.decode(noPosition(ADDRESS, 400, 4), T0)).toMatchObject({ ok: true, kind: 'state' });
  });
});

describe('ModeSDecoder kinematics and identity', () => {
  it('carries ground speed, track, callsign and GNSS altitude from baro + difference', () => {
    const decoder = new ModeSDecoder({ receiver: HELSINKI });
    expect(decoder.decode(identification(ADDRESS, 'FIN7CP'), T0)).toMatchObject({ kind: 'state' });
    decoder.decode(velocity({ address: ADDRESS, east: 300, north: 400, verticalRate: -640, geoMinusBaro: -250 }), T0);
    const report = reportOf(fix(decoder, T0 + 1_000, 60.5, 25.5, { altitude: 11_000 }));
    expect(report).toMatchObject({ callsign: 'FIN7CP', gs: 500, altBaro: 11_000, altGeom: 10_750 });
    expect(report.track).toBeCloseTo(36.87, 2);
  });

  it('drops kinematics older than 60 s', () => {
    const decoder = new ModeSDecoder({ receiver: HELSINKI });
    decoder.decode(velocity({ address: ADDRESS, east: 300, north: 400, geoMinusBaro: 100 }), T0);
    const report = reportOf(fix(decoder, T0 + 61_000, 60.5, 25.5));
    expect(report.gs).toBeUndefined();
    expect(report.track).toBeUndefined();
    expect(report.altGeom).toBeUndefined();
    expect(report.altBaro).toBe(11_000);
  });

  it('ignores an obstacle’s identification (traffic corpus)', () => {
    const decoder = new ModeSDecoder();
    expect(decoder.decode(fromHex('8f753a6a159136095a8b4db55887'), T0)).toMatchObject({
      reason: 'modes-ground-station',
    });
  });

  it('ignores everything from a craft that identifies as a surface vehicle', () => {
    const decoder = new ModeSDecoder({ receiver: HELSINKI });
    const vehicle = 0x4677f4;
    expect(decoder.decode(identification(vehicle, 'FOLLOWME', 2, 2, 18), T0)).toMatchObject({
      reason: 'modes-ground-station',
    });
    const position = surfacePosition({ df: 18, address: vehicle, lat: 60.3172, lon: 24.9633, odd: false });
    expect(decoder.decode(position, T0 + 100)).toMatchObject({ reason: 'modes-ground-station' });
  });
});

describe('ModeSDecoder state bounds', () => {
  it('forgets craft idle for longer than the expiry', () => {
    const decoder = new ModeSDecoder({ idleExpirySeconds: 60 });
    decoder.decode(identification(1, 'A'), T0);
    decoder.decode(identification(2, 'B'), T0 + 30_000);
    expect(decoder.size).toBe(2);
    decoder.decode(identification(3, 'C'), T0 + 61_000);
    expect(decoder.size).toBe(2);
    decoder.decode(identification(3, 'C'), T0 + 200_000);
    expect(decoder.size).toBe(1);
  });

  it('evicts the least recently heard craft beyond maxAircraft', () => {
    const decoder = new ModeSDecoder({ maxAircraft: 3 });
    for (let address = 1; address <= 5; address++) decoder.decode(identification(address, 'X'), T0 + address);
    expect(decoder.size).toBe(3);
    expect(decoder.evicted).toBe(2);
  });

  it('rejects invalid options', () => {
    expect(() => new ModeSDecoder({ maxAircraft: 0 })).toThrow(RangeError);
    expect(() => new ModeSDecoder({ idleExpirySeconds: 0 })).toThrow(RangeError);
    expect(() => new ModeSDecoder({ receiver: { lat: 91, lon: 0 } })).toThrow(RangeError);
  });
});
