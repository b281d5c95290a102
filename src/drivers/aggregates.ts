import { writeFileSync } from 'node:fs';
import {
  backfillAggregates,
  gpsjamDailyCsv,
  gpsjamDailyFlux,
  installAggregateTasks,
  type TaskInstall,
} from '../adapters/influx/aggregates.js';
import { influxQueryError } from '../adapters/influx/query-errors.js';
import { checkInflux } from '../adapters/influx/sink.js';
import type { Config } from '../config/schema.js';
import { JamwatchError } from '../errors.js';
import type { Logger } from '../log.js';

/**
 * The long-range side of InfluxDB (docs/dashboards.md): install the tasks that keep `gnss_cell_1h` and
 * `gnss_cell_1d`, compute them for a past range, and export gpsjam.org's daily CSV. Each command checks first that
 * InfluxDB answers, takes the token and has the bucket, so a wrong address or token fails with a clear message.
 */

/** `jamwatch influx setup`: the aggregation tasks, created or brought up to date. */
export async function setupAggregateTasks(influx: Config['influx']): Promise<TaskInstall[]> {
  await checkInflux(influx);
  return installAggregateTasks(influx, { namePrefix: influx.taskPrefix });
}

/**
 * At worker start (with `influx.installTasks`): the tasks kept current with this version. A token that may write
 * points but not manage tasks only costs the long dashboard ranges, so a failure warns and the worker goes on.
 */
export async function installTasksAtStart(influx: Config['influx'], log: Logger): Promise<void> {
  if (!influx.installTasks) return;
  try {
    for (const task of await installAggregateTasks(influx, { namePrefix: influx.taskPrefix })) {
      if (task.action !== 'unchanged') log.info({ task: task.name, id: task.id }, `aggregation task ${task.action}`);
    }
  } catch (error) {
    log.warn(
      { err: (error as Error).message },
      'cannot install the aggregation tasks: dashboards over more than 2 days stay empty until `jamwatch influx setup` ' +
        'runs with a token that may write tasks (or set influx.installTasks to false)',
    );
  }
}

const DAY_MS = 86_400_000;

export interface TimeRange {
  readonly start: number;
  readonly stop: number;
}

/**
 * The UTC days that [start, stop) touches, each clipped to the range: one backfill query per day keeps every query
 * to one day of raw rows (a month at once would time out), and the hours of a day are written before its daily row.
 */
export function backfillDays(range: TimeRange): TimeRange[] {
  const days: TimeRange[] = [];
  for (let start = range.start; start < range.stop; start = Math.floor(start / DAY_MS) * DAY_MS + DAY_MS) {
    days.push({ start, stop: Math.min(range.stop, Math.floor(start / DAY_MS) * DAY_MS + DAY_MS) });
  }
  return days;
}

/**
 * `jamwatch influx backfill`: the hourly and daily aggregates of [start, stop), widened to whole hours and days,
 * computed now, day by day (idempotent: the same points are rewritten). Returns the days done.
 */
export async function backfillRange(
  influx: Config['influx'],
  range: TimeRange,
  onDay: (day: TimeRange) => void = () => {},
): Promise<number> {
  if (!(range.stop > range.start)) {
    throw new JamwatchError(
      'USAGE',
      `the backfill range is empty: --stop ${iso(range.stop)} must be after --start ${iso(range.start)}`,
    );
  }
  await checkInflux(influx);
  const days = backfillDays(range);
  for (const day of days) {
    try {
      await backfillAggregates(influx, day.start, day.stop);
    } catch (error) {
      throw influxQueryError(error, influx, `backfilling ${iso(day.start)} – ${iso(day.stop)}`);
    }
    onDay(day);
  }
  return days.length;
}

/**
 * `jamwatch export gpsjam`: one UTC day (YYYY-MM-DD) in gpsjam.org's CSV shape, at the cells' resolution (res 4 by
 * default, as gpsjam.org) and sampled at the region stage's window. Returns the text; with `out`, also writes it.
 */
export async function exportGpsjamDay(config: Config, day: string, out?: string): Promise<string> {
  const options = {
    res: config.detection.entity.h3Resolution,
    windowMs: config.detection.pipeline.region.windowMs,
  };
  // Refuses a malformed day before anything connects.
  gpsjamDailyFlux(config.influx.bucket, day, options);
  await checkInflux(config.influx);
  let csv: string;
  try {
    csv = await gpsjamDailyCsv(config.influx, day, options);
  } catch (error) {
    throw influxQueryError(error, config.influx, `exporting ${day}`);
  }
  if (out !== undefined) {
    try {
      writeFileSync(out, csv);
    } catch (cause) {
      throw new JamwatchError('OUTPUT_WRITE', `cannot write ${out}: ${(cause as Error).message}`, { cause });
    }
  }
  return csv;
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}
