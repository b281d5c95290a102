import { type FeedCounts, feedLine } from '../adapters/influx/line-protocol.js';

interface Interval extends FeedCounts {
  src: 'adsb' | 'ais';
  /** Start of the interval being counted; its point is stamped at the end, as the worker stamps "since the last". */
  start: number;
}

/**
 * The `jamwatch_feed` points of a replay: reports and invalid input per source file (the `topic` tag) and domain,
 * in intervals of event time, where the worker counts per Kafka topic in intervals of wall time. A gap in a file
 * is closed by a zero point at either end, so the rate panels read zero there instead of bridging it; invalid
 * input is counted in the interval of its file's latest report (bad lines carry no time of their own).
 */
export class FeedTally {
  private readonly open = new Map<string, Interval>();
  private readonly latestOfTopic = new Map<string, Interval>();
  /** Invalid input met before the file's first report, counted into that report's interval. */
  private readonly early = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly out: (line: string) => void,
  ) {}

  report(topic: string, src: 'adsb' | 'ais', t: number): void {
    const start = t - (t % this.intervalMs);
    const key = `${src} ${topic}`;
    let interval = this.open.get(key);
    if (interval === undefined) {
      interval = { src, topic, start, reports: 0, invalid: this.early.get(topic) ?? 0, lag: 0, t: 0 };
      this.early.delete(topic);
      this.open.set(key, interval);
    } else if (start > interval.start) {
      this.emit(interval);
      const gapStart = interval.start + this.intervalMs;
      if (start > gapStart) this.emitEmpty(interval, gapStart);
      if (start > gapStart + this.intervalMs) this.emitEmpty(interval, start - this.intervalMs);
      interval.start = start;
      interval.reports = 0;
      interval.invalid = 0;
    }
    // A report a little older than the open interval (files are merged in event time, a file's own order may
    // wobble) is counted in the open one.
    interval.reports++;
    this.latestOfTopic.set(topic, interval);
  }

  invalid(topic: string): void {
    const interval = this.latestOfTopic.get(topic);
    if (interval !== undefined) interval.invalid++;
    else this.early.set(topic, (this.early.get(topic) ?? 0) + 1);
  }

  /** Writes the open intervals. Invalid input of a file without any report has no time to be stamped at. */
  finish(): void {
    for (const interval of this.open.values()) this.emit(interval);
    this.open.clear();
    this.latestOfTopic.clear();
  }

  private emit(interval: Interval): void {
    interval.t = interval.start + this.intervalMs;
    this.out(feedLine(interval));
  }

  private emitEmpty(interval: Interval, start: number): void {
    this.out(feedLine({ ...interval, reports: 0, invalid: 0, t: start + this.intervalMs }));
  }
}
