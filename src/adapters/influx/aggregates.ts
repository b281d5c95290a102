import { fluxDateTime, fluxString, InfluxDB } from '@influxdata/influxdb-client';
import type { Config } from '../../config/schema.js';
import { JamwatchError } from '../../errors.js';
import { influxFetch, influxToken } from './sink.js';

/**
 * Long ranges stay cheap: hourly and daily per-cell aggregates of `gnss_cell`, kept up to date by InfluxDB tasks,
 * and gpsjam.org's daily CSV from the same series.
 *
 *   gnss_cell ──(task every 1h)──▶ gnss_cell_1h ──(task every 1d)──▶ gnss_cell_1d
 *
 * Each aggregate keeps the tags (cell, res, src) and the field names of `gnss_cell`, each field holding its peak
 * (max) over the period, so a dashboard query reads any of the three measurements alike; `ratio_mean` and
 * `score_mean` add the period means (the daily ones are means of the hourly means). Points are stamped at the
 * start of their period, so the hour 10:00–11:00 is the point at 10:00 and a UTC day is the point at its midnight.
 */

export interface AggregateSpec {
  /** Measurement read. */
  readonly source: string;
  /** Measurement written. */
  readonly target: string;
  /** Period of the aggregate and of the task (a Flux duration). */
  readonly every: string;
  /** How long after the period the task runs: points of the period written this late are still counted. */
  readonly offset: string;
  /** Fields whose mean is kept as well, source field → target field; every other field keeps its max. */
  readonly means: readonly (readonly [string, string])[];
}

/**
 * The worker writes a tick's rows within seconds of stream time; 5 min covers a lagging consumer. The daily task
 * runs after the last hourly run of the day has (offset 15 min > 5 min).
 */
export const HOURLY: AggregateSpec = {
  source: 'gnss_cell',
  target: 'gnss_cell_1h',
  every: '1h',
  offset: '5m',
  means: [
    ['ratio', 'ratio_mean'],
    ['score', 'score_mean'],
  ],
};

export const DAILY: AggregateSpec = {
  source: 'gnss_cell_1h',
  target: 'gnss_cell_1d',
  every: '1d',
  offset: '15m',
  means: [
    ['ratio_mean', 'ratio_mean'],
    ['score_mean', 'score_mean'],
  ],
};

export const AGGREGATES: readonly AggregateSpec[] = [HOURLY, DAILY];

/** Flux range bounds: Flux expressions such as `-task.every` and `now()`, or times through `fluxDateTime`. */
export interface FluxRange {
  readonly start: string;
  readonly stop: string;
}

/**
 * The Flux that aggregates `spec.source` over `range` into `spec.target` (writes with `to()`, returns the rows).
 * Each branch reads storage itself (`from |> range |> filter |> aggregateWindow`) so that InfluxDB computes the
 * windows in storage (ReadWindowAggregate): one shared read feeding the three branches was windowed row by row in
 * Flux instead, 2.5 times slower on a day of the Baltic scenario (21.6 s against 8.5 s for 206 k rows).
 */
export function aggregateFlux(spec: AggregateSpec, bucket: string, range: FluxRange): string {
  const window = `every: ${spec.every}, timeSrc: "_start", createEmpty: false`;
  const read = (fields: string) =>
    `from(bucket: ${fluxString(bucket)})\n` +
    `  |> range(start: ${range.start}, stop: ${range.stop})\n` +
    `  |> filter(fn: (r) => r._measurement == ${fluxString(spec.source)}${fields})\n`;
  const means = spec.means.map(
    ([from, to], i) =>
      `mean${i} = ${read(` and r._field == ${fluxString(from)}`)}` +
      `  |> aggregateWindow(fn: mean, ${window})\n` +
      `  |> set(key: "_field", value: ${fluxString(to)})\n`,
  );
  // Fields that only carry means (the daily means of hourly means) have no peak of their own.
  const meanOnly = spec.means
    .filter(([from, to]) => from === to)
    .map(([from]) => ` and r._field != ${fluxString(from)}`);
  return (
    `peak = ${read(meanOnly.join(''))}` +
    `  |> aggregateWindow(fn: max, ${window})\n` +
    means.join('') +
    `union(tables: [peak${spec.means.map((_, i) => `, mean${i}`).join('')}])\n` +
    `  |> set(key: "_measurement", value: ${fluxString(spec.target)})\n` +
    `  |> to(bucket: ${fluxString(bucket)})\n`
  );
}

/** The InfluxDB task: the aggregate of the period that has just ended, every period. */
export function aggregateTaskFlux(spec: AggregateSpec, bucket: string, name: string): string {
  return (
    `option task = {name: ${fluxString(name)}, every: ${spec.every}, offset: ${spec.offset}}\n\n` +
    aggregateFlux(spec, bucket, { start: '-task.every', stop: 'now()' })
  );
}

export function aggregateTaskName(spec: AggregateSpec, prefix = 'jamwatch'): string {
  return `${prefix} ${spec.target}`;
}

export interface TaskInstall {
  name: string;
  id: string;
  action: 'created' | 'updated' | 'unchanged';
}

interface TaskRecord {
  id: string;
  name: string;
  flux: string;
  status: string;
  createdAt?: string;
}

/**
 * Installs (or brings up to date) the aggregation tasks through the tasks API, idempotently: a task is found by
 * name first, updated when its Flux differs, created only when missing. `namePrefix` lets tests install their own.
 * Workers that start together may each create a missing task; each then keeps the oldest of that name and deletes
 * the others, so they all settle on one.
 */
export async function installAggregateTasks(
  config: Config['influx'],
  options: { namePrefix?: string } = {},
): Promise<TaskInstall[]> {
  const api = tasksApi(config);
  const installed: TaskInstall[] = [];
  for (const spec of AGGREGATES) {
    const name = aggregateTaskName(spec, options.namePrefix);
    const flux = aggregateTaskFlux(spec, config.bucket, name);
    const description = `jamwatch: ${spec.source} → ${spec.target} every ${spec.every}`;
    const found = await api.findByName(name);
    if (!found) {
      const created = await api.send<TaskRecord>('POST', '/api/v2/tasks', {
        org: config.org,
        flux,
        description,
        status: 'active',
      });
      const kept = await api.keepOldest(name);
      installed.push({ name, id: kept.id, action: kept.id === created.id ? 'created' : 'unchanged' });
    } else if (found.flux !== flux || found.status !== 'active') {
      await api.send('PATCH', `/api/v2/tasks/${found.id}`, { flux, description, status: 'active' });
      installed.push({ name, id: found.id, action: 'updated' });
    } else {
      installed.push({ name, id: found.id, action: 'unchanged' });
    }
  }
  return installed;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Computes the aggregates of [startMs, stopMs) now, widened to whole hours and days: for backfills (a replay
 * writes hours or days of `gnss_cell` at once, and a task only ever looks back one period). Idempotent.
 */
export async function backfillAggregates(config: Config['influx'], startMs: number, stopMs: number): Promise<void> {
  const query = queryApi(config);
  const bounds = (unit: number): FluxRange => ({
    start: fluxDateTime(new Date(Math.floor(startMs / unit) * unit).toISOString()).toString(),
    stop: fluxDateTime(new Date(Math.ceil(stopMs / unit) * unit).toISOString()).toString(),
  });
  await query.collectRows(aggregateFlux(HOURLY, config.bucket, bounds(HOUR_MS)));
  await query.collectRows(aggregateFlux(DAILY, config.bucket, bounds(DAY_MS)));
}

export interface GpsjamExportOptions {
  /** H3 resolution of the cells exported. */
  res?: number;
  /** Sampling period: the region stage's window (`region.windowMs`). */
  windowMs?: number;
}

/** gpsjam.org publishes its daily map at H3 resolution 4. */
const GPSJAM_RES = 4;
/** The region stage's default window (src/core/region/options.ts `windowMs`): one sample per window. */
const REGION_WINDOW_MS = 300_000;

const GPSJAM_HEADER = 'hex,count_good_aircraft,count_bad_aircraft';
const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

/**
 * gpsjam.org publishes, per H3 res-4 cell and UTC day, `hex,count_good_aircraft,count_bad_aircraft`.
 *
 * `gnss_cell` holds, every tick, the distinct aircraft of a sliding window (the region stage's `windowMs`), not of
 * a day, and distinct craft cannot be summed across windows. So the export samples one row per window length (the
 * last in each window, so that windows do not overlap) and sums them: the counts are aircraft × windows, an
 * aircraft seen in a cell for three windows counting three times, good or bad alike. The ratio bad/(good + bad) is
 * then a time-weighted version of gpsjam's, which counts an aircraft bad for the whole day if it was bad once;
 * short bursts weigh less here than on gpsjam.org.
 */
export function gpsjamDailyFlux(bucket: string, day: string, options: GpsjamExportOptions = {}): string {
  const start = Date.parse(`${day}T00:00:00Z`);
  // The round trip refuses days that Date.parse would roll over (2023-02-29 → 1 March).
  if (!DAY_FORMAT.test(day) || Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== day) {
    throw new JamwatchError('USAGE', `the gpsjam export needs a UTC day as YYYY-MM-DD, not "${day}"`);
  }
  const windowMs = options.windowMs ?? REGION_WINDOW_MS;
  if (!Number.isInteger(windowMs) || windowMs <= 0) {
    throw new JamwatchError('USAGE', `the gpsjam export window must be a positive whole number of ms, not ${windowMs}`);
  }
  return (
    `from(bucket: ${fluxString(bucket)})\n` +
    `  |> range(start: ${fluxDateTime(new Date(start).toISOString())}, stop: ${fluxDateTime(new Date(start + DAY_MS).toISOString())})\n` +
    `  |> filter(fn: (r) => r._measurement == "gnss_cell" and r.src == "adsb" and r.res == ${fluxString(String(options.res ?? GPSJAM_RES))})\n` +
    `  |> filter(fn: (r) => r._field == "craft" or r._field == "degraded")\n` +
    `  |> aggregateWindow(every: ${windowMs}ms, fn: last, createEmpty: false)\n` +
    `  |> group(columns: ["cell", "_field"])\n` +
    `  |> sum()\n` +
    `  |> group()\n` +
    `  |> pivot(rowKey: ["cell"], columnKey: ["_field"], valueColumn: "_value")\n` +
    `  |> sort(columns: ["cell"])\n`
  );
}

/** The CSV text (header, then one line per cell with aircraft that day, sorted by cell) for one UTC day. */
export async function gpsjamDailyCsv(
  config: Config['influx'],
  day: string,
  options: GpsjamExportOptions = {},
): Promise<string> {
  const rows = await queryApi(config).collectRows<{ cell: string; craft: number | null; degraded: number | null }>(
    gpsjamDailyFlux(config.bucket, day, options),
  );
  const lines = [GPSJAM_HEADER];
  for (const row of rows) {
    const craft = row.craft ?? 0;
    const bad = row.degraded ?? 0;
    if (craft > 0) lines.push(`${row.cell},${craft - bad},${bad}`);
  }
  return `${lines.join('\n')}\n`;
}

function queryApi(config: Config['influx']) {
  return new InfluxDB({ url: config.url, token: influxToken(config), timeout: 120_000 }).getQueryApi(config.org);
}

/** The few calls of the tasks API that installing needs (the client package has no tasks API of its own). */
function tasksApi(config: Config['influx']) {
  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await influxFetch(config, path, { method, body, timeoutMs: 30_000 });
    // A task already deleted (by another worker settling the same duplicates) is what DELETE wanted.
    if (method === 'DELETE' && response.status === 404) return undefined as T;
    if (!response.ok) {
      throw new JamwatchError(
        'INFLUX_WRITE',
        `InfluxDB answered HTTP ${response.status} to ${method} ${path}: ${(await response.text()).slice(0, 500)}`,
      );
    }
    // DELETE answers 204 with no body.
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  /** Tasks of that name, oldest first. */
  async function named(name: string): Promise<TaskRecord[]> {
    const query = new URLSearchParams({ name, org: config.org, limit: '100' });
    const { tasks } = await send<{ tasks?: TaskRecord[] }>('GET', `/api/v2/tasks?${query}`);
    const created = (t: TaskRecord) => Date.parse(t.createdAt ?? '') || 0;
    return (tasks ?? [])
      .filter((t) => t.name === name)
      .sort((a, b) => created(a) - created(b) || (a.id < b.id ? -1 : 1));
  }
  return {
    send,
    async findByName(name: string): Promise<TaskRecord | undefined> {
      return (await named(name))[0];
    },
    /** Deletes every task of that name but the oldest, which it returns. */
    async keepOldest(name: string): Promise<TaskRecord> {
      const [oldest, ...others] = await named(name);
      for (const task of others) await send('DELETE', `/api/v2/tasks/${task.id}`);
      if (!oldest) throw new JamwatchError('INFLUX_WRITE', `InfluxDB lost the task "${name}" just created`);
      return oldest;
    },
  };
}
