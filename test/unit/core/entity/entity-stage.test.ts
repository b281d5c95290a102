import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { latLngToCell } from 'h3-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { EntityStage } from '../../../../src/core/entity/entity-stage.js';
import type { EntityOptionsInput } from '../../../../src/core/entity/options.js';
import type { TrackEvent } from '../../../../src/core/entity/track-event.js';
import { destination, distanceKm } from '../../../../src/core/geodesy.js';
import { buildLandMask, type LandMask } from '../../../../src/core/land/land-mask.js';
import { EVIDENCE, type Observation, observationSchema } from '../../../../src/schema/observation.js';
import { REPORT_SCHEMA_ID, type Report } from '../../../../src/schema/report.js';
import { goodAdsb, merged, straightTrack, T0 } from './tracks.js';

interface Run {
  stage: EntityStage;
  observations: Observation[];
  events: TrackEvent[];
}

function run(reports: Report[], options: EntityOptionsInput = {}, landMask?: LandMask): Run {
  const events: TrackEvent[] = [];
  const stage = new EntityStage(options, { landMask, onTrackEvent: (e) => events.push(e) });
  const observations: Observation[] = [];
  for (const r of reports) {
    const o = stage.process(r);
    if (o !== null) observations.push(observationSchema.parse(o));
  }
  return { stage, observations, events };
}

const of = (observations: Observation[], id: string) => observations.filter((o) => o.id === id);
const has = (o: Observation, bit: number) => (o.evidence & bit) !== 0;

describe('EntityStage: aircraft', () => {
  it('sends one observation per craft per bucket, in the H3 cell of its position', () => {
    const reports = straightTrack({
      id: 'icao:4ca7b3',
      lat: 60.3,
      lon: 24.9,
      t0: T0,
      gs: 450,
      track: 200,
      count: 60,
      everyMs: 1000,
      fields: () => goodAdsb(),
    });
    const { observations, stage } = run(reports);
    expect(observations).toHaveLength(6);
    for (const o of observations) {
      expect(o).toMatchObject({ status: 'good', domain: 'air', estimated: false, evidence: 0, alt: 35_000 });
      expect(o.cell).toBe(latLngToCell(o.lat, o.lon, 4));
      expect(o.t % 10_000).toBe(0);
    }
    expect(stage.stats().verdicts.good).toBe(60);
  });

  it('a jammed aircraft in the climb: degraded after a run of bad reports, placed by dead reckoning when it sends no position, good again after', () => {
    const id = 'icao:461f2a';
    const reports = straightTrack({
      id,
      lat: 60.32,
      lon: 24.96,
      t0: T0,
      gs: 280,
      track: 150,
      count: 240,
      everyMs: 1000,
      fields: (i) => {
        const climb = { altBaro: 3000 + i * 40 };
        if (i < 60 || i >= 180) return goodAdsb({ ...climb, nacp: 9 });
        if (i < 150) return goodAdsb({ ...climb, nacp: 0, nic: 0 });
        // type code 0: no position at all
        return { ...goodAdsb(climb), lat: undefined, lon: undefined, posAvailable: false, nic: undefined, nacp: 0 };
      },
    });
    const { observations } = run(reports);
    const degraded = observations.filter((o) => o.status === 'degraded');
    // 6th bad report (the counter reaches 6) is at i = 65, within the bucket that began at i = 60
    expect(degraded[0]!.t).toBe(T0 + 65_000);
    expect(has(degraded[0]!, EVIDENCE.NACP_LOW) && has(degraded[0]!, EVIDENCE.NIC_LOW)).toBe(true);
    expect(degraded[0]!.estimated).toBe(false);
    const noPosition = degraded.filter((o) => o.estimated);
    expect(noPosition.length).toBeGreaterThan(0);
    for (const o of noPosition) {
      expect(has(o, EVIDENCE.NO_POSITION)).toBe(true);
      // dead reckoning from the last position (i = 149) at 280 kt along 150°
      const truth = reports[(o.t - T0) / 1000]!;
      const expected = destination(60.32, 24.96, 150, (280 * 1.852 * (o.t - T0)) / 3_600_000, { lat: 0, lon: 0 });
      expect(distanceKm(expected.lat, expected.lon, o.lat, o.lon)).toBeLessThan(0.5);
      expect(truth.posAvailable).toBe(false);
    }
    // one observation per bucket (plus the one in the bucket where it got worse), good again at the end
    expect(observations.length).toBe(25);
    expect(observations.at(-1)!.status).toBe('good');
    expect(observations.filter((o) => o.t >= T0 + 190_000).every((o) => o.status === 'good')).toBe(true);
  });

  it('a flight that arrives already degraded is not counted until it has been good once', () => {
    const id = 'icao:780a3c';
    const reports = straightTrack({
      id,
      lat: 59.5,
      lon: 28,
      t0: T0,
      gs: 450,
      track: 290,
      count: 200,
      everyMs: 1000,
      fields: (i) => goodAdsb({ nacp: i < 120 || i >= 160 ? 0 : 9, nic: i < 120 || i >= 160 ? 0 : 8 }),
    });
    const { observations, stage } = run(reports);
    expect(observations.filter((o) => o.t < T0 + 120_000)).toEqual([]);
    expect(stage.stats().verdicts.arrivedDegraded).toBeGreaterThanOrEqual(120);
    // once good (counter back to 0) a later loss counts: it happened here
    expect(observations.some((o) => o.status === 'good')).toBe(true);
    expect(observations.at(-1)!.status).toBe('degraded');
  });

  it('NACp 0 on the ground, version 0, MLAT and ignored airframes are not counted', () => {
    const track = (id: string, fields: Partial<Report>) =>
      straightTrack({
        id,
        lat: 60.31,
        lon: 24.95,
        t0: T0,
        gs: 10,
        track: 90,
        count: 30,
        everyMs: 1000,
        fields: () => fields,
      });
    const { observations, stage } = run(
      merged(
        track('icao:4caa01', { ...goodAdsb({ nacp: 0, nic: 0 }), onGround: true }),
        track('icao:4caa02', { posSource: 'adsb', nucp: 5, altBaro: 12_000 }),
        track('icao:4caa03', { ...goodAdsb({ nacp: 0, nic: 0 }), posSource: 'mlat' }),
        track('icao:4caa04', goodAdsb()),
      ),
      { ignoredAirframes: ['icao:4caa04'] },
    );
    expect(observations).toEqual([]);
    expect(stage.stats().verdicts).toMatchObject({ ground: 30, version0: 30, nonGnssSource: 30, ignored: 30 });
  });

  it('a test range keeps its craft out while it is active', () => {
    const reports = straightTrack({
      id: 'icao:4caa05',
      lat: 65.9,
      lon: 20.1,
      t0: T0,
      gs: 300,
      track: 0,
      count: 30,
      everyMs: 1000,
      fields: () => goodAdsb({ nacp: 0 }),
    });
    const { observations, stage } = run(reports, {
      testRanges: [
        {
          name: 'Vidsel',
          lat: 65.87,
          lon: 20.15,
          radiusKm: 100,
          from: '2026-01-06T21:00:00Z',
          to: '2026-01-06T23:00:00Z',
        },
      ],
    });
    expect(observations).toEqual([]);
    expect(stage.stats().verdicts.testRange).toBe(30);
  });

  it('learns a chronic airframe degraded among good neighbours, and stops counting it', () => {
    const neighbours = Array.from({ length: 20 }, (_, k) =>
      straightTrack({
        id: `icao:4cab${k.toString(16).padStart(2, '0')}`,
        lat: 60 + k * 0.002,
        lon: 25,
        t0: T0,
        gs: 20,
        track: 90,
        count: 240,
        everyMs: 5000,
        fields: () => goodAdsb(),
      }),
    );
    const id = 'icao:4cabff';
    const chronic = straightTrack({
      id,
      lat: 60.01,
      lon: 25.01,
      t0: T0,
      gs: 20,
      track: 90,
      count: 240,
      everyMs: 5000,
      fields: (i) => goodAdsb({ nacp: i < 6 ? 9 : 4 }),
    });
    const { observations, events, stage } = run(merged(chronic, ...neighbours));
    const learned = events.find((e) => e.kind === 'chronic' && e.id === id);
    expect(learned).toBeDefined();
    const mine = of(observations, id);
    expect(mine.some((o) => o.status === 'degraded' && o.t < learned!.t)).toBe(true);
    expect(mine.filter((o) => o.t >= learned!.t)).toEqual([]);
    expect(stage.stats().chronicAirframes).toBe(1);
    expect(stage.stats().verdicts.chronic).toBeGreaterThan(0);
    // and its learning survives a restart
    const restarted = new EntityStage();
    restarted.restore(JSON.parse(JSON.stringify(stage.snapshot())));
    expect(restarted.stats().chronicAirframes).toBe(1);
  });

  it('a single outlier position is a glitch, not spoofing', () => {
    const reports = straightTrack({
      id: 'icao:4caa06',
      lat: 50,
      lon: 10,
      t0: T0,
      gs: 450,
      track: 90,
      count: 60,
      everyMs: 1000,
      fields: (i) => (i === 30 ? goodAdsb({ lat: 52, lon: 10 }) : goodAdsb()),
    });
    const { observations, events } = run(reports);
    expect(events.map((e) => e.kind)).toEqual(['jump', 'glitch']);
    expect(observations.every((o) => o.status === 'good')).toBe(true);
  });

  it('GNSS altitude far from barometric altitude marks the craft spoofed after three reports', () => {
    const reports = straightTrack({
      id: 'icao:4caa07',
      lat: 44,
      lon: 36,
      t0: T0,
      gs: 450,
      track: 120,
      count: 30,
      everyMs: 1000,
      fields: (i) => goodAdsb({ altGeom: i >= 12 ? 150 : 35_800 }),
    });
    const { observations, events } = run(reports);
    expect(events.filter((e) => e.kind === 'alt-mismatch').map((e) => e.t)).toEqual([T0 + 14_000]);
    const spoofed = observations.filter((o) => o.status === 'spoofed');
    expect(spoofed[0]!.t).toBe(T0 + 14_000);
    expect(has(spoofed[0]!, EVIDENCE.ALT_MISMATCH)).toBe(true);
  });

  it('craft converging on one point: the third to jump there is flagged', () => {
    const beirut = { lat: 33.8209, lon: 35.4884 };
    const tracks = [
      [34.5, 33.5, 120],
      [35.2, 36.8, 200],
      [32.6, 34.2, 60],
    ].map(([lat, lon, track], k) =>
      straightTrack({
        id: `icao:4cac0${k}`,
        lat: lat!,
        lon: lon!,
        t0: T0 + k * 60_000,
        gs: 420,
        track: track!,
        count: 60,
        everyMs: 1000,
        fields: (i) =>
          i >= 30 ? goodAdsb({ lat: beirut.lat, lon: beirut.lon + (i - 30) * 0.0005, gs: 2 }) : goodAdsb(),
      }),
    );
    const { events, observations } = run(merged(...tracks));
    expect(events.filter((e) => e.kind === 'spoofed')).toHaveLength(3);
    const converging = events.filter((e) => e.kind === 'converging');
    expect(converging.map((e) => e.id)).toEqual(['icao:4cac02']);
    expect(converging[0]!.count).toBe(3);
    const flagged = observations.filter((o) => has(o, EVIDENCE.CONVERGING));
    expect(flagged.length).toBeGreaterThan(0);
    for (const o of flagged) {
      expect(o.status).toBe('spoofed');
      expect(distanceKm(o.spoofLat!, o.spoofLon!, beirut.lat, beirut.lon)).toBeLessThan(2);
      // placed where it really is: its own track carried forward, far from Beirut
      expect(o.estimated).toBe(true);
      expect(distanceKm(o.lat, o.lon, beirut.lat, beirut.lon)).toBeGreaterThan(50);
    }
  });
});

describe('EntityStage: held at the jump target', () => {
  // an airliner east of Cyprus at 450 kt, thrown onto a Beirut-like airport and held there (the Levant events)
  const target = { lat: 33.8209, lon: 35.4884 };
  const flight = (id: string, count: number, everyMs: number, atTarget: (i: number) => Partial<Report>) =>
    straightTrack({
      id,
      lat: 34.6,
      lon: 33.2,
      t0: T0,
      gs: 450,
      track: 100,
      count,
      everyMs,
      fields: (i) => (i >= 30 ? goodAdsb({ lat: target.lat, lon: target.lon, ...atTarget(i) }) : goodAdsb()),
    });

  it('is spoofed on the second repeat of the target while it says it flies at 450 kt', () => {
    const reports = flight('icao:4cad01', 60, 1000, () => ({}));
    const { observations, events } = run(reports);
    expect(events.map((e) => `${e.kind}@${(e.t - T0) / 1000}`)).toEqual(['jump@30', 'spoofed@32']);
    const spoofed = observations.filter((o) => o.status === 'spoofed');
    expect(spoofed[0]!.t).toBe(T0 + 32_000);
    expect(observations.filter((o) => o.t < T0 + 32_000).every((o) => o.status === 'good')).toBe(true);
    for (const o of spoofed) {
      expect(has(o, EVIDENCE.JUMP)).toBe(true);
      expect([o.spoofLat, o.spoofLon]).toEqual([target.lat, target.lon]);
      // counted where its own track carries it, ~230 km from the airport
      expect(o.estimated).toBe(true);
      expect(distanceKm(o.lat, o.lon, target.lat, target.lon)).toBeGreaterThan(150);
    }
  });

  it('a target repeated at taxi speed is not confirmed by the repeats', () => {
    const { events, observations } = run(flight('icao:4cad02', 60, 1000, () => ({ gs: 20 })));
    expect(events.map((e) => e.kind)).toEqual(['jump']);
    expect(observations.some((o) => o.status === 'spoofed')).toBe(false);
  });

  it('a single outlier, heard twice, then back on the track is a glitch', () => {
    const reports = straightTrack({
      id: 'icao:4cad03',
      lat: 50,
      lon: 10,
      t0: T0,
      gs: 450,
      track: 90,
      count: 60,
      everyMs: 1000,
      fields: (i) => (i === 30 ? goodAdsb({ lat: 52, lon: 10 }) : goodAdsb()),
    });
    // the same message from a second receiver half a second later: one repeat, not two
    reports.splice(31, 0, { ...reports[30]!, t: T0 + 30_500 });
    const { observations, events } = run(reports);
    expect(events.map((e) => e.kind)).toEqual(['jump', 'glitch']);
    expect(observations.every((o) => o.status === 'good')).toBe(true);
  });

  it('checks GNSS against baro altitude on a repeated position too', () => {
    const reports = straightTrack({
      id: 'icao:4cad04',
      lat: 44,
      lon: 36,
      t0: T0,
      gs: 450,
      track: 120,
      count: 30,
      everyMs: 1000,
      fields: (i) => goodAdsb({ altGeom: i >= 12 ? 150 : 35_800 }),
    });
    // frozen from i = 11: every later report repeats that position
    for (const r of reports.slice(12)) {
      r.lat = reports[11]!.lat;
      r.lon = reports[11]!.lon;
    }
    const { events } = run(reports);
    expect(events.filter((e) => e.kind === 'alt-mismatch').map((e) => e.t)).toEqual([T0 + 14_000]);
  });
});

describe('EntityStage: where an affected craft was last healthy', () => {
  it('a degraded aircraft carries its last healthy position; a good one carries none', () => {
    const reports = straightTrack({
      id: 'icao:4cae01',
      lat: 55,
      lon: 20,
      t0: T0,
      gs: 450,
      track: 45,
      count: 120,
      everyMs: 1000,
      fields: (i) => goodAdsb(i >= 60 ? { nacp: 0, nic: 0, altBaro: 33_000 } : { altBaro: 34_000 }),
    });
    const { observations } = run(reports);
    const lastHealthy = reports[59]!;
    const degraded = observations.filter((o) => o.status === 'degraded');
    expect(degraded.length).toBeGreaterThan(3);
    for (const o of degraded) {
      expect([o.edgeLat, o.edgeLon, o.edgeAlt, o.edgeT]).toEqual([
        lastHealthy.lat,
        lastHealthy.lon,
        34_000,
        T0 + 59_000,
      ]);
    }
    const good = observations.filter((o) => o.status === 'good');
    expect(good.length).toBeGreaterThan(3);
    expect(good.some((o) => 'edgeLat' in o || 'edgeT' in o)).toBe(false);
  });

  it('a spoofed aircraft carries where it was before the jump, until the loss is older than degradedMaxMs', () => {
    const target = { lat: 33.8209, lon: 35.4884 };
    // one report every 5 s: the jump at i = 30 (150 s), held at the airport for 12 min
    const reports = straightTrack({
      id: 'icao:4cae02',
      lat: 34.6,
      lon: 33.2,
      t0: T0,
      gs: 450,
      track: 100,
      count: 180,
      everyMs: 5000,
      fields: (i) => (i >= 30 ? goodAdsb({ lat: target.lat, lon: target.lon }) : goodAdsb()),
    });
    const degradedMaxMs = 120_000;
    const { observations, stage } = run(reports, { degradedMaxMs });
    const before = reports[29]!;
    const spoofed = observations.filter((o) => o.status === 'spoofed');
    const fresh = spoofed.filter((o) => o.t - before.t <= degradedMaxMs);
    const stale = spoofed.filter((o) => o.t - before.t > degradedMaxMs);
    expect(fresh.length).toBeGreaterThan(3);
    expect(stale.length).toBeGreaterThan(3);
    for (const o of fresh) expect([o.edgeLat, o.edgeLon, o.edgeT]).toEqual([before.lat, before.lon, before.t]);
    for (const o of stale) expect(o.edgeLat ?? o.edgeLon ?? o.edgeAlt ?? o.edgeT).toBeUndefined();
    // and an aircraft is dead-reckoned for carryForwardMaxMs only: 10 min at 450 kt is 139 km, far over 20 km
    expect(spoofed.at(-1)!.t - before.t).toBeLessThanOrEqual(stage.options.carryForwardMaxMs);
    expect(reports.at(-1)!.t - before.t).toBeGreaterThan(stage.options.carryForwardMaxMs);
  });
});

describe('EntityStage: vessels', () => {
  const vessel = (id: string, count: number, fields?: (i: number) => Partial<Report>) =>
    straightTrack({ id, lat: 57.2, lon: 19.4, t0: T0, gs: 12, track: 45, count, everyMs: 10_000, fields });

  it('a vessel whose position freezes while it reports 12 kt is degraded after 5 min', () => {
    const first = vessel('mmsi:244123456', 31);
    const frozenAt = first.at(-1)!;
    const frozen = Array.from({ length: 48 }, (_, i): Report => ({ ...frozenAt, t: frozenAt.t + (i + 1) * 10_000 }));
    const { observations, events } = run([...first, ...frozen]);
    expect(events[0]).toMatchObject({ kind: 'frozen', t: frozenAt.t + 300_000, fromT: frozenAt.t });
    const degraded = observations.filter((o) => o.status === 'degraded');
    expect(degraded[0]!.t).toBe(frozenAt.t + 300_000);
    for (const o of degraded) {
      expect(has(o, EVIDENCE.FROZEN)).toBe(true);
      expect(o.estimated).toBe(true);
      expect(o.domain).toBe('sea');
      expect(o.alt).toBe(0);
    }
  });

  it('a 100 km jump of a vessel: spoofed at its dead-reckoned position, the false one in spoofLat/spoofLon, then back', () => {
    const id = 'mmsi:244000001';
    const offset = { lat: 0, lon: 0 };
    const reports = vessel(id, 90, (i) => {
      if (i < 30 || i >= 60) return {};
      const p = straightTrack({
        id,
        lat: 57.2,
        lon: 19.4,
        t0: T0,
        gs: 12,
        track: 45,
        count: i + 1,
        everyMs: 10_000,
      }).at(-1)!;
      destination(p.lat!, p.lon!, 90, 100, offset);
      return { lat: offset.lat, lon: offset.lon };
    });
    const { observations, events } = run(reports);
    expect(events.map((e) => e.kind)).toEqual(['jump', 'spoofed', 'jump', 'recovered']);
    expect(events[0]!.km).toBeCloseTo(100, 0);
    const spoofed = observations.filter((o) => o.status === 'spoofed');
    expect(spoofed.length).toBeGreaterThanOrEqual(3);
    for (const o of spoofed) {
      const truth = reports[(o.t - T0) / 10_000]!;
      expect(distanceKm(o.spoofLat!, o.spoofLon!, truth.lat!, truth.lon!)).toBeLessThan(0.01);
      expect(distanceKm(o.lat, o.lon, truth.lat!, truth.lon!)).toBeCloseTo(100, -1);
      expect(o.estimated).toBe(true);
      expect(has(o, EVIDENCE.JUMP)).toBe(true);
    }
    expect(observations.at(-1)!.status).toBe('good');
  });

  it('a vessel losing its fix (lat 91) is degraded by the counter', () => {
    const reports = vessel('mmsi:244000003', 40, (i) =>
      i >= 20 ? { lat: undefined, lon: undefined, posAvailable: false } : {},
    );
    const { observations } = run(reports);
    const degraded = observations.filter((o) => o.status === 'degraded');
    expect(degraded.length).toBeGreaterThan(0);
    expect(degraded.every((o) => has(o, EVIDENCE.LOST_FIX) && o.estimated)).toBe(true);
  });

  it('a vessel drawing circles is spoofed', () => {
    const id = 'mmsi:422000001';
    const p = { lat: 0, lon: 0 };
    const reports: Report[] = [];
    for (let i = 0; i * 4 <= 3 * 360; i++) {
      destination(25.8, 56.9, i * 4, 1.5, p);
      reports.push({
        schema: REPORT_SCHEMA_ID,
        src: 'ais',
        id,
        t: T0 + i * 30_000,
        lat: p.lat,
        lon: p.lon,
        gs: 8,
        track: (i * 4 + 90) % 360,
      });
    }
    const { observations, events } = run(reports);
    expect(events.some((e) => e.kind === 'circling')).toBe(true);
    const circling = observations.filter((o) => has(o, EVIDENCE.CIRCLING));
    expect(circling.length).toBeGreaterThan(0);
    expect(circling.every((o) => o.status === 'spoofed')).toBe(true);
  });

  describe('on land', () => {
    let mask: LandMask;
    beforeAll(() => {
      const path = createRequire(import.meta.url).resolve('world-atlas/land-50m.json');
      mask = buildLandMask(JSON.parse(readFileSync(path, 'utf8')));
    });

    it('a vessel thrown ashore near Boulogne is spoofed; one sailing into Rotterdam is not', () => {
      // at sea 2 km off the French coast, then 8 min later 12 km inland: 14 km in 8 min is within a ship's speed
      const atSea = straightTrack({
        id: 'mmsi:227000001',
        lat: 50.5,
        lon: 1.49,
        t0: T0,
        gs: 12,
        track: 90,
        count: 6,
        everyMs: 60_000,
      });
      const inland = (minutes: number, lon: number): Report => ({
        ...atSea[0]!,
        t: T0 + minutes * 60_000,
        lat: 50.5,
        lon,
      });
      const ashore = [inland(13, 1.72), inland(14, 1.725), inland(15, 1.73)];
      const start = { lat: 51.98, lon: 3.9 };
      const end = { lat: 51.9, lon: 4.48 };
      const port: Report[] = Array.from({ length: 111 }, (_, i) => ({
        schema: REPORT_SCHEMA_ID,
        src: 'ais',
        id: 'mmsi:244000002',
        t: T0 + i * 60_000,
        lat: start.lat + ((end.lat - start.lat) * i) / 110,
        lon: start.lon + ((end.lon - start.lon) * i) / 110,
        gs: 11,
        track: 100,
      }));
      expect(mask.isInland(end.lat, end.lon)).toBe(true); // Natural Earth puts Rotterdam inland…
      expect(mask.isLand(50.5, 1.516)).toBe(false);
      expect(mask.isInland(50.5, 1.72)).toBe(true);
      const { observations, events } = run(merged(atSea, ashore, port), {}, mask);
      expect(events.filter((e) => e.id === 'mmsi:244000002')).toEqual([]); // …but the ship got there by water
      expect(of(observations, 'mmsi:244000002').every((o) => o.status === 'good')).toBe(true);
      expect(events.filter((e) => e.id === 'mmsi:227000001').map((e) => e.kind)).toEqual(['ashore', 'spoofed']);
      const spoofed = of(observations, 'mmsi:227000001').filter((o) => o.status === 'spoofed');
      expect(spoofed.length).toBeGreaterThan(0);
      for (const o of spoofed) {
        expect(has(o, EVIDENCE.ON_LAND)).toBe(true);
        expect(o.spoofLon).toBeGreaterThan(1.7);
        expect(o.estimated).toBe(true); // counted where its own track carries it, not at the inland fix
        expect(o.lon).toBeLessThan(1.6);
      }
    });

    it('a vessel at anchor thrown 100 km inland is spoofed on its next report there, and stays at its anchorage', () => {
      const anchorage = { lat: 54.5, lon: 18.9 }; // the roads off Gdańsk
      const inland = destination(anchorage.lat, anchorage.lon, 180, 100, { lat: 0, lon: 0 });
      expect(mask.isLand(anchorage.lat, anchorage.lon)).toBe(false);
      expect(mask.isInland(inland.lat, inland.lon)).toBe(true);
      const id = 'mmsi:261000001';
      const EVERY = 180_000; // Class A at anchor: every 3 min
      const reports: Report[] = Array.from({ length: 40 }, (_, i) => ({
        schema: REPORT_SCHEMA_ID,
        src: 'ais',
        id,
        t: T0 + i * EVERY,
        // swinging round its anchor by a few metres, then thrown inland from i = 10 on
        lat: i >= 10 ? inland.lat : anchorage.lat + (i % 3) * 0.00003,
        lon: i >= 10 ? inland.lon : anchorage.lon,
        gs: 0.1,
        track: 200,
      }));
      const { observations, events, stage } = run(reports, {}, mask);
      // 100 km in 3 min is also an impossible jump: going ashore is the stronger sign, and a repeat confirms it
      expect(events.map((e) => `${e.kind}@${(e.t - T0) / EVERY}`)).toEqual(['ashore@10', 'spoofed@11']);
      const spoofed = observations.filter((o) => o.status === 'spoofed');
      expect(spoofed.map((o) => (o.t - T0) / EVERY)).toEqual(Array.from({ length: 29 }, (_, k) => 11 + k));
      const lastGood = reports[9]!;
      for (const o of spoofed) {
        expect(has(o, EVIDENCE.ON_LAND)).toBe(true);
        expect(o.estimated).toBe(true);
        expect(distanceKm(o.lat, o.lon, lastGood.lat!, lastGood.lon!)).toBeLessThan(1);
        expect(distanceKm(o.spoofLat!, o.spoofLon!, inland.lat, inland.lon)).toBeLessThan(0.01);
        // where it was last healthy rides along while the loss is recent (15 min), then not
        if (o.t - lastGood.t <= stage.options.degradedMaxMs) {
          expect([o.edgeLat, o.edgeLon, o.edgeAlt, o.edgeT]).toEqual([lastGood.lat, lastGood.lon, 0, lastGood.t]);
        } else expect(o.edgeLat ?? o.edgeT).toBeUndefined();
      }
      // still placed 87 min after its last good fix: at 0.1 kt it has drifted under 0.3 km
      expect(spoofed.at(-1)!.t - lastGood.t).toBeGreaterThan(stage.options.carryForwardMaxMs);
      // reports 6, 9, 12 and 15 min after the last healthy one
      expect(spoofed.filter((o) => o.edgeLat !== undefined).map((o) => (o.t - lastGood.t) / 60_000)).toEqual([
        6, 9, 12, 15,
      ]);
    });
  });
});

describe('EntityStage: state', () => {
  it('expires idle craft by stream time', () => {
    const reports = straightTrack({
      id: 'icao:4caa08',
      lat: 60,
      lon: 25,
      t0: T0,
      gs: 400,
      track: 0,
      count: 10,
      everyMs: 1000,
      fields: () => goodAdsb(),
    });
    const { stage } = run(reports);
    expect(stage.expire(T0 + 29 * 60_000)).toBe(0);
    expect(stage.expire(T0 + 31 * 60_000)).toBe(1);
    expect(stage.stats().trackedCraft).toBe(0);
  });

  it('a craft evicted and seen again starts afresh, and the new craft given its row inherits nothing', () => {
    const flight = (id: string, t0: number, count: number, fields: () => Partial<Report>) =>
      straightTrack({ id, lat: 60, lon: 25, t0, gs: 400, track: 90, count, everyMs: 1000, fields });
    const jammed = () => goodAdsb({ nic: 0, nacp: 0 });
    const a = 'icao:4caa10';
    // a flies well for 20 s; b arrives, then c (jammed from its first report) takes the row of a, the stalest
    const before = [
      ...flight(a, T0, 20, () => goodAdsb()),
      ...flight('icao:4caa11', T0 + 20_000, 1, () => goodAdsb()),
      ...flight('icao:4caa12', T0 + 21_000, 1, jammed),
    ];
    const back = flight(a, T0 + 30_000, 1, jammed);
    const evicting = run([...before, ...back], { maxCraft: 2 });
    const keeping = run([...before, ...back]);
    // kept, a has been healthy: its first bad report still counts it, as good
    expect(of(keeping.observations, a).at(-1)).toMatchObject({ t: T0 + 30_000, status: 'good' });
    expect(keeping.stage.stats().verdicts.arrivedDegraded).toBe(1);
    // evicted, a is new again: it arrives degraded, like c in a's old row
    expect(of(evicting.observations, a).at(-1)!.t).toBeLessThan(T0 + 30_000);
    expect(evicting.stage.stats().verdicts.arrivedDegraded).toBe(2);
    expect(evicting.stage.stats().trackedCraft).toBe(2);
  });

  it('restores last good positions: a restarted stage places a craft that sends no position', () => {
    const id = 'icao:4caa09';
    const before = straightTrack({
      id,
      lat: 60,
      lon: 25,
      t0: T0,
      gs: 400,
      track: 90,
      count: 30,
      everyMs: 1000,
      fields: () => goodAdsb(),
    });
    const { stage } = run(before);
    const snapshot = JSON.parse(JSON.stringify(stage.snapshot()));
    expect(snapshot.lastGood).toHaveLength(1);
    const restarted = new EntityStage();
    restarted.restore(snapshot);
    const last = before.at(-1)!;
    const o = restarted.process({
      ...last,
      t: last.t + 60_000,
      lat: undefined,
      lon: undefined,
      posAvailable: false,
      nic: undefined,
    });
    expect(o).not.toBeNull();
    expect(o!.estimated).toBe(true);
    // carried 60 s east at 400 kt: 12.3 km
    expect(distanceKm(last.lat!, last.lon!, o!.lat, o!.lon)).toBeCloseTo(12.3, 0);
    expect(() => restarted.restore({ schema: 'other' })).toThrow();
  });
});
