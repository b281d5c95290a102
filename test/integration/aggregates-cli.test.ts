import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellToLatLng, latLngToCell } from 'h3-js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGGREGATES,
  aggregateTaskFlux,
  aggregateTaskName,
  installAggregateTasks,
} from '../../src/adapters/influx/aggregates.js';
import { cellLine } from '../../src/adapters/influx/line-protocol.js';
import { InfluxSink } from '../../src/adapters/influx/sink.js';
import { installTasksAtStart } from '../../src/drivers/aggregates.js';
import type { CellRow } from '../../src/schema/cell.js';
import { runCli } from './cli.js';
import { gpsjamCsvOf } from './gpsjam-csv.js';
import { influxConfig, influxQuery, services } from './services.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const TICK = 15_000;

/**
 * Three hours of `gnss_cell` rows across a UTC midnight (22:00–01:00) on a random day of 1990–2000, a range no other
 * test writes: four res-4 cells over the Eastern Mediterranean, one jammed for 40 minutes either side of midnight,
 * ADS-B and fused rows, and one res-5 ADS-B cell that gpsjam's res-4 export must leave out.
 */
function dataset(midnight: number): CellRow[] {
  const at = (lat: number, lon: number, res: number) => {
    const cell = latLngToCell(lat, lon, res);
    const [clat, clon] = cellToLatLng(cell);
    return { cell, res, lat: clat, lon: clon };
  };
  const cells = [at(34.7, 33.0, 4), at(35.2, 34.2, 4), at(33.6, 35.5, 4), at(36.1, 36.0, 4), at(34.9, 32.6, 5)];
  const rows: CellRow[] = [];
  for (let t = midnight - 2 * HOUR; t < midnight + HOUR; t += TICK) {
    const k = (t - midnight) / TICK;
    cells.forEach((c, i) => {
      const craft = 4 + ((i * 7 + k * 3 + 2000) % 11);
      const jammed = i === 0 && Math.abs(t - midnight) <= 40 * MINUTE;
      const degraded = jammed ? Math.ceil(craft * 0.6) : (k + 1000 * (i + 1)) % 13 === 0 ? 1 : 0;
      const score = jammed ? 9 + (k % 4) : degraded * 0.8;
      const level = jammed ? 3 : 0;
      for (const src of ['adsb', 'all'] as const) {
        const extra = src === 'all' ? 2 : 0;
        rows.push({
          t,
          ...c,
          src,
          craft: craft + extra,
          degraded,
          jumps: 0,
          ratio: degraded / (craft + extra),
          score,
          level,
          gpsjamRatio: degraded > 1 ? (degraded - 1) / (craft + extra) : 0,
        });
      }
    });
  }
  return rows;
}

const FIELDS = ['craft', 'degraded', 'level', 'score', 'ratio'] as const;

/** Peaks of FIELDS and means of ratio and score per cell/res/src and period (start of the hour or day). */
function hourly(rows: CellRow[]): Map<string, Record<string, number>> {
  const groups = new Map<string, CellRow[]>();
  for (const r of rows) {
    const key = `${r.cell}/${r.res}/${r.src}/${Math.floor(r.t / HOUR) * HOUR}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out = new Map<string, Record<string, number>>();
  for (const [key, group] of groups) {
    const values: Record<string, number> = {};
    for (const f of FIELDS) values[f] = Math.max(...group.map((r) => r[f]));
    values.ratio_mean = group.reduce((sum, r) => sum + r.ratio, 0) / group.length;
    values.score_mean = group.reduce((sum, r) => sum + r.score, 0) / group.length;
    out.set(key, values);
  }
  return out;
}

/** The daily row: the peaks of the hourly peaks and the means of the hourly means. */
function daily(hours: Map<string, Record<string, number>>): Map<string, Record<string, number>> {
  const groups = new Map<string, Record<string, number>[]>();
  for (const [key, values] of hours) {
    const parts = key.split('/');
    const dayKey = `${parts.slice(0, 3).join('/')}/${Math.floor(Number(parts[3]) / DAY) * DAY}`;
    groups.set(dayKey, [...(groups.get(dayKey) ?? []), values]);
  }
  const out = new Map<string, Record<string, number>>();
  for (const [key, group] of groups) {
    const values: Record<string, number> = {};
    for (const f of FIELDS) values[f] = Math.max(...group.map((v) => v[f]!));
    for (const f of ['ratio_mean', 'score_mean']) values[f] = group.reduce((sum, v) => sum + v[f]!, 0) / group.length;
    out.set(key, values);
  }
  return out;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('jamwatch influx setup / backfill and export gpsjam against the real InfluxDB', () => {
  const s = services();
  const config = influxConfig({
    retentionDays: 0,
    // One write request for the whole data set: close() then has everything written.
    batchSize: 50_000,
  });
  const prefix = `test-aggregates-cli-${randomInt(1e9)}`;
  const env = { ...s.env, JAMWATCH_INFLUX_TASK_PREFIX: prefix, JAMWATCH_LOG_LEVEL: 'warn' };
  const query = influxQuery();
  const midnight = Date.UTC(1990, 0, 1) + randomInt(1, 4000) * DAY;
  const rows = dataset(midnight);
  const before = midnight - DAY;
  const prefixes = [prefix];

  async function tasksApi<T>(method: string, path: string): Promise<T> {
    const response = await fetch(new URL(path, s.influxUrl), {
      method,
      headers: { Authorization: `Token ${s.influxToken}` },
    });
    expect(response.ok, `${method} ${path}: HTTP ${response.status}`).toBe(true);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  async function tasksNamed(name: string) {
    const params = new URLSearchParams({ name, org: config.org, limit: '100' });
    const { tasks } = await tasksApi<{ tasks: { id: string; name: string; flux: string; status: string }[] }>(
      'GET',
      `/api/v2/tasks?${params}`,
    );
    return tasks.filter((t) => t.name === name);
  }

  beforeAll(async () => {
    const sink = new InfluxSink(config, pino({ level: 'silent' }));
    sink.write(rows.map(cellLine), rows[0]!.t, rows[0]!.t);
    await sink.close();
    expect(sink.written).toBe(rows.length);
  });

  afterAll(async () => {
    for (const p of prefixes) {
      for (const spec of AGGREGATES) {
        for (const task of await tasksNamed(aggregateTaskName(spec, p))) {
          await tasksApi('DELETE', `/api/v2/tasks/${task.id}`);
        }
      }
    }
  });

  it('influx setup creates the two tasks, then finds them unchanged; InfluxDB holds each once with our Flux', async () => {
    const first = await runCli(['influx', 'setup'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const second = await runCli(['influx', 'setup'], env);
    expect(second.code).toBe(0);
    const printed = (stdout: string) =>
      stdout
        .trim()
        .split('\n')
        .map((line) => /^(\w+) +task "(.+)" \(id (\w+)\)$/.exec(line)!.slice(1));
    const created = printed(first.stdout);
    expect(created.map(([action, name]) => [action, name])).toEqual(
      AGGREGATES.map((spec) => ['created', aggregateTaskName(spec, prefix)]),
    );
    expect(printed(second.stdout)).toEqual(created.map(([, name, id]) => ['unchanged', name, id]));
    for (const [i, spec] of AGGREGATES.entries()) {
      const name = aggregateTaskName(spec, prefix);
      const [task, ...more] = await tasksNamed(name);
      expect(more).toEqual([]);
      expect(task!.id).toBe(created[i]![2]);
      expect(task!.flux).toBe(aggregateTaskFlux(spec, config.bucket, name));
      expect(task!.status).toBe('active');
    }
  });

  it('influx backfill writes the hourly and daily aggregates that the rows imply, on both sides of midnight', async () => {
    const start = new Date(midnight - 2 * HOUR).toISOString();
    const stop = new Date(midnight + HOUR).toISOString();
    const run = await runCli(['influx', 'backfill', '--start', start, '--stop', stop], env);
    expect(run.stderr).toBe(`aggregated ${isoDay(before)}\naggregated ${isoDay(midnight)}\n`);
    expect(run.stdout).toMatch(/^backfilled gnss_cell_1h and gnss_cell_1d for 2 days in [\d.]+ s\n$/);
    expect(run.code).toBe(0);

    const hours = hourly(rows);
    const days = daily(hours);
    expect(hours.size).toBe(5 * 2 * 3);
    expect(days.size).toBe(5 * 2 * 2);
    for (const [measurement, expected] of [
      ['gnss_cell_1h', hours],
      ['gnss_cell_1d', days],
    ] as const) {
      const found = await query.collectRows<Record<string, unknown>>(
        `from(bucket: "${config.bucket}")
           |> range(start: ${new Date(before).toISOString()}, stop: ${new Date(midnight + DAY).toISOString()})
           |> filter(fn: (r) => r._measurement == "${measurement}")`,
      );
      const keys = new Set(found.map((r) => `${r.cell}/${r.res}/${r.src}/${Date.parse(r._time as string)}`));
      expect(keys, measurement).toEqual(new Set(expected.keys()));
      for (const row of found) {
        const key = `${row.cell}/${row.res}/${row.src}/${Date.parse(row._time as string)}`;
        const want = expected.get(key)![row._field as string];
        if (want !== undefined) expect(row._value, `${measurement} ${key} ${row._field}`).toBeCloseTo(want, 9);
      }
      for (const field of [...FIELDS, 'ratio_mean', 'score_mean']) {
        expect(
          found.filter((r) => r._field === field),
          `${measurement} ${field}`,
        ).toHaveLength(expected.size);
      }
    }
    // The jammed cell peaks at level 3 in the hours around midnight and in both days.
    const jammed = rows[0]!.cell;
    expect(days.get(`${jammed}/4/adsb/${before}`)!.level).toBe(3);
    expect(hours.get(`${jammed}/4/adsb/${midnight - 2 * HOUR}`)!.level).toBe(0);
  });

  it('export gpsjam writes each UTC day of the rows in gpsjam’s CSV shape, to stdout or a file', async () => {
    for (const day of [before, midnight]) {
      const expected = gpsjamCsvOf(rows, day).expected;
      expect(expected.split('\n').length).toBe(4 + 2);
      const run = await runCli(['export', 'gpsjam', '--day', isoDay(day)], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(expected);
      expect(run.stderr).toBe(`4 cells on ${isoDay(day)}\n`);
    }
    // The jammed cell's bad share is high the evening before midnight, the others' low.
    const evening = gpsjamCsvOf(rows, before)
      .expected.trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    for (const [cell, good, bad] of evening) {
      const share = Number(bad) / (Number(good) + Number(bad));
      if (cell === rows[0]!.cell) expect(share).toBeGreaterThan(0.2);
      else expect(share).toBeLessThan(0.1);
    }

    const dir = mkdtempSync(join(tmpdir(), 'jamwatch-gpsjam-'));
    try {
      const out = join(dir, 'gpsjam.csv');
      const run = await runCli(['export', 'gpsjam', '--day', isoDay(midnight), '--out', out], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(readFileSync(out, 'utf8')).toBe(gpsjamCsvOf(rows, midnight).expected);
      const empty = await runCli(['export', 'gpsjam', '--day', isoDay(midnight + DAY)], env);
      expect(empty.stdout).toBe('hex,count_good_aircraft,count_bad_aircraft\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says clearly when InfluxDB is unreachable, refuses the token, or the arguments are wrong', async () => {
    const wrongToken = await runCli(['influx', 'setup'], { ...env, JAMWATCH_INFLUX_TOKEN: 'not-the-token' });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stderr).toMatch(/^jamwatch: INFLUX_UNREACHABLE: .*refused the token \(HTTP 401\)/);
    expect(await tasksNamed(aggregateTaskName(AGGREGATES[0]!, prefix))).toHaveLength(1);

    const closed = await runCli(['export', 'gpsjam', '--day', isoDay(midnight)], {
      ...env,
      JAMWATCH_INFLUX_URL: 'http://127.0.0.1:9',
    });
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(/^jamwatch: INFLUX_UNREACHABLE: cannot reach InfluxDB at http:\/\/127\.0\.0\.1:9/);

    const badDay = await runCli(['export', 'gpsjam', '--day', '2023-02-29'], env);
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toMatch(/^jamwatch: USAGE: .*YYYY-MM-DD, not "2023-02-29"/);

    const backwards = await runCli(['influx', 'backfill', '--start', '2020-01-02', '--stop', '2020-01-01'], env);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/^jamwatch: USAGE: the backfill range is empty/);

    const localTime = await runCli(['influx', 'backfill', '--start', '2020-01-01T10:00', '--stop', '2020-01-02'], env);
    expect(localTime.code).toBe(2);
    expect(localTime.stderr).toMatch(/^jamwatch: USAGE: --start 2020-01-01T10:00 must be .* with its zone/);
  });

  it('the worker’s start-up install settles concurrent starts on one task each, and only warns on a refused token', async () => {
    const racing = `${prefix}-race`;
    prefixes.push(racing);
    const results = await Promise.all([1, 2, 3].map(() => installAggregateTasks(config, { namePrefix: racing })));
    for (const [i, spec] of AGGREGATES.entries()) {
      const tasks = await tasksNamed(aggregateTaskName(spec, racing));
      expect(tasks).toHaveLength(1);
      for (const result of results) expect(result[i]!.id).toBe(tasks[0]!.id);
      expect(results.map((result) => result[i]!.action).sort()).toEqual(['created', 'unchanged', 'unchanged']);
    }

    const logged: { level: number; msg: string }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const atStart = `${prefix}-start`;
    prefixes.push(atStart);
    await installTasksAtStart({ ...config, taskPrefix: atStart, installTasks: false }, log);
    expect(await tasksNamed(aggregateTaskName(AGGREGATES[0]!, atStart))).toEqual([]);
    await installTasksAtStart({ ...config, taskPrefix: atStart }, log);
    for (const spec of AGGREGATES) expect(await tasksNamed(aggregateTaskName(spec, atStart))).toHaveLength(1);
    expect(logged.map((l) => l.msg)).toEqual(['aggregation task created', 'aggregation task created']);

    logged.length = 0;
    await installTasksAtStart({ ...config, taskPrefix: atStart, token: 'not-the-token' }, log);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.level).toBe(40);
    expect(logged[0]!.msg).toMatch(/cannot install the aggregation tasks.*jamwatch influx setup/);
  });
});
