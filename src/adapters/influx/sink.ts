import { readFileSync } from 'node:fs';
import { InfluxDB, setLogger, type WriteApi } from '@influxdata/influxdb-client';
import type { Config } from '../../config/schema.js';
import { JamwatchError } from '../../errors.js';
import type { Logger } from '../../log.js';

const DAY_MS = 86_400_000;

/**
 * Writes line protocol to InfluxDB 2.x: batched, gzip-compressed above 1 KB, retried with backoff by the client.
 * `flush()` resolves only once every line handed in so far is written, which is what the worker waits for before
 * it commits Kafka offsets (at-least-once end to end; points are idempotent, so a repeat is harmless).
 */
export class InfluxSink {
  private readonly writeApi: WriteApi;
  private readonly retentionMs: number;
  private warnedOld = false;
  written = 0;
  failures = 0;

  constructor(
    private readonly config: Config['influx'],
    private readonly log: Logger,
  ) {
    routeClientLog(log);
    const client = new InfluxDB({ url: config.url, token: influxToken(config), timeout: 30_000 });
    const sink = this;
    this.writeApi = client.getWriteApi(config.org, config.bucket, 'ms', {
      batchSize: config.batchSize,
      flushInterval: config.flushIntervalMs,
      gzipThreshold: 1024,
      maxRetries: 10,
      maxRetryDelay: 15_000,
      minRetryDelay: 500,
      maxBufferLines: 1_000_000,
      writeFailed(error, lines, attempt) {
        sink.failures++;
        log.warn({ err: error.message, lines: lines.length, attempt }, 'InfluxDB write failed; retrying');
      },
      writeSuccess(lines) {
        sink.written += lines.length;
      },
    });
    this.retentionMs = config.retentionDays * DAY_MS;
  }

  /** `oldestTime` lets the sink warn, once, that a backfill writes points the bucket's retention will drop. */
  write(lines: string[], oldestTime: number, now: number): void {
    if (this.retentionMs > 0 && !this.warnedOld && now - oldestTime > this.retentionMs) {
      this.warnedOld = true;
      this.log.warn(
        {
          bucket: this.config.bucket,
          retentionDays: this.config.retentionDays,
          oldest: new Date(oldestTime).toISOString(),
        },
        'writing points older than the bucket retention: InfluxDB will drop them (raise influx.retentionDays and the bucket retention for backfills)',
      );
    }
    this.writeApi.writeRecords(lines);
  }

  /** With `withRetries`, also waits for (and retries now) the writes that failed earlier and wait for a retry. */
  flush(withRetries = false): Promise<void> {
    return this.writeApi.flush(withRetries);
  }

  close(): Promise<void> {
    return this.writeApi.close();
  }

  /** Stops at once, without flushing or retrying; returns the number of lines dropped. */
  dispose(): number {
    return this.writeApi.dispose();
  }
}

/**
 * The client library writes its own warnings to the console, a stack trace each, in the middle of the structured
 * log: they go to the log at debug level instead, since `writeFailed` already warns with the counts.
 */
function routeClientLog(log: Logger): void {
  const at = (message: string, error: unknown) =>
    log.debug({ err: error instanceof Error ? error.message : error }, `influxdb-client: ${message}`);
  setLogger({ error: at, warn: at });
}

export function influxToken(config: Config['influx']): string {
  if (config.token) return config.token;
  if (config.tokenFile) {
    try {
      return readFileSync(config.tokenFile, 'utf8').trim();
    } catch (cause) {
      throw new JamwatchError(
        'CONFIG_FILE',
        `cannot read influx.tokenFile ${config.tokenFile}: ${(cause as Error).message}`,
        { cause },
      );
    }
  }
  throw new JamwatchError('CONFIG_INVALID', 'influx.token is not set: set JAMWATCH_INFLUX_TOKEN or influx.tokenFile');
}

/**
 * One call of InfluxDB's HTTP API with the configured token (a JSON body when given). A server that cannot be reached
 * is INFLUX_UNREACHABLE; what it answers is the caller's to judge.
 */
export async function influxFetch(
  config: Config['influx'],
  path: string,
  init: { method?: string; body?: unknown; timeoutMs: number },
): Promise<Response> {
  const headers: Record<string, string> = { Authorization: `Token ${influxToken(config)}` };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    return await fetch(new URL(path, config.url), {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (cause) {
    throw new JamwatchError(
      'INFLUX_UNREACHABLE',
      `cannot reach InfluxDB at ${config.url}: ${(cause as Error).message}`,
      {
        cause,
        retriable: true,
      },
    );
  }
}

/** Fails fast, before consuming anything, when InfluxDB cannot be reached or the token cannot see the bucket. */
export async function checkInflux(config: Config['influx']): Promise<void> {
  const path = `/api/v2/buckets?name=${encodeURIComponent(config.bucket)}`;
  const response = await influxFetch(config, path, { timeoutMs: 10_000 });
  if (response.status === 401 || response.status === 403) {
    throw new JamwatchError(
      'INFLUX_UNREACHABLE',
      `InfluxDB at ${config.url} refused the token (HTTP ${response.status}): check JAMWATCH_INFLUX_TOKEN`,
    );
  }
  if (!response.ok) {
    throw new JamwatchError(
      'INFLUX_UNREACHABLE',
      `InfluxDB at ${config.url} answered HTTP ${response.status} to a bucket lookup`,
    );
  }
  const body = (await response.json()) as { buckets?: unknown[] };
  if (!body.buckets?.length) {
    throw new JamwatchError(
      'INFLUX_UNREACHABLE',
      `InfluxDB bucket "${config.bucket}" does not exist in org "${config.org}" or the token cannot see it: create it or set JAMWATCH_INFLUX_BUCKET`,
    );
  }
}
