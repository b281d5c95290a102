import { median } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { EntityStage } from '../../../src/core/entity/entity-stage.js';
import { distanceKm } from '../../../src/core/geodesy.js';
import { cellAt } from '../../../src/core/region/cells.js';
import { type ObservationSource, Pipeline } from '../../../src/core/topology.js';
import { type Alert, alertSchema } from '../../../src/schema/alert.js';
import type { AnomalousCell, CellRow } from '../../../src/schema/cell.js';
import { EVIDENCE, OBSERVATION_SCHEMA_ID, type Observation } from '../../../src/schema/observation.js';
import { REPORT_SCHEMA_ID, type Report } from '../../../src/schema/report.js';
import { jammerScenario, scenarioObservations } from './event/synthetic-jammer.js';

const T0 = Date.UTC(2026, 0, 7, 6, 0, 0);
const SECOND = 1000;
const MINUTE = 60_000;

/** A stand-in for the entity stage: one observation per report, degraded when NACp < 7. */
class FakeEntityStage implements ObservationSource {
  readonly expired: number[] = [];
  process(report: Report): Observation | null {
    const lat = report.lat ?? 0;
    const lon = report.lon ?? 0;
    const degraded = (report.nacp ?? 11) < 7;
    return {
      schema: OBSERVATION_SCHEMA_ID,
      t: report.t,
      cell: cellAt(lat, lon, 4),
      id: report.id,
      domain: report.src === 'adsb' ? 'air' : 'sea',
      status: degraded ? 'degraded' : 'good',
      lat,
      lon,
      alt: report.altBaro ?? 0,
      estimated: false,
      evidence: degraded ? EVIDENCE.NACP_LOW : 0,
    };
  }
  expire(streamTimeMs: number): void {
    this.expired.push(streamTimeMs);
  }
}

function report(t: number, n: number, nacp: number): Report {
  return {
    schema: REPORT_SCHEMA_ID,
    src: 'adsb',
    id: `icao:${(0xa00000 + n).toString(16)}`,
    t,
    lat: 55 + (n % 5) * 0.02,
    lon: 20,
    altBaro: 35_000,
    nacp,
  };
}

/** Ten aircraft reporting every 10 s for `minutes`, the first `bad` of them with NACp 0. */
function traffic(from: number, minutes: number, bad: number): Report[] {
  const out: Report[] = [];
  for (let s = 0; s < minutes * 60; s += 10)
    for (let n = 0; n < 10; n++) out.push(report(from + s * SECOND + n, n, n < bad ? 0 : 9));
  return out;
}

interface Outputs {
  rows: CellRow[];
  cells: AnomalousCell[];
  alerts: Alert[];
  observations: number;
}

function replay(
  reports: readonly Report[],
  entity: ObservationSource = new FakeEntityStage(),
): Outputs & { pipeline: Pipeline } {
  const out: Outputs = { rows: [], cells: [], alerts: [], observations: 0 };
  const pipeline = new Pipeline(
    entity,
    {},
    {
      observation: () => out.observations++,
      row: (r) => out.rows.push(r),
      cell: (c) => out.cells.push(c),
      alert: (a) => out.alerts.push(alertSchema.parse(a)),
    },
  );
  for (const r of reports) pipeline.process(r);
  return { ...out, pipeline };
}

describe('pipeline', () => {
  it('runs the ticks that stream time has passed, in order: the entity side at newest − 5 s, the region 5 s later', () => {
    const entity = new FakeEntityStage();
    const { rows, pipeline, observations } = replay(traffic(T0, 1, 0), entity);
    // the observations of the last 5 s wait until the entity side is complete up to them (more input, or finish)
    expect(observations).toBe(50);
    // The last report is at T0 + 50 s + 9 ms: the entity side is complete up to T0 + 45.009 s, and the region stage,
    // fed the observations up to there, trails it by the late allowance again, as a worker's region task does.
    expect(entity.expired).toEqual([T0, T0 + 15 * SECOND, T0 + 30 * SECOND, T0 + 45 * SECOND]);
    expect(pipeline.streamTime).toBeGreaterThanOrEqual(T0 + 40 * SECOND);
    expect(pipeline.streamTime).toBeLessThan(T0 + 45 * SECOND);
    const ticks = [...new Set(rows.map((r) => r.t))];
    expect(ticks).toEqual([T0, T0 + 15 * SECOND, T0 + 30 * SECOND]);
  });

  it('hands the region stage the observations in event-time order, whatever the order of the reports', () => {
    const reports = traffic(T0, 1, 0);
    const shuffled = reports.slice();
    // swap neighbours a second apart: a merged feed's readsb snapshots are a second or two out of order
    for (let i = 0; i + 1 < shuffled.length; i += 7) [shuffled[i], shuffled[i + 1]] = [shuffled[i + 1]!, shuffled[i]!];
    const seen: number[] = [];
    const pipeline = new Pipeline(new FakeEntityStage(), {}, { observation: (o) => seen.push(o.t) });
    for (const r of shuffled) pipeline.process(r);
    pipeline.finish();
    expect(seen).toEqual(seen.slice().sort((a, b) => a - b));
    expect(seen.length).toBe(60);
  });

  it('opens an alert for a jammed cell and resolves it on finish', () => {
    const { alerts, cells, pipeline } = replay([...traffic(T0, 10, 0), ...traffic(T0 + 10 * MINUTE, 10, 6)]);
    expect(cells.length).toBeGreaterThan(0);
    expect(alerts.map((a) => a.status)).toEqual(['open']);
    const before = alerts.length;
    pipeline.finish();
    const after = alerts.slice(before);
    expect(after.map((a) => a.status)).toContain('resolved');
    expect(after.at(-1)!.id).toBe(alerts[0]!.id);
  });

  it('is deterministic: the same reports twice give identical rows, cells and alerts', () => {
    const reports = [...traffic(T0, 5, 1), ...traffic(T0 + 5 * MINUTE, 5, 7)];
    const a = replay(reports);
    const b = replay(reports);
    a.pipeline.finish();
    b.pipeline.finish();
    const strip = (o: Outputs) => JSON.stringify([o.rows, o.cells, o.alerts]);
    expect(strip(b)).toBe(strip(a));
  });

  it('runs the real entity stage: 20 aircraft, 12 of them with NACp 0 for 10 minutes, give a jamming alert', () => {
    const reports: Report[] = [];
    for (let s = 0; s < 15 * 60; s += 2) {
      for (let n = 0; n < 20; n++) {
        const r = report(T0 + s * SECOND + n, n, n < 12 && s >= 5 * 60 ? 0 : 9);
        reports.push({
          ...r,
          lon: 20 + (n % 4) * 0.02 + s * 0.0001,
          gs: 450,
          track: 90,
          adsbVersion: 2,
          nic: 8,
          posSource: 'adsb',
        });
      }
    }
    const { alerts, rows, pipeline } = replay(reports, new EntityStage());
    pipeline.finish();
    expect(rows.length).toBeGreaterThan(0);
    expect(alerts.map((a) => `${a.kind}:${a.status}`)).toContain('jamming:open');
    expect(alerts.at(-1)!.status).toBe('resolved');
  });

  it('never moves stream time backwards', () => {
    const { pipeline } = replay(traffic(T0, 1, 0));
    const now = pipeline.streamTime;
    pipeline.advance(now - MINUTE);
    expect(pipeline.streamTime).toBe(now);
  });

  it('finds a synthetic 200 km jammer end to end and places its emitter within 15 km (median of 4)', () => {
    const errors: number[] = [];
    let covered = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const scenario = jammerScenario({ seed, count: 3000 });
      const alerts: Alert[] = [];
      const pipeline = new Pipeline(new FakeEntityStage(), {}, { alert: (a) => alerts.push(alertSchema.parse(a)) });
      for (const o of scenarioObservations(scenario, T0, 8 * MINUTE)) pipeline.processObservation(o);
      pipeline.finish();
      expect(alerts.filter((a) => a.status === 'open')).toHaveLength(1);
      expect(alerts.at(-1)!.status).toBe('resolved');
      // The first message that locates the emitter (the opening one may come too early to).
      const located = alerts.find((a) => a.emitter !== undefined)!;
      const error = distanceKm(scenario.jammer.lat, scenario.jammer.lon, located.emitter!.lat, located.emitter!.lon);
      errors.push(error);
      if (error <= located.emitter!.errorKm) covered++;
    }
    expect(median(errors)).toBeLessThan(15);
    expect(covered).toBeGreaterThanOrEqual(3);
  });
});
