import { setTimeout as sleep } from 'node:timers/promises';
import { createKafka } from '../adapters/kafka/client.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { benchRunConfig, benchRunId, deleteRunTopics, produceReports } from './bench-topics.js';
import { entityReports } from './core-entity.js';
import { WorkerProcess, type WorkerSample } from './worker-process.js';

/**
 * Scale-out: the worker bench's traffic (core-entity.ts: N generated reports, 90 % aircraft at 1 report/s, 10 %
 * vessels, some jammed and spoofed) run through 1 worker, then through 2 workers in one consumer group, each worker
 * a `jamwatch worker` process of its own (two workers in one Node process would share one core). Each run has topics
 * of its own, filled before it starts (not timed), and runs alone. As in the worker bench, a run is timed from the
 * first report consumed to the region stage's last batch (then quiet for a second). The workers start together, but
 * each stage's group settles only once both have joined: the rebalances, and the reports a worker reads again from
 * the last checkpoint after one, are part of the cost of scaling out and are in the figure. It is read from outside,
 * from each worker's /metrics every 100 ms, so either end is known to within that. CPU is the workers' user + system
 * time over the run (the broker's is not in it); memory the largest resident set of one worker.
 */
export interface ScaleOutOptions {
  reports?: number;
  craft?: number;
  /** Worker counts to run, in order (default 1 and 2). */
  workers?: number[];
  configFile?: string;
}

export interface ScaleOutRow {
  workers: number;
  reports: number;
  seconds: number;
  perSecond: number;
  cpuSeconds: number;
  /** Seconds from the start until every worker had consumed reports. */
  allJoinedAfter: number;
  /** Reports consumed (read again included) per second from then on. */
  allJoinedPerSecond: number;
  /** Reports each worker consumed: more than the input in all when a rebalance made a worker read some again. */
  split: number[];
  peakRssMb: number;
}

const SAMPLE_MS = 100;
const QUIET_MS = 1_000;
const UNTIL_IDLE_S = 2;
/** A run that does not finish at 2,000 reports/s (a tenth of one worker's speed) is stuck. */
const MIN_RATE = 2_000;
const SLACK_MS = 60_000;

export async function benchScaleOut(
  config: Config,
  log: Logger,
  options: ScaleOutOptions = {},
): Promise<ScaleOutRow[]> {
  const total = options.reports ?? 1_000_000;
  const counts = options.workers ?? [1, 2];
  const run = benchRunId();
  const configs = counts.map((n) => benchRunConfig(config, run, `w${n}`));
  const kafka = createKafka(config.kafka, log);
  try {
    await produceReports(
      kafka,
      log,
      configs,
      entityReports(options.craft ?? Math.max(100, Math.floor(total / 100)), total),
    );
    return await timeEach(configs, counts, total, options.configFile);
  } finally {
    await deleteRunTopics(kafka, configs);
  }
}

async function timeEach(
  configs: Config[],
  counts: number[],
  total: number,
  configFile: string | undefined,
): Promise<ScaleOutRow[]> {
  const rows: ScaleOutRow[] = [];
  for (const [k, n] of counts.entries()) {
    const cfg = configs[k]!;
    const workers = await Promise.all(
      Array.from({ length: n }, () =>
        WorkerProcess.start({
          prefix: cfg.topics.prefix,
          group: cfg.kafka.group,
          untilIdleSeconds: UNTIL_IDLE_S,
          configFile,
        }),
      ),
    );
    try {
      rows.push({ workers: n, ...(await timeRun(workers, total)) });
    } finally {
      for (const w of workers) w.stop();
      await Promise.all(workers.map((w) => w.exited));
    }
  }
  return rows;
}

async function timeRun(workers: WorkerProcess[], total: number): Promise<Omit<ScaleOutRow, 'workers'>> {
  const deadline = Date.now() + SLACK_MS + (total / MIN_RATE) * 1000;
  const peakRss = workers.map(() => 0);
  let before: Point = { at: performance.now(), reports: 0, cpu: 0 };
  let start: Point | undefined;
  let allJoined: Point | undefined;
  let regionBatches = -1;
  let last: Point | undefined;
  while (Date.now() < deadline) {
    await sleep(SAMPLE_MS);
    const samples = await Promise.all(workers.map((w) => w.sample()));
    const at = performance.now();
    if (workers.some((w) => !w.alive)) throw new Error('a worker stopped before the run was over');
    // A worker that does not answer yet is still starting: it has consumed nothing.
    if (samples.some((s) => s === undefined)) continue;
    const got = samples as WorkerSample[];
    got.forEach((s, i) => {
      peakRss[i] = Math.max(peakRss[i]!, s.rssBytes);
    });
    const point = { at, reports: sumOf(got, (s) => s.reports), cpu: sumOf(got, (s) => s.cpuSeconds) };
    // The run starts after the last sample that saw no report consumed.
    if (start === undefined) {
      if (point.reports === 0) before = point;
      else start = before;
    }
    if (start === undefined) continue;
    if (allJoined === undefined && got.every((s) => s.reports > 0)) allJoined = point;
    const batches = sumOf(got, (s) => s.regionBatches);
    if (batches !== regionBatches) {
      regionBatches = batches;
      last = point;
    } else if (last !== undefined && point.reports >= total && at - last.at >= QUIET_MS) {
      if (allJoined === undefined) {
        throw new Error(`the ${total} reports were consumed before every worker had joined: give more --reports`);
      }
      const seconds = (last.at - start.at) / 1000;
      return {
        reports: total,
        seconds,
        perSecond: total / seconds,
        cpuSeconds: last.cpu - start.cpu,
        allJoinedAfter: (allJoined.at - start.at) / 1000,
        allJoinedPerSecond: ((last.reports - allJoined.reports) * 1000) / (last.at - allJoined.at),
        split: got.map((s) => s.reports),
        peakRssMb: Math.round(Math.max(...peakRss) / 1e6),
      };
    }
  }
  throw new Error(`the workers did not get through ${total} reports in time`);
}

interface Point {
  at: number;
  reports: number;
  cpu: number;
}

function sumOf(samples: WorkerSample[], of: (s: WorkerSample) => number): number {
  let sum = 0;
  for (const s of samples) sum += of(s);
  return sum;
}
