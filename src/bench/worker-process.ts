import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * `jamwatch worker --until-idle` in a child process of its own, for the benches that need the worker apart from the
 * bench's own work (the latency bench's feed and consumer) or several workers at once (one Node process runs on one
 * core). It runs the built CLI with the bench's config file and JAMWATCH_* overrides: its topic prefix and group, a
 * free loopback port for its health server, log level warn, no retention warnings, no aggregation tasks installed.
 * It is watched from outside as an operator would: ready when /readyz says every stage joined its group, progress
 * from the Prometheus text of /metrics.
 */
export interface WorkerProcessOptions {
  prefix: string;
  group: string;
  untilIdleSeconds: number;
  configFile?: string;
}

/** What a scrape of /metrics says (counters since the worker started). */
export interface WorkerSample {
  reports: number;
  /** Batches the region stage has processed. */
  regionBatches: number;
  cpuSeconds: number;
  rssBytes: number;
}

const CLI = resolve(import.meta.dirname, '../cli/main.js');
const READY_POLL_MS = 200;

export class WorkerProcess {
  private running = true;

  private constructor(
    private readonly child: ChildProcess,
    private readonly port: number,
    /** Resolves with the exit code (null when killed by a signal). */
    readonly exited: Promise<number | null>,
  ) {
    void exited.then(() => {
      this.running = false;
    });
  }

  /** False once the process has exited. */
  get alive(): boolean {
    return this.running;
  }

  static async start(options: WorkerProcessOptions): Promise<WorkerProcess> {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm run build)`);
    const port = await freePort();
    const args = [CLI, 'worker', '--until-idle', String(options.untilIdleSeconds)];
    if (options.configFile) args.push('--config', options.configFile);
    const child = spawn(process.execPath, args, {
      env: {
        ...process.env,
        JAMWATCH_TOPIC_PREFIX: options.prefix,
        JAMWATCH_KAFKA_GROUP: options.group,
        JAMWATCH_HTTP_HOST: '127.0.0.1',
        JAMWATCH_HTTP_PORT: String(port),
        JAMWATCH_LOG_LEVEL: 'warn',
        JAMWATCH_INFLUX_RETENTION_DAYS: '0',
        JAMWATCH_INFLUX_INSTALL_TASKS: 'false',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<number | null>((done, fail) => {
      child.once('error', fail);
      child.once('exit', (code) => done(code));
    });
    return new WorkerProcess(child, port, exited);
  }

  /** Waits until every stage has joined its group; throws if the worker exits or does not get there in time. */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`the worker exited with code ${await this.exited} before it was ready`);
      const ready = await fetch(`http://127.0.0.1:${this.port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      await sleep(READY_POLL_MS);
    }
    throw new Error(`the worker was not ready within ${timeoutMs} ms`);
  }

  /** Its metrics now; undefined while it does not answer (starting, stopping, or exited). */
  async sample(): Promise<WorkerSample | undefined> {
    if (!this.running) return undefined;
    const text = await fetch(`http://127.0.0.1:${this.port}/metrics`).then(
      (r) => (r.ok ? r.text() : undefined),
      () => undefined,
    );
    if (text === undefined) return undefined;
    return {
      reports: metricValue(text, 'jamwatch_reports_total'),
      regionBatches: metricValue(text, 'jamwatch_batch_seconds_count', 'stage="region"'),
      cpuSeconds: metricValue(text, 'jamwatch_process_cpu_seconds_total'),
      rssBytes: metricValue(text, 'jamwatch_process_resident_memory_bytes'),
    };
  }

  /** SIGTERM: the worker drains, checkpoints, commits and exits. */
  stop(): void {
    if (this.running) this.child.kill('SIGTERM');
  }
}

/**
 * The sum of the samples of one metric in Prometheus text format (`name{label="v",…} value` lines), over the samples
 * whose labels include `label` (`key="value"`) when given; 0 when there is none.
 */
export function metricValue(text: string, name: string, label?: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const next = line.charAt(name.length);
    if (next !== ' ' && next !== '{') continue;
    const space = line.lastIndexOf(' ');
    if (label !== undefined && !line.slice(name.length, space).includes(label)) continue;
    const value = Number(line.slice(space + 1));
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}

/** A loopback port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}
