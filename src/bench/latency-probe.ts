import { quantileSorted } from 'simple-statistics';

/**
 * End-to-end latency from report to alert, worked out from what the latency bench reads on the worker's topics. Every
 * wall time is a Kafka message timestamp (the producer's clock when it sent the batch), so the figures need no hook
 * inside the feed or the worker:
 * - reports (event time t, sent): paced at real time, the feed sends the report of time t at origin + t, so event
 *   time T "happens" at wall time T + min(sent − t) (the pacer never sends early; a late AIS message or a report sent
 *   in a burst only raises sent − t);
 * - watermarks of the entity tasks (observations topic, one source per report partition) and of the region tasks
 *   (cells topic, one source per observation partition): when each source first vouched for a time (watermark.ts);
 * - alert messages: `updatedAt` is the tick boundary B whose evaluation sent them.
 *
 * A tick at B holds every report with t < B + lateAllowance (tick-clock.ts), so the alert of tick B is timed from
 * the wall time of B and split into: the late allowance (inherent); the watermarks, until every report partition has
 * vouched for B + allowance (the feed, Kafka, the entity stage, and the sparsest busy partition, since stream time is
 * the slowest one's); the region stage, until every region task has passed B; the event stage, until the alert is on
 * Kafka. Only ticks that reports drove count: from the feed's start (B at or after the wall time of its first send) to
 * the last report time less the allowance and one tick (later ticks are moved by the worker's idle clock or its drain
 * at the end of the input).
 */
export interface Spread {
  count: number;
  /** Seconds. */
  p50: number;
  p95: number;
  max: number;
}

export interface LatencyFigures {
  /** Report → alert message on Kafka, and its parts. */
  alert: Spread;
  /** Seconds, the same for every tick. */
  lateAllowance: number;
  watermarks: Spread;
  region: Spread;
  event: Spread;
  /** Every tick the reports drove, alert or not: report → every region task past the tick, and its watermarks part. */
  tick: Spread;
  tickWatermarks: Spread;
  /** Per report partition, the ticks at which it was the last to vouch for tick + allowance (holding stream time). */
  lastToVouch: Map<string, number>;
  reports: number;
  alertMessages: number;
  /** Event time spanned by the reports, and the wall time the feed took to send them (equal when it kept pace). */
  eventSeconds: number;
  feedSeconds: number;
}

export class LatencyProbe {
  private origin = Number.POSITIVE_INFINITY;
  private firstEvent = Number.POSITIVE_INFINITY;
  private lastEvent = Number.NEGATIVE_INFINITY;
  private firstSent = Number.POSITIVE_INFINITY;
  private lastSent = Number.NEGATIVE_INFINITY;
  private reports = 0;
  private readonly entity = new FirstPassed();
  private readonly region = new FirstPassed();
  private readonly alerts: Array<{ tick: number; sent: number }> = [];

  report(t: number, sent: number): void {
    this.reports++;
    if (sent - t < this.origin) this.origin = sent - t;
    if (t < this.firstEvent) this.firstEvent = t;
    if (t > this.lastEvent) this.lastEvent = t;
    if (sent < this.firstSent) this.firstSent = sent;
    if (sent > this.lastSent) this.lastSent = sent;
  }

  entityWatermark(source: string, t: number, sent: number): void {
    this.entity.mark(source, t, sent);
  }

  regionWatermark(source: string, t: number, sent: number): void {
    this.region.mark(source, t, sent);
  }

  alert(tick: number, sent: number): void {
    this.alerts.push({ tick, sent });
  }

  figures(lateAllowanceMs: number, tickMs: number): LatencyFigures {
    // Event time as it stood when the feed started: older reports (late AIS, readsb positions seen a while ago) were
    // sent at once, so earlier ticks would be timed from before the feed ran.
    const firstTick = this.firstSent - this.origin;
    const lastTick = this.lastEvent - lateAllowanceMs - tickMs;
    const total: number[] = [];
    const watermarks: number[] = [];
    const region: number[] = [];
    const event: number[] = [];
    for (const a of this.alerts) {
      if (a.tick < firstTick || a.tick > lastTick) continue;
      const happened = a.tick + this.origin;
      total.push(a.sent - happened);
      const entityDone = this.entity.passed(a.tick + lateAllowanceMs)?.at;
      const regionDone = this.region.passed(a.tick)?.at;
      if (entityDone !== undefined) watermarks.push(entityDone - happened - lateAllowanceMs);
      if (entityDone !== undefined && regionDone !== undefined) region.push(regionDone - entityDone);
      if (regionDone !== undefined) event.push(a.sent - regionDone);
    }
    const ticks: number[] = [];
    const tickWatermarks: number[] = [];
    const lastToVouch = new Map<string, number>();
    for (let b = Math.ceil(firstTick / tickMs) * tickMs; b <= lastTick; b += tickMs) {
      const happened = b + this.origin;
      const regionDone = this.region.passed(b);
      if (regionDone !== undefined) ticks.push(regionDone.at - happened);
      const entityDone = this.entity.passed(b + lateAllowanceMs);
      if (entityDone === undefined) continue;
      tickWatermarks.push(entityDone.at - happened - lateAllowanceMs);
      lastToVouch.set(entityDone.source, (lastToVouch.get(entityDone.source) ?? 0) + 1);
    }
    return {
      alert: spread(total),
      lateAllowance: lateAllowanceMs / 1000,
      watermarks: spread(watermarks),
      region: spread(region),
      event: spread(event),
      tick: spread(ticks),
      tickWatermarks: spread(tickWatermarks),
      lastToVouch,
      reports: this.reports,
      alertMessages: this.alerts.length,
      eventSeconds: this.reports === 0 ? 0 : (this.lastEvent - this.firstEvent) / 1000,
      feedSeconds: this.reports === 0 ? 0 : (this.lastSent - this.firstSent) / 1000,
    };
  }
}

/** When every source of a stage had first vouched for a time: watermarks only move forward, so each is kept once. */
class FirstPassed {
  private readonly sources = new Map<string, { values: number[]; sent: number[] }>();

  mark(source: string, t: number, sent: number): void {
    let marks = this.sources.get(source);
    if (marks === undefined) {
      marks = { values: [], sent: [] };
      this.sources.set(source, marks);
    }
    const last = marks.values[marks.values.length - 1];
    if (last !== undefined && t <= last) return;
    marks.values.push(t);
    marks.sent.push(sent);
  }

  /** Wall time at which the last source reached t, and which; undefined when some source never did. */
  passed(t: number): { at: number; source: string } | undefined {
    let last: { at: number; source: string } | undefined;
    for (const [source, { values, sent }] of this.sources) {
      const i = firstAtLeast(values, t);
      if (i === values.length) return undefined;
      if (last === undefined || sent[i]! > last.at) last = { at: sent[i]!, source };
    }
    return last;
  }
}

function firstAtLeast(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function spread(ms: number[]): Spread {
  if (ms.length === 0) return { count: 0, p50: Number.NaN, p95: Number.NaN, max: Number.NaN };
  const sorted = ms.sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: quantileSorted(sorted, 0.5) / 1000,
    p95: quantileSorted(sorted, 0.95) / 1000,
    max: sorted[sorted.length - 1]! / 1000,
  };
}
