import { alertLine, cellLine } from '../adapters/influx/line-protocol.js';
import { influxQueryError } from '../adapters/influx/query-errors.js';
import { checkInflux, InfluxSink } from '../adapters/influx/sink.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { Alert } from '../schema/alert.js';
import type { CellRow } from '../schema/cell.js';
import { backfillRange } from './aggregates.js';
import { FeedTally } from './feed-tally.js';

/** Lines handed to the client between two waits for InfluxDB: bounds what a replay faster than InfluxDB holds. */
const FLUSH_EVERY_LINES = 200_000;

export interface ReplayInfluxSettings {
  influx: Config['influx'];
  /** Interval of the jamwatch_feed points (`worker.feedPointIntervalMs`). */
  feedIntervalMs: number;
}

export interface ReplayInfluxResult {
  points: number;
  /** UTC days whose hourly and daily aggregates were computed. */
  days: number;
  /** The times of the first and last row or alert written, ms; undefined when there was none. */
  range: { start: number; stop: number } | undefined;
}

/**
 * `jamwatch replay --influx`: the replay's `gnss_cell` rows, alert messages and per-file feed counts written to
 * InfluxDB as the worker writes them, then the hourly and daily aggregates of the replayed range computed (their
 * tasks only look back one period), so that a recording can be looked at in the Grafana dashboards. Points are
 * idempotent: replaying the same files again rewrites the same points.
 */
export class ReplayInfluxWriter {
  private readonly sink: InfluxSink;
  private readonly feed: FeedTally;
  private lines: string[] = [];
  private sinceFlush = 0;
  private first = Infinity;
  private last = -Infinity;
  private points = 0;

  private constructor(
    private readonly settings: ReplayInfluxSettings,
    log: Logger,
  ) {
    this.sink = new InfluxSink(settings.influx, log);
    this.feed = new FeedTally(settings.feedIntervalMs, (line) => this.lines.push(line));
  }

  /** Fails before the replay starts when InfluxDB cannot be reached, refuses the token or lacks the bucket. */
  static async open(settings: ReplayInfluxSettings, log: Logger): Promise<ReplayInfluxWriter> {
    await checkInflux(settings.influx);
    return new ReplayInfluxWriter(settings, log);
  }

  row(row: CellRow): void {
    this.push(cellLine(row), row.t);
  }

  alert(alert: Alert): void {
    this.push(alertLine(alert), Date.parse(alert.updatedAt));
  }

  report(topic: string, src: 'adsb' | 'ais', t: number): void {
    this.feed.report(topic, src, t);
  }

  invalid(topic: string): void {
    this.feed.invalid(topic);
  }

  /** Hands the lines collected so far to the client; waits for InfluxDB when many are outstanding. */
  async drain(): Promise<void> {
    if (this.lines.length === 0) return;
    this.sink.write(this.lines, this.first, Date.now());
    this.points += this.lines.length;
    this.sinceFlush += this.lines.length;
    this.lines = [];
    if (this.sinceFlush >= FLUSH_EVERY_LINES) {
      this.sinceFlush = 0;
      await this.guard(this.sink.flush(true), 'writing the replay');
    }
  }

  /** Writes what is left, then computes the aggregates of every UTC day the cell rows touched. */
  async finish(): Promise<ReplayInfluxResult> {
    this.feed.finish();
    await this.drain();
    await this.guard(this.sink.close(), 'writing the replay');
    const range = this.last >= this.first ? { start: this.first, stop: this.last + 1 } : undefined;
    const days = range ? await backfillRange(this.settings.influx, range) : 0;
    return { points: this.points, days, range };
  }

  /** After a failed replay: drops what is not written yet, so no pending retry keeps the process alive. */
  abort(): number {
    return this.sink.dispose();
  }

  private push(line: string, t: number): void {
    this.lines.push(line);
    if (t < this.first) this.first = t;
    if (t > this.last) this.last = t;
  }

  private async guard(done: Promise<void>, doing: string): Promise<void> {
    try {
      await done;
    } catch (error) {
      throw influxQueryError(error, this.settings.influx, doing);
    }
  }
}
