import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { distanceKm } from '../../../src/core/geodesy.js';
import { truthSchema } from '../../../src/schema/truth.js';
import { activeEmitters, compileEmitters } from '../../../src/sim/emitters.js';
import { emitterInReach } from '../../../src/sim/gnss.js';
import { Simulation, type SimulationResult, simulate } from '../../../src/sim/simulation.js';
import { decodePosition, messages, parseLine } from './ais-bits.js';
import { loadScenario, spoofScenario } from './fixtures.js';

interface Entry {
  hex: string;
  type: string;
  alt_baro: number | 'ground';
  lat?: number;
  lon?: number;
  seen_pos?: number;
  nac_p?: number;
  nic?: number;
  version?: number;
  gpsOkBefore?: number;
}

function snapshots(lines: readonly string[]): { now: number; aircraft: Entry[] }[] {
  return lines.map((l) => JSON.parse(l));
}

function digest(lines: readonly string[]): string {
  const h = createHash('sha256');
  for (const l of lines) h.update(l).update('\n');
  return h.digest('hex');
}

const demo = loadScenario('demo');
const jammer = demo.jammers[0]!;
const startS = Date.parse(demo.start) / 1000;
const onS = startS + jammer.on[0]!.fromMin * 60;
const offS = startS + jammer.on[0]!.toMin * 60;
let run: SimulationResult;

beforeAll(() => {
  run = simulate(demo);
});

describe('simulate (demo scenario)', () => {
  it('is deterministic: same scenario and seed, same lines; another seed, other lines', () => {
    const again = simulate(demo);
    expect(digest(again.adsbLines)).toBe(digest(run.adsbLines));
    expect(digest(again.aisLines)).toBe(digest(run.aisLines));
    expect(again.truth).toEqual(run.truth);
    const other = simulate(demo, demo.seed + 1);
    expect(digest(other.adsbLines)).not.toBe(digest(run.adsbLines));
  });

  it('writes one aircraft.json snapshot per second with readsb fields', () => {
    const snaps = snapshots(run.adsbLines);
    expect(snaps).toHaveLength(demo.durationMin * 60);
    expect(snaps[1]!.now - snaps[0]!.now).toBe(1);
    const entries = snaps.flatMap((s) => s.aircraft);
    expect(entries.length).toBeGreaterThan(10_000);
    for (const a of entries.slice(0, 2000)) {
      expect(a.hex).toMatch(/^[0-9a-f]{6}$/);
      expect(['adsb_icao', 'mlat']).toContain(a.type);
      expect(typeof a.alt_baro === 'number' || a.alt_baro === 'ground').toBe(true);
    }
    expect(entries.some((a) => a.gpsOkBefore !== undefined)).toBe(true);
    expect(entries.some((a) => a.alt_baro === 'ground')).toBe(true);
  });

  it('writes AIS sentences with valid checksums, tag blocks and decodable positions', () => {
    expect(run.aisLines.length).toBeGreaterThan(500);
    const parsed = run.aisLines.map(parseLine);
    expect(parsed.every((s) => s.tag !== undefined)).toBe(true);
    const types = new Set(messages(run.aisLines).map((m) => Number.parseInt(m.bits.slice(0, 6), 2)));
    for (const t of [1, 5, 18, 24]) expect(types).toContain(t);
    for (const m of messages(run.aisLines)) {
      const type = Number.parseInt(m.bits.slice(0, 6), 2);
      if (type === 5) expect(m.bits).toHaveLength(424);
      if (type !== 1 && type !== 3 && type !== 18) continue;
      const p = decodePosition(m.bits);
      const unavailable = p.lat === 91 && p.lon === 181;
      if (!unavailable) {
        expect(p.lat).toBeGreaterThan(demo.area.south - 1);
        expect(p.lat).toBeLessThan(demo.area.north + 1);
      }
    }
  });

  it('writes a ground truth that matches the scenario', () => {
    const truth = truthSchema.parse(run.truth);
    expect(truth.scenario).toBe('demo');
    expect(truth.seed).toBe(demo.seed);
    expect(truth.start).toBe('2026-01-10T16:00:00.000Z');
    expect(truth.end).toBe('2026-01-10T16:25:00.000Z');
    expect(truth.events).toHaveLength(1);
    const e = truth.events[0]!;
    expect(e).toMatchObject({
      id: 'kaliningrad#1',
      kind: 'jamming',
      start: '2026-01-10T16:05:00.000Z',
      end: '2026-01-10T16:22:00.000Z',
      emitter: { lat: jammer.lat, lon: jammer.lon, altitudeM: jammer.altitudeM },
      radiusKm: 250,
      domains: ['air', 'sea'],
    });
    expect(e.reachKm.sea).toBeLessThan(40);
    expect(e.affected.aircraft).toBeGreaterThan(5);
    expect(e.affected.vessels).toBeGreaterThan(0);
    for (const c of e.craft) {
      expect(Date.parse(c.from)).toBeGreaterThanOrEqual(Date.parse(e.start));
      expect(Date.parse(c.from)).toBeLessThan(Date.parse(e.end));
    }
    expect(truth.counts.adsbSnapshots).toBe(run.adsbLines.length);
    expect(truth.counts.aisSentences).toBe(run.aisLines.length);
  });

  it('makes aircraft lose NACp inside the jammer reach and keep it outside', () => {
    const nuisance = new Set(
      [...run.truth.nuisances.chronicBad, ...run.truth.nuisances.degradedOnEntry].map((id) => id.slice(5)),
    );
    let inside = 0;
    let insideLost = 0;
    let outside = 0;
    let outsideLost = 0;
    let off = 0;
    let offLost = 0;
    for (const s of snapshots(run.adsbLines)) {
      for (const a of s.aircraft) {
        if (a.type !== 'adsb_icao' || a.version !== 2 || nuisance.has(a.hex)) continue;
        if (a.alt_baro === 'ground' || a.alt_baro < 10_000 || a.lat === undefined || a.seen_pos! > 2) continue;
        const km = distanceKm(a.lat, a.lon!, jammer.lat, jammer.lon);
        if (s.now >= onS + 60 && s.now < offS) {
          if (km < 200) {
            inside++;
            if (a.nac_p === 0) insideLost++;
          } else if (km > 280) {
            outside++;
            if (a.nac_p === 0) outsideLost++;
          }
        } else if (s.now < onS || s.now > offS + 90) {
          off++;
          if (a.nac_p === 0) offLost++;
        }
      }
    }
    expect(inside).toBeGreaterThan(500);
    expect(insideLost / inside).toBeGreaterThan(0.75);
    expect(outside).toBeGreaterThan(500);
    expect(outsideLost).toBe(0);
    expect(off).toBeGreaterThan(1000);
    expect(offLost).toBe(0);
  });

  it('marks ships unavailable (lat 91 / lon 181) only while jammed, and only ships in the truth', () => {
    const affected = new Set(
      run.truth.events[0]!.craft.filter((c) => c.domain === 'sea').map((c) => Number(c.id.slice(5))),
    );
    let unavailable = 0;
    for (const m of messages(run.aisLines)) {
      const type = Number.parseInt(m.bits.slice(0, 6), 2);
      if (type !== 1 && type !== 3 && type !== 18) continue;
      const p = decodePosition(m.bits);
      if (p.lat !== 91) continue;
      unavailable++;
      expect(affected.has(p.mmsi)).toBe(true);
      expect(m.tag!.time).toBeGreaterThanOrEqual(onS);
      expect(m.tag!.time).toBeLessThanOrEqual(offS + 60);
    }
    expect(unavailable).toBeGreaterThan(0);
  });

  it('gives the truth only after all lines were read, and runs once', () => {
    const sim = new Simulation(demo);
    expect(() => sim.truth()).toThrow(/after all lines/);
    const it = sim.lines();
    it.next();
    expect(() => sim.lines().next()).toThrow(/once/);
  });
});

describe('interference reach by domain', () => {
  it('reaches an aircraft at altitude 150 km away but not a ship at the same place', () => {
    const emitters = compileEmitters(demo);
    const active = activeEmitters(emitters, Date.parse(demo.start) + 10 * 60_000);
    expect(active).toHaveLength(1);
    const lat = jammer.lat;
    const lon = jammer.lon + 150 / (111.2 * Math.cos((lat * Math.PI) / 180));
    expect(emitterInReach(active, lat, lon, 10_000, 0)).toBeDefined();
    expect(emitterInReach(active, lat, lon, 10, 0)).toBeUndefined();
    // A ship 20 km off is reached; a susceptibility above the affected fraction is never reached.
    const near = jammer.lon + 20 / (111.2 * Math.cos((lat * Math.PI) / 180));
    expect(emitterInReach(active, lat, near, 10, 0)).toBeDefined();
    expect(emitterInReach(active, lat, near, 10, 0.95)).toBeUndefined();
    expect(activeEmitters(emitters, Date.parse(demo.start))).toHaveLength(0);
  });
});

describe('spoofing', () => {
  const runs = new Map<string, ReturnType<typeof spoofRun>>();
  function spoofedShipPositions(mode: 'point' | 'circle' | 'offset') {
    if (!runs.has(mode)) runs.set(mode, spoofRun(mode));
    return runs.get(mode)!;
  }
  function spoofRun(mode: 'point' | 'circle' | 'offset') {
    const scenario = spoofScenario(mode);
    const result = simulate(scenario);
    const sp = scenario.spoofers[0]!;
    const from = Date.parse(scenario.start) / 1000 + sp.on[0]!.fromMin * 60;
    const to = Date.parse(scenario.start) / 1000 + sp.on[0]!.toMin * 60;
    const positions = messages(result.aisLines)
      .filter((m) => [1, 3, 18].includes(Number.parseInt(m.bits.slice(0, 6), 2)))
      .map((m) => ({ t: m.tag!.time, ...decodePosition(m.bits) }));
    return { scenario, result, sp, from, to, positions };
  }

  it('teleports ships to the target (point) while the spoofer is on', () => {
    const { result, sp, from, to, positions } = spoofedShipPositions('point');
    const target = sp.target!;
    const during = positions.filter((p) => p.t > from + 60 && p.t < to);
    const atTarget = during.filter((p) => distanceKm(p.lat, p.lon, target.lat, target.lon) < 0.5);
    expect(during.length).toBeGreaterThan(50);
    expect(atTarget.length / during.length).toBeGreaterThan(0.9);
    const before = positions.filter((p) => p.t < from);
    expect(before.every((p) => distanceKm(p.lat, p.lon, target.lat, target.lon) > 50)).toBe(true);
    const e = result.truth.events[0]!;
    expect(e).toMatchObject({ kind: 'spoofing', mode: 'point', spoofTarget: { lat: target.lat, lon: target.lon } });
    expect(e.affected.vessels).toBeGreaterThan(5);
  });

  it('makes ships circle the target (circle)', () => {
    const { sp, from, to, positions } = spoofedShipPositions('circle');
    const during = positions.filter((p) => p.t > from + 60 && p.t < to);
    const radii = during.map((p) => distanceKm(p.lat, p.lon, sp.target!.lat, sp.target!.lon));
    expect(radii.length).toBeGreaterThan(50);
    for (const r of radii) expect(Math.abs(r - sp.circleRadiusKm)).toBeLessThan(0.05);
    const perShip = new Map<number, number>();
    for (const p of during) perShip.set(p.mmsi, (perShip.get(p.mmsi) ?? 0) + 1);
    expect(perShip.size).toBeGreaterThan(5);
  });

  it('shows spoofed aircraft at the target with high integrity first, then NACp 0', () => {
    const { result, sp, from, to } = spoofedShipPositions('point');
    const target = sp.target!;
    const seen = new Map<string, { confident: boolean; lost: boolean }>();
    for (const s of snapshots(result.adsbLines)) {
      if (s.now < from || s.now > to) continue;
      for (const a of s.aircraft) {
        if (a.lat === undefined || distanceKm(a.lat, a.lon!, target.lat, target.lon) > 0.5) continue;
        const v = seen.get(a.hex) ?? { confident: false, lost: false };
        if (a.nac_p! >= 8) v.confident = true;
        if (a.nac_p === 0 && v.confident) v.lost = true;
        seen.set(a.hex, v);
      }
    }
    expect(seen.size).toBeGreaterThan(2);
    expect([...seen.values()].filter((v) => v.confident && v.lost).length).toBeGreaterThan(1);
  });

  it('shifts ships by the offset (offset)', () => {
    const { result, positions, from, to } = spoofedShipPositions('offset');
    const e = result.truth.events[0]!;
    expect(e.mode).toBe('offset');
    expect(distanceKm(e.emitter.lat, e.emitter.lon, e.spoofTarget!.lat, e.spoofTarget!.lon)).toBeCloseTo(50, 0);
    // The lane lies between latitudes 44.5 and 44.55; shifted ships appear about 30 km further north.
    const during = positions.filter((p) => p.t > from + 60 && p.t < to);
    expect(during.some((p) => p.lat > 44.7)).toBe(true);
    expect(positions.filter((p) => p.t < from).every((p) => p.lat < 44.6)).toBe(true);
  });
});
