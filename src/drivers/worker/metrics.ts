import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The worker's Prometheus metrics, in a registry of its own (a test or a benchmark can run several workers in one
 * process). Gauges that mirror state (tracked craft, open alerts, InfluxDB write errors) are read when scraped.
 */
export interface MetricSources {
  trackedCraft(): number;
  openAlerts(): number;
  influxWriteErrors(): number;
}

export class WorkerMetrics {
  readonly registry = new Registry();
  readonly reports: Counter<'topic'>;
  readonly invalid: Counter<'topic' | 'reason'>;
  readonly decoded: Counter<'from' | 'topic'>;
  readonly decodeIgnored: Counter<'topic' | 'reason'>;
  readonly lag: Gauge<'stage' | 'topic' | 'partition'>;
  readonly batchSeconds: Histogram<'stage'>;
  readonly streamTime: Gauge<'stage'>;
  readonly checkpoints: Counter<'stage'>;
  private sources: MetricSources | undefined;
  private influxErrorsSeen = 0;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'jamwatch_' });
    this.reports = new Counter({
      name: 'jamwatch_reports_total',
      help: 'valid reports consumed, per input topic',
      labelNames: ['topic'],
      registers,
    });
    this.invalid = new Counter({
      name: 'jamwatch_invalid_total',
      help: 'messages dead-lettered, per input topic and reason (error code)',
      labelNames: ['topic', 'reason'],
      registers,
    });
    this.decoded = new Counter({
      name: 'jamwatch_decoded_reports_total',
      help: 'reports decoded from a raw input topic and produced, per raw topic (from) and report topic',
      labelNames: ['from', 'topic'],
      registers,
    });
    this.decodeIgnored = new Counter({
      name: 'jamwatch_decoded_ignored_total',
      help: 'decoded raw input that gave no report, per raw topic and reason (duplicate, no craft position, …)',
      labelNames: ['topic', 'reason'],
      registers,
    });
    this.lag = new Gauge({
      name: 'jamwatch_consumer_lag',
      help: 'messages behind the end of each assigned partition, per stage',
      labelNames: ['stage', 'topic', 'partition'],
      registers,
    });
    this.batchSeconds = new Histogram({
      name: 'jamwatch_batch_seconds',
      help: 'time to process one fetched batch, per stage',
      labelNames: ['stage'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    });
    this.streamTime = new Gauge({
      name: 'jamwatch_stream_time_seconds',
      help: 'stream time of each stage (event time less the late allowance), seconds since the epoch',
      labelNames: ['stage'],
      registers,
    });
    this.checkpoints = new Counter({
      name: 'jamwatch_checkpoints_total',
      help: 'checkpoints written and offsets committed, per stage',
      labelNames: ['stage'],
      registers,
    });
    const metrics = this;
    new Gauge({
      name: 'jamwatch_tracked_craft',
      help: 'craft held by the entity stage',
      registers,
      collect() {
        this.set(metrics.sources?.trackedCraft() ?? 0);
      },
    });
    new Gauge({
      name: 'jamwatch_open_alerts',
      help: 'alerts open (published and not resolved) in the event stage of this worker',
      registers,
      collect() {
        this.set(metrics.sources?.openAlerts() ?? 0);
      },
    });
    new Counter({
      name: 'jamwatch_influx_write_errors_total',
      help: 'failed InfluxDB write attempts (each is retried)',
      registers,
      collect() {
        const now = metrics.sources?.influxWriteErrors() ?? 0;
        if (now > metrics.influxErrorsSeen) this.inc(now - metrics.influxErrorsSeen);
        metrics.influxErrorsSeen = now;
      },
    });
  }

  attach(sources: MetricSources): void {
    this.sources = sources;
  }
}
