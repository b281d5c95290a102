import { type FeedCounts, feedLine } from '../adapters/influx/line-protocol.js';

interface Interval extends FeedCounts {
  src: 'adsb' | 'ais';
  /** Start of the interval being counted; its point is stamped at the end, as the worker stamps "since the last". */
  start: number;
}

/** One source file: its open interval per domain, the one its latest report went to, invalid input seen before any. */
interface Topic {
  adsb: Interval | undefined;
  ais: Interval | undefined;
  latest: Interval | undefined;
  early: number;
}

/**
 * The `jamwatch_feed` points of a replay: reports and invalid input per source file (the `topic` tag) and domain,
 * in intervals of event time, where the worker counts per Kafka topic in intervals of wall time. A gap in a file
 * is closed by a zero point at either end, so the rate panels read zero there instead of bridging it; invalid
 * input is counted in the interval of its file's latest report (bad lines carry no time of their own).
 */
export class FeedTally {
  private readonly topics = new Map<string, Topic>();

  constructor(
    private readonly intervalMs: number,
    private readonly out: (line: string) => void,
  ) {}

  report(topic: string, src: 'adsb' | 'ais', t: number): void {
    const start = t - (t % this.intervalMs);
    const of = this.topicOf(topic);
    let interval = of[src];
    if (interval === undefined) {
      interval = { src, topic, start, reports: 0, invalid: of.early, lag: 0, t: 0 };
      of.early = 0;
      of[src] = interval;
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
    of.latest = interval;
  }

  invalid(topic: string): void {
    const of = this.topicOf(topic);
    if (of.latest !== undefined) of.latest.invalid++;
    else of.early++;
  }

  /** Writes the open intervals. Invalid input of a file without any report has no time to be stamped at. */
  finish(): void {
    for (const of of this.topics.values()) {
      if (of.adsb !== undefined) this.emit(of.adsb);
      if (of.ais !== undefined) this.emit(of.ais);
    }
    this.topics.clear();
  }

  private topicOf(topic: string): Topic {
    let of = this.topics.get(topic);
    if (of === undefined) {
      of = { adsb: undefined, ais: undefined, latest: undefined, early: 0 };
      this.topics.set(topic, of);
    }
    return of;
  }

  private emit(interval: Interval): void {
    interval.t = interval.start + this.intervalMs;
    this.out(feedLine(interval));
  }

  private emitEmpty(interval: Interval, start: number): void {
    this.out(feedLine({ ...interval, reports: 0, invalid: 0, t: start + this.intervalMs }));
  }
}
