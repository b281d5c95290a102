import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EntityStage } from '../../../../src/core/entity/entity-stage.js';
import type { TrackEvent } from '../../../../src/core/entity/track-event.js';
import { distanceKm } from '../../../../src/core/geodesy.js';
import { EVIDENCE, type Observation } from '../../../../src/schema/observation.js';
import { REPORT_SCHEMA_ID, type Report } from '../../../../src/schema/report.js';
import { corpusPath } from '../../../corpus.js';

/**
 * The real THY9BP track (17 Sep 2024, OpenSky via the `traffic` library): pandas column JSON, one row a second, each
 * row carrying the latest position and the time it was received (`last_position`). Converted as our decoders would:
 * one report per position event (a new `last_position`), at that time. No NIC/NACp in this data, so only the track
 * rules can judge it.
 */
type Columns = Record<string, Record<string, number | string | null>>;

function thy9bpReports(): Report[] {
  const text = gunzipSync(readFileSync(corpusPath('adsb', 'traffic', 'noisy_spoofing.json.gz'))).toString('utf8');
  const data = JSON.parse(text) as Columns;
  const column = (name: string) => data[name]!;
  const rows = Object.keys(column('timestamp')).sort((a, b) => Number(a) - Number(b));
  const reports: Report[] = [];
  let lastPositionAt = -1;
  for (const row of rows) {
    const lat = column('latitude')[row];
    const lon = column('longitude')[row];
    const at = column('last_position')[row];
    if (typeof lat !== 'number' || typeof lon !== 'number' || typeof at !== 'number' || at === lastPositionAt) continue;
    lastPositionAt = at;
    const report: Report = {
      schema: REPORT_SCHEMA_ID,
      src: 'adsb',
      id: `icao:${column('icao24')[row]}`,
      t: at,
      lat,
      lon,
    };
    const gs = column('groundspeed')[row];
    const track = column('track')[row];
    const alt = column('altitude')[row];
    if (typeof gs === 'number') report.gs = gs;
    if (typeof track === 'number') report.track = track;
    if (typeof alt === 'number') report.altBaro = alt;
    report.callsign = String(column('callsign')[row]);
    reports.push(report);
  }
  return reports;
}

function run(reports: Report[]) {
  const events: TrackEvent[] = [];
  const stage = new EntityStage({}, { onTrackEvent: (e) => events.push(e) });
  const observations: Observation[] = [];
  for (const r of reports) {
    const o = stage.process(r);
    if (o !== null) observations.push(o);
  }
  return { events, observations, stats: stage.stats() };
}

const iso = (t: number) => new Date(t).toISOString();

describe('THY9BP, a real spoofed flight over Hungary/Romania (17 Sep 2024)', () => {
  const reports = thy9bpReports();
  const { events, observations, stats } = run(reports);

  it('converts the rows into position events', () => {
    expect(reports.length).toBeGreaterThan(4000);
    expect(reports.every((r, i) => i === 0 || r.t > reports[i - 1]!.t)).toBe(true);
  });

  it('finds the position frozen for 19 minutes at 47.44 N 22.92 E', () => {
    const frozen = events.filter((e) => e.kind === 'frozen');
    const thawed = events.filter((e) => e.kind === 'thawed');
    expect(frozen).toHaveLength(1);
    expect(thawed).toHaveLength(1);
    const f = frozen[0]!;
    expect(f.lat).toBeCloseTo(47.4369, 3);
    expect(f.lon).toBeCloseTo(22.9151, 3);
    expect(iso(f.fromT!)).toBe('2024-09-17T09:04:50.513Z');
    expect(thawed[0]!.durationMs! / 60_000).toBeGreaterThan(19);
    expect(thawed[0]!.durationMs! / 60_000).toBeLessThan(20);
  });

  it('finds the 260 km jump that ends the freeze and the 563 km jump back', () => {
    const jumps = events.filter((e) => e.kind === 'jump');
    const first = jumps.find((e) => Math.abs(e.km! - 260.6) < 1);
    const second = jumps.find((e) => Math.abs(e.km! - 563.1) < 1);
    expect(first, JSON.stringify(jumps)).toBeDefined();
    expect(second, JSON.stringify(jumps)).toBeDefined();
    // after 18 min without a new position the first jump is within a jet's reach, but far off its own track
    expect(first!.reason).toBe('off-track');
    expect(iso(first!.t)).toBe('2024-09-17T09:24:24.700Z');
    // 563 km in 626 s is 1,750 kt
    expect(second!.reason).toBe('speed');
    expect(iso(second!.t)).toBe('2024-09-17T09:58:10.588Z');
    expect(second!.km! / ((second!.t - second!.fromT!) / 3_600_000) / 1.852).toBeGreaterThan(1500);
  });

  it('holds the craft spoofed between the two jumps, then back on its real track', () => {
    const spoofed = events.filter((e) => e.kind === 'spoofed');
    const recovered = events.filter((e) => e.kind === 'recovered');
    expect(spoofed.map((e) => iso(e.t))).toEqual(['2024-09-17T09:24:25.082Z']);
    expect(recovered.map((e) => iso(e.t))).toEqual(['2024-09-17T09:58:10.588Z']);
    expect(stats.episodes.spoofed).toBe(1);
  });

  it('sends the frozen craft as degraded at its dead-reckoned position, never at the frozen one', () => {
    // no report arrives during the freeze: the one observation is at the repeat that revealed it
    const frozenObs = observations.filter((o) => (o.evidence & EVIDENCE.FROZEN) !== 0);
    expect(frozenObs).toHaveLength(1);
    const o = frozenObs[0]!;
    expect(iso(o.t)).toBe('2024-09-17T09:06:18.456Z');
    expect(o.status).toBe('degraded');
    expect(o.estimated).toBe(true);
    // 88 s at 481 kt along 324.7° from the frozen fix: 21.8 km north-west of it
    expect(distanceKm(47.4368591309, 22.9150772095, o.lat, o.lon)).toBeCloseTo(21.8, 0);
    expect(o.lat).toBeGreaterThan(47.437);
    expect(o.lon).toBeLessThan(22.915);
  });

  it('does not place the spoofed craft once its last good position is more than 10 min old', () => {
    expect(observations.filter((o) => o.status === 'spoofed')).toHaveLength(0);
    const from = Date.parse('2024-09-17T09:24:25.082Z');
    const to = Date.parse('2024-09-17T09:58:10.588Z');
    const whileSpoofed = reports.filter((r) => r.t >= from && r.t < to).length;
    expect(whileSpoofed).toBeGreaterThan(700);
    expect(stats.verdicts.unplaced).toBe(whileSpoofed);
    // no NIC/NACp: a healthy THY9BP is never counted as good (it cannot be judged for jamming)
    expect(observations.filter((o) => o.status === 'good')).toHaveLength(0);
    expect(stats.verdicts.noIntegrity).toBeGreaterThan(3000);
  });
});
