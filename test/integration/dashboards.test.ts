import { randomInt } from 'node:crypto';
import { cellToLatLng, latLngToCell } from 'h3-js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGGREGATES,
  aggregateFlux,
  aggregateTaskFlux,
  aggregateTaskName,
  backfillAggregates,
  DAILY,
  gpsjamDailyCsv,
  HOURLY,
  installAggregateTasks,
} from '../../src/adapters/influx/aggregates.js';
import { alertLine, cellLine, feedLine } from '../../src/adapters/influx/line-protocol.js';
import { InfluxSink } from '../../src/adapters/influx/sink.js';
import { alertId } from '../../src/core/event/alert-message.js';
import type { Alert } from '../../src/schema/alert.js';
import type { CellRow } from '../../src/schema/cell.js';
import { dashboard, panelsOf } from '../unit/grafana/grafana-model.js';
import {
  checkAnnotations,
  checkPanel,
  checkPushdown,
  clearAround,
  column,
  dashboardRunner,
  panel,
  queryPlan,
  series,
  tables,
} from './dashboard-run.js';
import { GPSJAM_HEADER, gpsjamCsvOf } from './gpsjam-csv.js';
import { influxConfig, influxQuery, services } from './services.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const TICK = 15_000;

/**
 * A small realistic half hour: six H3 res-4 cells over the Baltic evaluated every 15 s, two of them jammed for 20
 * minutes and one briefly anomalous, three alerts (one opened, updated and resolved; one that rises from medium to
 * high and stays open; one low spoofing alert without an emitter), and two feeds, the AIS one falling silent
 * halfway. It lives on a random UTC day of 2001–2019, whose neighbourhood is cleared first (`clearAround`).
 */
function dataset(t0: number) {
  const cell = (lat: number, lon: number) => {
    const id = latLngToCell(lat, lon, 4);
    const [clat, clon] = cellToLatLng(id);
    return { id, lat: clat, lon: clon };
  };
  const c = [
    cell(59.9, 24.0),
    cell(60.2, 25.5),
    cell(59.0, 21.0),
    cell(58.5, 23.0),
    cell(57.5, 20.0),
    cell(60.5, 27.0),
  ] as const;
  /** Aircraft and degraded aircraft of cell i at tick k; vessels only in cells 0 and 5. */
  const traffic = (i: number, k: number) => {
    const craft = 6 + ((i + k) % 5);
    if (i === 0 && k >= 20 && k < 100) return { craft: 12, degraded: 8, score: 12.5, level: 3 };
    if (i === 1 && k >= 30 && k < 100) return { craft: 10, degraded: 4, score: 6.2, level: 2 };
    if (i === 2 && k >= 60 && k < 72) return { craft: 8, degraded: 2, score: 3.4, level: 1 };
    return { craft, degraded: k % 7 === 0 ? 1 : 0, score: 0.3, level: 0 };
  };
  const rows: CellRow[] = [];
  for (let k = 0; k < 120; k++) {
    const t = t0 + k * TICK;
    c.forEach((cc, i) => {
      const air = traffic(i, k);
      const vessels = i === 0 || i === 5 ? 3 : 0;
      const badVessels = i === 0 && air.level === 3 ? 1 : 0;
      const row = (src: CellRow['src'], craft: number, degraded: number, score: number, level: number): CellRow => ({
        t,
        cell: cc.id,
        res: 4,
        src,
        lat: cc.lat,
        lon: cc.lon,
        craft,
        degraded,
        jumps: 0,
        ratio: degraded / craft,
        score,
        level,
        gpsjamRatio: degraded > 1 ? (degraded - 1) / craft : 0,
      });
      rows.push(row('adsb', air.craft, air.degraded, air.score, air.level));
      if (vessels > 0) rows.push(row('ais', vessels, badVessels, badVessels > 0 ? 2.1 : 0, 0));
      rows.push(row('all', air.craft + vessels, air.degraded + badVessels, air.score, air.level));
    });
  }

  const iso = (ms: number) => new Date(ms).toISOString();
  const message = (
    base: {
      kind: Alert['kind'];
      first: string;
      started: number;
      emitter?: Alert['emitter'];
      spoofTarget?: Alert['spoofTarget'];
    },
    m: {
      status: Alert['status'];
      severity: Alert['severity'];
      at: number;
      score: number;
      cells: string[];
      aircraft: number;
      vessels: number;
    },
  ): Alert => ({
    schema: 'jamwatch.alert/1',
    id: alertId(base.kind, base.first, base.started),
    kind: base.kind,
    status: m.status,
    severity: m.severity,
    score: m.score,
    startedAt: iso(base.started),
    updatedAt: iso(m.at),
    ...(m.status === 'resolved' ? { endedAt: iso(m.at) } : {}),
    area: {
      cells: m.cells,
      resolution: 4,
      center: { lat: c[0].lat, lon: c[0].lon },
      radiusKm: 35 + m.cells.length * 10,
    },
    ...(base.emitter ? { emitter: base.emitter } : {}),
    ...(base.spoofTarget ? { spoofTarget: base.spoofTarget } : {}),
    affected: { aircraft: m.aircraft, vessels: m.vessels },
    observed: { aircraft: 40, vessels: 6 },
    evidence: [],
  });
  const a = {
    kind: 'jamming' as const,
    first: c[0].id,
    started: t0 + 6 * MINUTE,
    emitter: { lat: 60.05, lon: 24.6, errorKm: 12 },
  };
  const b = {
    kind: 'jamming' as const,
    first: c[2].id,
    started: t0 + 16 * MINUTE,
    emitter: { lat: 58.8, lon: 21.9, errorKm: 30 },
  };
  const s = {
    kind: 'spoofing' as const,
    first: c[4].id,
    started: t0 + 18 * MINUTE,
    spoofTarget: { lat: 33.82, lon: 35.49 },
  };
  const alerts: Alert[] = [
    message(a, {
      status: 'open',
      severity: 'high',
      at: a.started,
      score: 11,
      cells: [c[0].id],
      aircraft: 8,
      vessels: 1,
    }),
    message(a, {
      status: 'update',
      severity: 'high',
      at: t0 + 12 * MINUTE,
      score: 12.5,
      cells: [c[0].id, c[1].id],
      aircraft: 12,
      vessels: 1,
    }),
    message(a, {
      status: 'resolved',
      severity: 'high',
      at: t0 + 27 * MINUTE,
      score: 12.5,
      cells: [c[0].id, c[1].id],
      aircraft: 12,
      vessels: 1,
    }),
    message(b, {
      status: 'open',
      severity: 'medium',
      at: b.started,
      score: 6,
      cells: [c[2].id],
      aircraft: 2,
      vessels: 0,
    }),
    message(b, {
      status: 'update',
      severity: 'high',
      at: t0 + 22 * MINUTE,
      score: 9,
      cells: [c[2].id, c[3].id],
      aircraft: 5,
      vessels: 0,
    }),
    message(s, {
      status: 'open',
      severity: 'low',
      at: s.started,
      score: 3.2,
      cells: [c[4].id],
      aircraft: 2,
      vessels: 0,
    }),
  ];

  const feed: string[] = [];
  for (let t = t0; t < t0 + 30 * MINUTE; t += 10_000) {
    const k = (t - t0) / 10_000;
    feed.push(
      feedLine({
        src: 'adsb',
        topic: 'jamwatch.reports.adsb',
        reports: 4000 + (k % 9) * 50,
        invalid: k % 4,
        lag: 120,
        t,
      }),
    );
    if (t < t0 + 15 * MINUTE) {
      feed.push(
        feedLine({ src: 'ais', topic: 'jamwatch.reports.ais', reports: 300 + (k % 5) * 10, invalid: 0, lag: 4, t }),
      );
    }
  }
  return { cells: c, rows, alerts, feed, ids: { a: alerts[0]!.id, b: alerts[3]!.id, s: alerts[5]!.id } };
}

describe('Grafana dashboards, alert rules and aggregates against the real InfluxDB', () => {
  const s = services();
  const config = influxConfig({
    retentionDays: 0,
  });
  const query = influxQuery();
  const day = Date.UTC(2001, 0, 1) + randomInt(0, 6900) * DAY;
  const dayText = new Date(day).toISOString().slice(0, 10);
  const t0 = day + 10 * 60 * MINUTE;
  const end = t0 + 30 * MINUTE;
  const data = dataset(t0);
  const [c0, c1, c2, c3] = data.cells;
  const taskPrefix = `test-dashboards-${randomInt(1e9)}`;
  const { runDashboard, firingRules } = dashboardRunner(query, config);

  afterAll(async () => {
    for (const name of [aggregateTaskName(HOURLY, taskPrefix), aggregateTaskName(DAILY, taskPrefix)]) {
      for (const task of await tasksNamed(name)) await tasksApi('DELETE', `/api/v2/tasks/${task.id}`);
    }
  });

  async function tasksApi<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, s.influxUrl), {
      method,
      headers: { Authorization: `Token ${s.influxToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.ok, `${method} ${path}: HTTP ${response.status}`).toBe(true);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  async function tasksNamed(name: string) {
    const params = new URLSearchParams({ name, org: config.org });
    const { tasks } = await tasksApi<{ tasks: { id: string; name: string; flux: string; status: string }[] }>(
      'GET',
      `/api/v2/tasks?${params}`,
    );
    return tasks.filter((t) => t.name === name);
  }

  // Each test stands alone (vitest -t works): the data set is written once, aggregates and tasks are idempotent.
  beforeAll(async () => {
    await clearAround(config, day);
    const sink = new InfluxSink(config, pino({ level: 'silent' }));
    sink.write(data.rows.map(cellLine), t0, t0);
    sink.write(data.alerts.map(alertLine), t0, t0);
    sink.write(data.feed, t0, t0);
    await sink.close();
    expect(sink.written).toBe(data.rows.length + data.alerts.length + data.feed.length);
  });

  it('overview: every variable, panel and annotation query returns what its panel shows, for each source', async () => {
    const overview = dashboard('jamwatch-overview');
    for (const src of ['all', 'adsb', 'ais']) {
      const run = await runDashboard(overview, t0, end, 15_000, { src });
      expect(run.values.cellseries).toBe('gnss_cell');
      for (const [p, byRefId] of run.panels) checkPanel(p, byRefId, true);
      checkAnnotations(overview, run, data.alerts.length);
      if (src === 'ais') expect(run.values.worst).toEqual([c0.id, data.cells[5].id]);
    }

    const run = await runDashboard(overview, t0, end, 15_000);
    // Worst first: the jammed cells, then the briefly anomalous one.
    expect((run.values.worst as string[]).slice(0, 3)).toEqual([c0.id, c1.id, c2.id]);
    expect(tables(panel(run, 'Open alerts and affected craft').get('A')!)[0]!.fields).toEqual(
      new Map([
        ['alerts', { type: 'long', values: [2] }],
        ['aircraft', { type: 'long', values: [7] }],
        ['vessels', { type: 'long', values: [0] }],
      ]),
    );
    const open = panel(run, 'Open alerts').get('A')!;
    expect(column(open, 'id')).toEqual([data.ids.b, data.ids.s]);
    expect(column(open, 'severity')).toEqual(['high', 'low']);
    // B's marker is its emitter; the spoofing alert has none and sits at its area centre.
    expect(column(open, 'marker_lat')).toEqual([58.8, c0.lat]);
    expect(column(open, 'n_cells')).toEqual([2, 1]);
    // The map marks where the open spoofing alert's craft are put.
    const markers = run.panels.get(panelsOf(overview).find((p) => p.type === 'geomap')!)!.get('B')!;
    expect([column(markers, 'target_lat'), column(markers, 'target_lon')]).toEqual([[33.82], [35.49]]);
    // The AIS feed fell silent halfway: its rate is zero over the last quarter hour.
    const rates = series(panel(run, 'Reports per second').get('A')!);
    const ais = rates.find((r) => r.labels.src === 'ais')!;
    expect(ais.values.slice(-50).every((v) => v === 0)).toBe(true);
    // ADS-B: its reports over the half hour, per second (the last window is partial).
    const adsb = rates.find((r) => r.labels.src === 'adsb')!.values.slice(0, -1) as number[];
    const total = data.feed
      .filter((l) => l.includes('src=adsb'))
      .reduce((n, l) => n + Number(/reports=(\d+)i/.exec(l)![1]), 0);
    expect(adsb.reduce((a, b) => a + b, 0) / adsb.length).toBeCloseTo(total / 1800, -1);

    // Twenty minutes in, the map shows the jammed cells at their levels, sized by craft.
    const mid = await runDashboard(overview, t0, t0 + 20 * MINUTE, 15_000);
    const map = mid.panels.get(panelsOf(overview).find((p) => p.type === 'geomap')!)!.get('A')!;
    const cellsNow = new Map(column(map, 'cell').map((cell, i) => [cell, i]));
    expect(column(map, 'level')[cellsNow.get(c0.id)!]).toBe(3);
    expect(column(map, 'level')[cellsNow.get(c1.id)!]).toBe(2);
    expect(column(map, 'affected')[cellsNow.get(c0.id)!]).toBe('9/15');
    expect(tables(panel(mid, 'Cells now').get('A')!)[0]!.fields.get('anomalous')!.values).toEqual([2]);
  });

  it('alert detail: every query returns what its panel shows, for each alert', async () => {
    const detail = dashboard('jamwatch-alert');
    const a = await runDashboard(detail, t0, end, 15_000, { alert: data.ids.a });
    for (const [p, byRefId] of a.panels) checkPanel(p, byRefId, true, ['Spoof target']);
    checkAnnotations(detail, a, 3);
    expect(a.values.cell).toEqual([c0.id, c1.id].sort());
    expect(series(panel(a, 'Status').get('A')!)[0]!.values).toEqual(['open', 'update', 'resolved']);
    expect(series(panel(a, 'Score').get('A')!)[0]!.values).toEqual([11, 12.5, 12.5]);
    expect(
      series(panel(a, 'Affected craft').get('A')!)
        .map((f) => [f.field, f.values])
        .sort(),
    ).toEqual([
      ['aircraft', [8, 12, 12]],
      ['vessels', [1, 1, 1]],
    ]);
    const cells = panel(a, 'Cells').get('A')!;
    expect(column(cells, 'cell')).toEqual([c0.id, c1.id]);
    expect(column(cells, 'level')).toEqual([3, 2]);

    // B rose from medium to high: one score series across both severity tags, and its two cells.
    const b = await runDashboard(detail, t0, end, 15_000, { alert: data.ids.b });
    for (const [p, byRefId] of b.panels) checkPanel(p, byRefId, true, ['Spoof target']);
    expect(b.values.cell).toEqual([c2.id, c3.id].sort());
    expect(series(panel(b, 'Score').get('A')!)[0]!.values).toEqual([6, 9]);

    // The spoofing alert has no emitter: every query still runs, the emitter layer is empty.
    const spoof = await runDashboard(detail, t0, end, 15_000, { alert: data.ids.s });
    for (const [p, byRefId] of spoof.panels) checkPanel(p, byRefId, false);
    const emitter = panel(spoof, 'Area and emitter').get('B')!;
    expect(tables(emitter)[0]!.fields.has('emitter_lat')).toBe(false);
    expect(column(emitter, 'lat')).toEqual([c0.lat]);
    // Its spoof target, where the spoofed craft claim to be, is on the map and in the messages.
    expect([column(emitter, 'target_lat'), column(emitter, 'target_lon')]).toEqual([[33.82], [35.49]]);
    expect(column(panel(spoof, 'Messages').get('A')!, 'target_lat')).toEqual([33.82]);
  });

  it('lets storage do the filtering of every gnss_cell query (the profiler shows no filter after a read)', async () => {
    for (const uid of ['jamwatch-overview', 'jamwatch-alert']) {
      const run = await runDashboard(
        dashboard(uid),
        t0,
        end,
        15_000,
        uid === 'jamwatch-alert' ? { alert: data.ids.a } : {},
      );
      const cellQueries = run.queries.filter((q) => /r\._measurement == "gnss_cell"/.test(q));
      expect(cellQueries.length).toBeGreaterThan(3);
      for (const q of cellQueries)
        await checkPushdown(query, q, `${uid}: ${q.split('\n').find((l) => l.includes('filter'))}`);
    }
  });

  it('alert rules fire for the open high-severity jamming alert, the open spoofing alert and the silent feed only', async () => {
    const firing = await firingRules(end);
    expect(firing).toEqual({
      'jamwatch-high-jamming': [{ id: data.ids.b }],
      'jamwatch-spoofing': [{ id: data.ids.s }],
      'jamwatch-feed-silent': [{ src: 'ais' }],
    });
  });

  it('installs the aggregation tasks once, however often it runs, and updates a changed one', async () => {
    const first = await installAggregateTasks(config, { namePrefix: taskPrefix });
    expect(first.map((t) => t.action)).toEqual(['created', 'created']);
    const second = await installAggregateTasks(config, { namePrefix: taskPrefix });
    expect(second).toEqual(first.map((t) => ({ ...t, action: 'unchanged' })));
    for (const spec of AGGREGATES) {
      const [task, ...more] = await tasksNamed(aggregateTaskName(spec, taskPrefix));
      expect(more).toEqual([]);
      expect(task!.flux).toBe(aggregateTaskFlux(spec, config.bucket, aggregateTaskName(spec, taskPrefix)));
      expect(task!.status).toBe('active');
    }
    await tasksApi('PATCH', `/api/v2/tasks/${first[0]!.id}`, { status: 'inactive' });
    const third = await installAggregateTasks(config, { namePrefix: taskPrefix });
    expect(third.map((t) => t.action)).toEqual(['updated', 'unchanged']);
  });

  /** Peak of every field and mean of ratio and score per cell and src, from the rows written. */
  function expectedAggregates() {
    const out = new Map<string, Record<string, number>>();
    const groups = new Map<string, CellRow[]>();
    for (const r of data.rows) groups.set(`${r.cell}/${r.src}`, [...(groups.get(`${r.cell}/${r.src}`) ?? []), r]);
    for (const [key, rows] of groups) {
      const max = (pick: (r: CellRow) => number) => Math.max(...rows.map(pick));
      const mean = (pick: (r: CellRow) => number) => rows.reduce((sum, r) => sum + pick(r), 0) / rows.length;
      out.set(key, {
        craft: max((r) => r.craft),
        degraded: max((r) => r.degraded),
        level: max((r) => r.level),
        score: max((r) => r.score),
        ratio: max((r) => r.ratio),
        ratio_mean: mean((r) => r.ratio),
        score_mean: mean((r) => r.score),
      });
    }
    return out;
  }

  function checkAggregateRows(rows: Record<string, unknown>[], measurement: string, at: number) {
    const expected = expectedAggregates();
    const mine = rows.filter((r) => data.cells.some((c) => c.id === r.cell));
    expect(new Set(mine.map((r) => `${r.cell}/${r.src}`))).toEqual(new Set(expected.keys()));
    for (const row of mine) {
      expect(row._measurement).toBe(measurement);
      expect(Date.parse(row._time as string)).toBe(at);
      const want = expected.get(`${row.cell}/${row.src}`)![row._field as string];
      if (want !== undefined) expect(row._value, `${row.cell}/${row.src} ${row._field}`).toBeCloseTo(want, 9);
    }
    expect(mine.filter((r) => r._field === 'ratio_mean')).toHaveLength(expected.size);
    expect(mine.filter((r) => r._field === 'lat')).toHaveLength(expected.size);
  }

  it('aggregates in storage: every branch of both tasks is a ReadWindowAggregate, nothing is windowed in Flux', async () => {
    for (const spec of AGGREGATES) {
      const range = { start: new Date(day).toISOString(), stop: new Date(day + DAY).toISOString() };
      const plan = await queryPlan(query, aggregateFlux(spec, config.bucket, range));
      expect(plan.match(/"ReadWindowAggregate\w*"/g)?.length, plan).toBe(2 * (1 + spec.means.length));
      expect(plan, plan).not.toMatch(/"(window|aggregateWindow)\d+"/);
    }
  });

  it('the hourly task, run by InfluxDB for the hour of the data, writes gnss_cell_1h', async () => {
    await installAggregateTasks(config, { namePrefix: taskPrefix });
    const [hourly] = await tasksNamed(aggregateTaskName(HOURLY, taskPrefix));
    const run = await tasksApi<{ id: string }>('POST', `/api/v2/tasks/${hourly!.id}/runs`, {
      scheduledFor: new Date(t0 + 60 * MINUTE).toISOString(),
    });
    let status = '';
    for (let i = 0; i < 120 && !['success', 'failed', 'canceled'].includes(status); i++) {
      await new Promise((r) => setTimeout(r, 500));
      status = (await tasksApi<{ status: string }>('GET', `/api/v2/tasks/${hourly!.id}/runs/${run.id}`)).status;
    }
    expect(status).toBe('success');
    const rows = await query.collectRows<Record<string, unknown>>(
      `from(bucket: "${config.bucket}") |> range(start: ${new Date(day).toISOString()}, stop: ${new Date(day + DAY).toISOString()})
         |> filter(fn: (r) => r._measurement == "gnss_cell_1h")`,
    );
    checkAggregateRows(rows, 'gnss_cell_1h', t0);
  });

  it('the tasks’ own Flux, run by hand on the data, returns the aggregate rows it writes', async () => {
    await installAggregateTasks(config, { namePrefix: taskPrefix });
    const [hourly] = await tasksNamed(aggregateTaskName(HOURLY, taskPrefix));
    const hourRows = await query
      .with({ now: () => new Date(t0 + 60 * MINUTE).toISOString() })
      .collectRows<Record<string, unknown>>(hourly!.flux);
    checkAggregateRows(hourRows, 'gnss_cell_1h', t0);

    const [daily] = await tasksNamed(aggregateTaskName(DAILY, taskPrefix));
    const dayRows = await query
      .with({ now: () => new Date(day + DAY).toISOString() })
      .collectRows<Record<string, unknown>>(daily!.flux);
    // One hour of data: the daily peaks and means of means are the hourly ones, stamped at midnight.
    checkAggregateRows(dayRows, 'gnss_cell_1d', day);

    // A backfill over the same half hour rewrites the same points.
    await backfillAggregates(config, t0, end);
    const after = await query.collectRows<Record<string, unknown>>(
      `from(bucket: "${config.bucket}") |> range(start: ${new Date(day).toISOString()}, stop: ${new Date(day + DAY).toISOString()})
         |> filter(fn: (r) => r._measurement == "gnss_cell_1d")`,
    );
    checkAggregateRows(after, 'gnss_cell_1d', day);
  });

  it('overview over days reads the hourly, then the daily aggregates, with the same panels', async () => {
    await backfillAggregates(config, t0, end);
    const overview = dashboard('jamwatch-overview');
    for (const [fromMs, toMs, intervalMs, measurement] of [
      [day - DAY, day + 2 * DAY, 300_000, 'gnss_cell_1h'],
      [day - 20 * DAY, day + DAY, 1_800_000, 'gnss_cell_1d'],
    ] as const) {
      const run = await runDashboard(overview, fromMs, toMs, intervalMs);
      expect(run.values.cellseries).toBe(measurement);
      for (const [p, byRefId] of run.panels) checkPanel(p, byRefId, true);
      expect((run.values.worst as string[])[0]).toBe(c0.id);
      const map = run.panels.get(panelsOf(overview).find((p) => p.type === 'geomap')!)!.get('A')!;
      // Over days the map shows each cell's peak of its latest hour or day.
      expect(column(map, 'level')[column(map, 'cell').indexOf(c0.id)]).toBe(3);
    }
    const forced = await runDashboard(overview, t0, end, 15_000, { agg: '1h' });
    expect(forced.values.cellseries).toBe('gnss_cell_1h');
  });

  it('exports the day in gpsjam.org’s CSV shape: aircraft × windows, good and bad', async () => {
    const { expected, sums } = gpsjamCsvOf(data.rows);
    const csv = await gpsjamDailyCsv(config, dayText);
    expect(csv).toBe(expected);
    expect(csv.split('\n').find((l) => l.startsWith(c0.id))).toBe(
      `${c0.id},${sums.get(c0.id)!.good},${sums.get(c0.id)!.bad}`,
    );
    const share = (cell: string) => sums.get(cell)!.bad / (sums.get(cell)!.bad + sums.get(cell)!.good);
    expect(share(c0.id)).toBeGreaterThan(0.4);
    expect(share(data.cells[5].id)).toBeLessThan(0.1);
    expect(await gpsjamDailyCsv(config, new Date(day - DAY).toISOString().slice(0, 10))).toBe(`${GPSJAM_HEADER}\n`);
  });
});
