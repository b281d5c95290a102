import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceKm } from '../../src/core/geodesy.js';
import type { Alert } from '../../src/schema/alert.js';
import type { CellRow } from '../../src/schema/cell.js';
import { parseScenario } from '../../src/schema/scenario.js';
import { writeSimulation } from '../../src/sim/write.js';
import { dashboard, panelsOf } from '../unit/grafana/grafana-model.js';
import { runCli } from './cli.js';
import {
  checkAnnotations,
  checkPanel,
  clearAround,
  column,
  dashboardRunner,
  type Frame,
  panel,
  type Run,
  series,
  tables,
} from './dashboard-run.js';
import { gpsjamCsvOf } from './gpsjam-csv.js';
import { influxConfig, influxQuery, services } from './services.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const DEMO = resolve(import.meta.dirname, '../../config/scenarios/demo.json');
const EAST_MED = resolve(import.meta.dirname, '../../config/scenarios/east-med-spoofing.json');

/** When an alert message lands in InfluxDB (src/adapters/influx/line-protocol.ts): when it was published. */
const messageTime = (a: Alert) => Date.parse(a.updatedAt);

/** InfluxDB keeps one point per id, severity and time: a later message with the same three replaces one. */
function points(messages: Alert[]): Alert[] {
  const out = new Map<string, Alert>();
  for (const a of messages) out.set(`${a.id}/${a.severity}/${messageTime(a)}`, a);
  return [...out.values()].sort((a, b) => messageTime(a) - messageTime(b));
}

/** Per alert id, the latest of its messages that InfluxDB holds before `at`. */
function latestOf(messages: Alert[], at: number): Map<string, Alert> {
  const out = new Map<string, Alert>();
  for (const a of messages) {
    const t = messageTime(a);
    if (t < at && (out.get(a.id) === undefined || messageTime(out.get(a.id)!) <= t)) out.set(a.id, a);
  }
  return out;
}

/** The latest row of each cell among `rows`. */
function latestByCell(rows: CellRow[]): Map<string, CellRow> {
  const out = new Map<string, CellRow>();
  for (const r of rows) if ((out.get(r.cell)?.t ?? -1) <= r.t) out.set(r.cell, r);
  return out;
}

function geomapLayer(run: Run, d: ReturnType<typeof dashboard>, refId: string): Frame[] {
  return run.panels.get(panelsOf(d).find((p) => p.type === 'geomap')!)!.get(refId)!;
}

/**
 * The demo scenario moved to a random day of the 2050s (a range no other test writes; AIS tag blocks before 1990 are
 * refused as implausible), simulated, and replayed with
 * `jamwatch replay --influx` into the real InfluxDB: every panel of both dashboards, the alert rules, the long-range
 * aggregates and the gpsjam export must show what the replay itself wrote to alerts.ndjson and cells.ndjson.
 */
describe('Grafana dashboards on a scenario replayed into the real InfluxDB', () => {
  const s = services();
  const config = influxConfig({
    retentionDays: 0,
  });
  const query = influxQuery();
  const { runDashboard, firingRules } = dashboardRunner(query, config);
  const day = Date.UTC(2050, 0, 1) + randomInt(0, 3650) * DAY;
  const dayText = new Date(day).toISOString().slice(0, 10);
  const start = day + 16 * HOUR;
  const dir = mkdtempSync(join(tmpdir(), 'jamwatch-dash-replay-'));
  const overview = dashboard('jamwatch-overview');
  const detail = dashboard('jamwatch-alert');
  let files: string[];
  let alerts: Alert[];
  let rows: CellRow[];
  let reports: number;
  let end: number;

  async function replay(): Promise<string> {
    const out = await runCli(['replay', ...files, '--out', join(dir, 'out'), '--influx', '--quiet'], s.env);
    expect(out.code, out.stderr).toBe(0);
    return out.stdout;
  }

  beforeAll(async () => {
    const scenario = JSON.parse(readFileSync(DEMO, 'utf8'));
    const sim = writeSimulation(
      join(dir, 'feed'),
      parseScenario({ ...scenario, start: new Date(start).toISOString() }),
    );
    files = [sim.files.adsb, sim.files.ais];
    await clearAround(config, day);
    const stdout = await replay();
    reports = Number(/ from (\d+) reports/.exec(stdout)![1]);
    const points = Number(/wrote (\d+) points to InfluxDB/.exec(stdout)![1]);
    expect(stdout).toContain('aggregated 1 day');
    const lines = (file: string) =>
      readFileSync(join(dir, 'out', file), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    alerts = lines('alerts.ndjson') as Alert[];
    rows = lines('cells.ndjson') as CellRow[];
    expect(points).toBeGreaterThan(rows.length + alerts.length);
    end = Math.max(...rows.map((r) => r.t), ...alerts.map(messageTime)) + 1;
    // The printed dashboard link spans the replay with 10 minutes either side.
    const link = /overview\?from=(\d+)&to=(\d+)/.exec(stdout)!;
    expect([Number(link[1]), Number(link[2])]).toEqual([
      Math.min(...rows.map((r) => r.t), ...alerts.map(messageTime)) - 600_000,
      end + 600_000,
    ]);
    // The demo: a jamming alert that is open at the quarter hour, and some that resolve before the end.
    expect(alerts.some((a) => a.kind === 'jamming' && a.severity === 'high')).toBe(true);
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('overview, mid-run: every panel has its shape, and shows the open alerts and the cells the replay wrote', async () => {
    const mid = start + 15 * MINUTE;
    const open = [...latestOf(alerts, mid).values()].filter((a) => a.status !== 'resolved');
    expect(open.length).toBeGreaterThan(0);
    for (const src of ['all', 'adsb', 'ais'] as const) {
      const run = await runDashboard(overview, start, mid, 15_000, { src });
      // The demo has no spoofing: the spoof-target layer is empty.
      for (const [p, byRefId] of run.panels) checkPanel(p, byRefId, true, ['Spoof targets']);
      checkAnnotations(overview, run, points(alerts.filter((a) => messageTime(a) < mid)).length);

      // The map: one marker per cell of this source, at the level of its latest row.
      const latest = latestByCell(rows.filter((r) => r.src === src && r.t < mid));
      const cells = geomapLayer(run, overview, 'A');
      expect(new Set(column(cells, 'cell'))).toEqual(new Set(latest.keys()));
      const levels = column(cells, 'level');
      column(cells, 'cell').forEach((cell, i) => {
        expect(levels[i], String(cell)).toBe(latest.get(cell as string)!.level);
      });
      const anomalous = [...latest.values()].filter((r) => r.level >= 1).length;
      expect(tables(panel(run, 'Cells now').get('A')!)[0]!.fields.get('anomalous')!.values).toEqual([anomalous]);
    }

    const run = await runDashboard(overview, start, mid, 15_000);
    const table = panel(run, 'Open alerts').get('A')!;
    const byScore = [...open].sort((a, b) => b.score - a.score);
    expect(column(table, 'id')).toEqual(byScore.map((a) => a.id));
    expect(column(table, 'marker_lat')).toEqual(byScore.map((a) => (a.emitter ?? a.area.center).lat));
    expect(column(table, 'n_cells')).toEqual(byScore.map((a) => a.area.cells.length));
    const counts = tables(panel(run, 'Open alerts and affected craft').get('A')!)[0]!.fields;
    expect(counts.get('alerts')!.values).toEqual([open.length]);
    expect(counts.get('aircraft')!.values).toEqual([open.reduce((n, a) => n + a.affected.aircraft, 0)]);
    expect(counts.get('vessels')!.values).toEqual([open.reduce((n, a) => n + a.affected.vessels, 0)]);
  });

  it('overview feed health: one rate per file, and the rates add up to every report replayed', async () => {
    const windowMs = 60_000;
    const run = await runDashboard(overview, start - HOUR, end + HOUR, windowMs);
    const rates = series(panel(run, 'Reports per second').get('A')!);
    expect(new Set(rates.map((r) => `${r.labels.src} ${r.labels.topic}`))).toEqual(
      new Set(['adsb adsb.jsonl', 'ais ais.nmea']),
    );
    const total = rates.flatMap((r) => r.values as number[]).reduce((a, b) => a + b, 0) * (windowMs / 1000);
    expect(Math.round(total)).toBe(reports);
    const invalid = series(panel(run, 'Invalid reports').get('A')!);
    expect(invalid.flatMap((r) => r.values)).not.toHaveLength(0);
    expect(invalid.flatMap((r) => r.values).every((v) => v === 0)).toBe(true);
  });

  it('alert detail: each alert’s messages, cells and craft as the replay wrote them', async () => {
    const ids = [...new Set(alerts.map((a) => a.id))];
    expect(ids.length).toBeGreaterThan(1);
    for (const id of ids) {
      const messages = points(alerts.filter((a) => a.id === id));
      const run = await runDashboard(detail, start - HOUR, end + HOUR, 15_000, { alert: id });
      // An alert that never located its emitter has no emitter columns at all; a jamming alert has no spoof target.
      const spoofing = messages.some((a) => a.spoofTarget);
      for (const [p, byRefId] of run.panels)
        checkPanel(
          p,
          byRefId,
          messages.some((a) => a.emitter),
          spoofing ? [] : ['Spoof target'],
        );
      checkAnnotations(detail, run, messages.length);
      expect(run.values.cell).toEqual([...new Set(messages.flatMap((a) => a.area.cells))].sort());
      expect(series(panel(run, 'Status').get('A')!).flatMap((f) => f.values)).toEqual(messages.map((a) => a.status));
      const affected = series(panel(run, 'Affected craft').get('A')!);
      expect(affected.find((f) => f.field === 'aircraft')!.values).toEqual(messages.map((a) => a.affected.aircraft));
      const cells = panel(run, 'Cells').get('A')!;
      expect(new Set(column(cells, 'cell'))).toEqual(new Set(run.values.cell));
    }
  });

  it('alert rules: the high jamming alert fires mid-run; after the run, both feeds are silent and nothing is high', async () => {
    const mid = start + 15 * MINUTE;
    const high = [...latestOf(alerts, mid).values()].filter(
      (a) => a.kind === 'jamming' && a.severity === 'high' && a.status !== 'resolved',
    );
    const firing = await firingRules(mid);
    expect(firing['jamwatch-high-jamming']!.map((l) => l.id).sort()).toEqual(high.map((a) => a.id).sort());
    expect(firing['jamwatch-feed-silent']).toEqual([]);

    expect(firing['jamwatch-spoofing']).toEqual([]);

    const after = await firingRules(end + 30 * MINUTE);
    expect(after['jamwatch-high-jamming']).toEqual([]);
    expect(after['jamwatch-feed-silent']!.map((l) => l.src).sort()).toEqual(['adsb', 'ais']);
  });

  it('long ranges read the aggregates the replay computed: each cell at its peak of the latest hour, then the day', async () => {
    const all = rows.filter((r) => r.src === 'all');
    const peakOf = (cell: string, from: number) =>
      Math.max(...all.filter((r) => r.cell === cell && r.t >= from).map((r) => r.level));
    for (const [fromMs, toMs, intervalMs, measurement, period] of [
      [day - DAY, day + 2 * DAY, 300_000, 'gnss_cell_1h', HOUR],
      [day - 20 * DAY, day + DAY, 1_800_000, 'gnss_cell_1d', DAY],
    ] as const) {
      const run = await runDashboard(overview, fromMs, toMs, intervalMs);
      expect(run.values.cellseries).toBe(measurement);
      // Every alert has resolved by the end of these ranges: the open-alert panels and markers are empty.
      for (const [p, byRefId] of run.panels) checkPanel(p, byRefId, !/open alerts/i.test(p.title));
      expect(tables(panel(run, 'Open alerts and affected craft').get('A')!)[0]!.fields.get('alerts')!.values).toEqual([
        0,
      ]);
      expect(tables(panel(run, 'Open alerts').get('A')!).reduce((n, t) => n + t.length, 0)).toBe(0);
      const map = geomapLayer(run, overview, 'A');
      const latest = latestByCell(all);
      expect(new Set(column(map, 'cell'))).toEqual(new Set(latest.keys()));
      const levels = column(map, 'level');
      column(map, 'cell').forEach((cell, i) => {
        const last = latest.get(cell as string)!.t;
        expect(levels[i], `${measurement} ${cell}`).toBe(peakOf(cell as string, last - (last % period)));
      });
    }
  });

  it('a spoofing alert shows where its craft claim to be (East Med, shortened, three days later)', async () => {
    const scenario = JSON.parse(readFileSync(EAST_MED, 'utf8'));
    const from = day + 3 * DAY + 6 * HOUR;
    const short = {
      ...scenario,
      start: new Date(from).toISOString(),
      durationMin: 45,
      spoofers: scenario.spoofers.map((x: object) => ({ ...x, on: [{ fromMin: 5, toMin: 40 }] })),
    };
    const sim = writeSimulation(join(dir, 'spoof-feed'), parseScenario(short));
    const out = await runCli(
      ['replay', sim.files.adsb, sim.files.ais, '--out', join(dir, 'spoof-out'), '--influx', '--quiet'],
      s.env,
    );
    expect(out.code, out.stderr).toBe(0);
    const spoofing = (
      readFileSync(join(dir, 'spoof-out', 'alerts.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)) as Alert[]
    ).filter((a) => a.kind === 'spoofing');
    expect(spoofing.some((a) => a.spoofTarget)).toBe(true);
    for (const id of new Set(spoofing.map((a) => a.id))) {
      const messages = points(spoofing.filter((a) => a.id === id));
      const run = await runDashboard(detail, from - HOUR, from + 2 * HOUR, 15_000, { alert: id });
      for (const [p, byRefId] of run.panels)
        checkPanel(
          p,
          byRefId,
          messages.some((a) => a.emitter),
        );
      const targets = messages.filter((a) => a.spoofTarget).map((a) => a.spoofTarget!);
      const latest = messages.at(-1)!.spoofTarget;
      expect(column(panel(run, 'Area and emitter').get('B')!, 'target_lat')).toEqual(latest ? [latest.lat] : []);
      expect(column(panel(run, 'Messages').get('A')!, 'target_lat')).toEqual(targets.map((t) => t.lat).reverse());
      // The false position is the one the scenario's spoofer gives: its airport.
      for (const t of targets)
        expect(distanceKm(t.lat, t.lon, short.spoofers[0].target.lat, short.spoofers[0].target.lon)).toBeLessThan(5);
    }
    // Twenty minutes in, the overview's map marks the open spoofing alerts' false positions.
    const mid = from + 20 * MINUTE;
    const open = [...latestOf(spoofing, mid).values()].filter((a) => a.status !== 'resolved' && a.spoofTarget);
    expect(open.length).toBeGreaterThan(0);
    const run = await runDashboard(overview, from, mid, 15_000);
    const markers = geomapLayer(run, overview, 'B');
    expect(column(markers, 'target_lat').sort()).toEqual(open.map((a) => a.spoofTarget!.lat).sort());
    // and the spoofing rule fires for each open spoofing alert.
    const firing = await firingRules(mid);
    const openIds = [...latestOf(spoofing, mid).values()].filter((a) => a.status !== 'resolved').map((a) => a.id);
    expect(firing['jamwatch-spoofing']!.map((l) => l.id).sort()).toEqual(openIds.sort());
  }, 120_000);

  it('exports the day as gpsjam.org’s CSV from the replayed rows, and a second replay rewrites the same points', async () => {
    const expected = gpsjamCsvOf(rows).expected;
    const exported = await runCli(['export', 'gpsjam', '--day', dayText], s.env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toBe(expected);
    expect(expected.split('\n').length).toBeGreaterThan(10);

    const count = async () =>
      (
        await query.collectRows<{ _value: number }>(
          `from(bucket: "${config.bucket}") |> range(start: ${new Date(day).toISOString()}, stop: ${new Date(day + DAY).toISOString()})
             |> filter(fn: (r) => r._field == "craft" or r._field == "score") |> group() |> count()`,
        )
      )[0]!._value;
    const before = await count();
    await replay();
    expect(await count()).toBe(before);
  }, 120_000);
});
