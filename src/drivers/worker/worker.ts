import { randomUUID } from 'node:crypto';
import type { Admin } from 'kafkajs';
import { type HealthServer, startHealthServer } from '../../adapters/http/server.js';
import { feedLine } from '../../adapters/influx/line-protocol.js';
import { checkInflux, InfluxSink } from '../../adapters/influx/sink.js';
import { connectAdmin, partitionCounts } from '../../adapters/kafka/admin-check.js';
import { BatchProducer } from '../../adapters/kafka/batch-producer.js';
import { createKafka } from '../../adapters/kafka/client.js';
import { StateStore } from '../../adapters/kafka/state-store.js';
import { type Config, topicNames } from '../../config/schema.js';
import { drainMs } from '../../core/topology.js';
import type { Logger } from '../../log.js';
import { installTasksAtStart } from '../aggregates.js';
import { BadInputHandler } from '../bad-input.js';
import { loadLandMask } from '../replay.js';
import { DecodeTask } from './decode-task.js';
import { EntityTask } from './entity-task.js';
import { EventTask } from './event-task.js';
import { WorkerMetrics } from './metrics.js';
import { type FeedCounts, WorkerOutputs } from './outputs.js';
import { RegionTask } from './region-task.js';
import { type SourceView, sourceWatermarks, WatermarkWriter } from './source-watermarks.js';
import { type RunnerOptions, StageRunner } from './stage-runner.js';
import { type StageTask, taskId } from './task.js';
import { sourceId } from './watermark.js';

/**
 * `jamwatch worker`: the three stages of DESIGN.md in one process, each a consumer in its own group
 * (`<group>.entity`, `<group>.region`, `<group>.event`), so that N workers in one group split every stage's
 * partitions among them and give the alerts one worker gives. Before them, decode tasks (`<group>.decode`) turn the
 * raw topics that other tools fill (readsb JSON, AIS NMEA, no key) into reports keyed by craft (decode-task.ts).
 *
 *   raw.readsb/.nmea ─▶ decode tasks ─▶ reports.adsb/.ais (by craft)
 *   reports.adsb/.ais ─▶ entity tasks ─▶ observations (by cell, + watermarks) ─▶ region tasks ─▶ gnss_cell points
 *                                                                              └▶ cells (+ watermarks) ─▶ event task
 *                                                                                   ─▶ alerts + gnss_alert points
 *
 * Start-up fails fast when InfluxDB or Kafka cannot be reached or authenticated; topics are created if missing.
 * With `influx.installTasks` it installs or updates the aggregation tasks of the dashboards (a failure only warns).
 * `untilIdleMs` ends a backfill: once no stage has had input for that long, the entity stage moves its watermarks
 * past the last report (as replay's finish does), and once that has run through every stage and all is quiet again,
 * the worker checkpoints, commits and exits. An abort signal (SIGTERM/SIGINT) drains, checkpoints, commits and exits.
 */
export interface WorkerOptions {
  untilIdleMs?: number;
  signal?: AbortSignal;
  /** Called once every stage has joined its group (tests, benchmarks). */
  onReady?: () => void;
  /** Called on the worker's clock (every 250 ms) with its progress (benchmarks). */
  onProgress?: (progress: WorkerProgress) => void;
}

export interface WorkerProgress {
  reports: number;
  /** Wall time of the last batch of each stage (ms), 0 before the first. */
  lastInput: Record<'decode' | 'entity' | 'region' | 'event', number>;
}

export interface WorkerSummary {
  reports: number;
  invalid: number;
  alerts: number;
  seconds: number;
}

export async function runWorker(config: Config, options: WorkerOptions, log: Logger): Promise<WorkerSummary> {
  const started = Date.now();
  const topics = topicNames(config.topics.prefix);
  const timing = config.worker;
  await checkInflux(config.influx);
  await installTasksAtStart(config.influx, log);
  const kafka = createKafka(config.kafka, log);
  const admin: Admin = await connectAdmin(kafka, config);
  const counts = await partitionCounts(admin, [topics.reportsAdsb, topics.reportsAis, topics.observations]);
  const partitionsOf = (topic: string) => Array.from({ length: counts.get(topic) ?? 0 }, (_, p) => sourceId(topic, p));
  const reportSources = [...partitionsOf(topics.reportsAdsb), ...partitionsOf(topics.reportsAis)];
  const observationSources = partitionsOf(topics.observations);

  const metrics = new WorkerMetrics();
  const producer = new BatchProducer(kafka, log);
  await producer.connect();
  const influx = new InfluxSink(config.influx, log);
  const bad = new BadInputHandler(log, (letter) => out.send(topics.deadletter, letter.code, JSON.stringify(letter)));
  const out = new WorkerOutputs(producer, influx, bad, metrics);
  const group = config.kafka.group;
  const store = new StateStore(kafka, admin, topics.state, `${group}.state.${randomUUID()}`, log);
  await store.start();

  const detection = config.detection;
  const pipeline = detection.pipeline;
  const tickMs = pipeline.region.tickMs;
  const late = pipeline.lateAllowanceMs;
  const landMask = loadLandMask(detection.landMask);
  const runnerOptions: RunnerOptions = {
    checkpointIntervalMs: timing.checkpointIntervalMs,
    timerMs: timing.timerMs,
    maxWaitTimeInMs: timing.fetchMaxWaitMs,
  };
  const maxMessageBytes = config.kafka.maxMessageBytes;
  const outputsHealthy = () =>
    checkInflux(config.influx).then(
      () => true,
      () => false,
    );

  const writer = new WatermarkWriter(
    topics.observations,
    observationSources.length,
    timing.watermarkIntervalMs,
    (topic, key, value, partition) => out.send(topic, key, value, partition),
  );
  let drainTo = -1;
  /** Reports and dead letters of each raw topic since the last jamwatch_feed point. */
  const rawFeed = new Map<string, FeedCounts>([
    [topics.rawReadsb, { reports: 0, invalid: 0 }],
    [topics.rawNmea, { reports: 0, invalid: 0 }],
  ]);
  const decode = new StageRunner<DecodeTask>(
    kafka,
    {
      stage: 'decode',
      outputsHealthy,
      groupId: `${group}.decode`,
      topics: [topics.rawReadsb, topics.rawNmea],
      createTask: (topic, partition) => {
        const readsb = topic === topics.rawReadsb;
        return new DecodeTask(
          taskId('decode', topic, partition),
          {
            topic,
            partition,
            format: readsb ? 'readsb' : 'nmea',
            reportsTopic: readsb ? topics.reportsAdsb : topics.reportsAis,
            maxMessageBytes,
            feed: rawFeed.get(topic)!,
          },
          out,
        );
      },
    },
    out,
    store,
    runnerOptions,
    log.child({ stage: 'decode' }),
  );
  const entity: StageRunner<EntityTask> = new StageRunner(
    kafka,
    {
      stage: 'entity',
      outputsHealthy,
      groupId: `${group}.entity`,
      topics: [topics.reportsAdsb, topics.reportsAis],
      createTask: (topic, partition) =>
        new EntityTask(
          taskId('entity', topic, partition),
          {
            topic,
            partition,
            src: topic === topics.reportsAdsb ? 'adsb' : 'ais',
            observationsTopic: topics.observations,
            poolResolution: pipeline.region.poolResolution,
            maxMessageBytes,
            tickMs,
            lateAllowanceMs: late,
            entity: detection.entity,
            deps: landMask ? { landMask } : {},
          },
          out,
        ),
      // While paused (outputs failing) no watermark moves: the idle clock must not run past the unread input.
      afterBatch: (now, timer) => {
        if (!entity.paused) writer.write(sourceWatermarks(views(), now, sourceOptions, drainTo), now, timer);
      },
      onRebalance: () => writer.reset(),
    },
    out,
    store,
    runnerOptions,
    log.child({ stage: 'entity' }),
  );
  const sourceOptions = { busyMs: timing.busyMs, idleAdvanceMs: timing.idleAdvanceMs };
  const views = (): SourceView[] => {
    const list: SourceView[] = [];
    for (const [key, assigned] of entity.assigned) {
      const task = entity.tasks.get(key);
      const position = entity.positions.get(key);
      list.push({
        source: key,
        newest: task?.newestEventTime,
        lastInputWall: position?.lastInputWall ?? 0,
        lag: position?.lag ?? 0,
        assignedAt: assigned.assignedAt,
      });
    }
    return list;
  };

  const region = new StageRunner<RegionTask>(
    kafka,
    {
      stage: 'region',
      outputsHealthy,
      groupId: `${group}.region`,
      topics: [topics.observations],
      createTask: (topic, partition) =>
        new RegionTask(
          taskId('region', topic, partition),
          {
            topic,
            partition,
            sources: reportSources,
            cellsTopic: topics.cells,
            maxMessageBytes,
            lateAllowanceMs: late,
            region: pipeline.region,
            maxHeld: timing.maxHeld,
          },
          out,
        ),
    },
    out,
    store,
    runnerOptions,
    log.child({ stage: 'region' }),
  );
  const event = new StageRunner<EventTask>(
    kafka,
    {
      stage: 'event',
      outputsHealthy,
      groupId: `${group}.event`,
      topics: [topics.cells],
      createTask: (topic, partition) =>
        new EventTask(
          taskId('event', topic, partition),
          {
            topic,
            partition,
            sources: observationSources,
            alertsTopic: topics.alerts,
            maxMessageBytes,
            event: { ...pipeline.event, tickMs },
            maxHeld: timing.maxHeld,
          },
          out,
        ),
    },
    out,
    store,
    runnerOptions,
    log.child({ stage: 'event' }),
  );
  const runners = [decode, entity, region, event] as const;
  metrics.attach({
    trackedCraft: () => sum(entity.tasks.values(), (t) => t.trackedCraft),
    openAlerts: () => sum(event.tasks.values(), (t) => t.open.size),
    influxWriteErrors: () => influx.failures,
  });

  let stopping = false;
  let http: HealthServer | undefined;
  if (config.http.port !== 0) {
    http = await startHealthServer(
      config.http.host,
      config.http.port,
      {
        ready: () => !stopping && runners.every((r) => r.joined),
        metrics: () => metrics.registry.metrics(),
        metricsContentType: metrics.registry.contentType,
      },
      log,
    );
  }

  for (const runner of runners) await runner.start();
  log.info({ group, prefix: config.topics.prefix, reportSources: reportSources.length }, 'worker started');

  const feedTimer = setInterval(() => writeFeedPoints(), timing.feedPointIntervalMs);
  const writeFeedPoints = () => {
    const now = Date.now();
    const lines: string[] = [];
    for (const topic of [topics.reportsAdsb, topics.reportsAis]) {
      const counts = out.feed.get(topic) ?? { reports: 0, invalid: 0 };
      lines.push(feedPoint(topic, topic === topics.reportsAdsb ? 'adsb' : 'ais', counts, entity.positions, now));
    }
    // A raw topic has points once this worker has read from it: no empty series where nobody uses raw input.
    for (const [topic, counts] of rawFeed) {
      if (![...decode.positions.keys()].some((key) => key.startsWith(`${topic}:`))) continue;
      lines.push(feedPoint(topic, topic === topics.rawReadsb ? 'adsb' : 'ais', counts, decode.positions, now));
    }
    influx.write(lines, now, now);
  };

  let recovering = false;
  let inputRead = false;
  let checkingInput = false;
  let readySignalled = false;
  let drainStarted = -1;
  await new Promise<void>((done) => {
    let watch: NodeJS.Timeout | undefined;
    const finish = () => {
      clearInterval(watch);
      done();
    };
    options.signal?.addEventListener('abort', finish, { once: true });
    // SIGTERM during start-up: finish before the watch exists (it used to throw on the uninitialised const)
    if (options.signal?.aborted) return finish();
    watch = setInterval(() => {
      if (producer.failed && !recovering) {
        // Kafka refused a batch after kafkajs' retries: what it held is lost, so every stage goes back to its
        // checkpoints and writes it again (the outputs are idempotent).
        recovering = true;
        log.warn('Kafka produce failed: rewinding every stage to its checkpoints');
        void Promise.all(runners.map((r) => r.rewind())).then(() => {
          producer.recover();
          recovering = false;
        });
      }
      options.onProgress?.({
        reports: out.totals.reports,
        lastInput: {
          decode: decode.lastInputWall,
          entity: entity.lastInputWall,
          region: region.lastInputWall,
          event: event.lastInputWall,
        },
      });
      if (!readySignalled && runners.every((r) => r.joined)) {
        readySignalled = true;
        options.onReady?.();
      }
      const idleMs = options.untilIdleMs;
      if (idleMs === undefined || !readySignalled) return;
      const now = Date.now();
      const lastInput = Math.max(decode.lastInputWall, entity.lastInputWall);
      if (drainTo < 0) {
        if (now - Math.max(started, lastInput) < idleMs) {
          inputRead = false;
          return;
        }
        // Quiet is not enough (a stalled connection is quiet too): every partition must be read to its end.
        if (!inputRead) {
          if (!checkingInput) {
            checkingInput = true;
            void allInputRead(admin, decode, entity)
              .then((done) => {
                inputRead = done;
              })
              .catch(() => undefined)
              .finally(() => {
                checkingInput = false;
              });
          }
          return;
        }
        // End of a backfill: every watermark past the last report, far enough for windows to empty and alerts to
        // resolve, as replay's finish does.
        let newest = -1;
        for (const task of entity.tasks.values()) newest = Math.max(newest, task.newestEventTime);
        if (newest >= 0) {
          drainTo = newest + late + drainMs(pipeline.region, pipeline.event);
          drainStarted = now;
          log.info({ drainTo: new Date(drainTo).toISOString() }, 'input idle: draining the stages');
          return;
        }
      } else if (now - lastInput < idleMs) {
        return;
      } else if (!drained(region.tasks.values(), event.tasks.values())) {
        if (now - drainStarted < timing.maxDrainMs) return;
        log.warn({ waitedMs: now - drainStarted }, 'stages not drained in time: stopping anyway');
      }
      finish();
    }, timing.timerMs);
  });

  stopping = true;
  clearInterval(feedTimer);
  log.info('stopping: last checkpoint and commit');
  for (const runner of runners) await runner.stop();
  writeFeedPoints();
  await producer.disconnect();
  await influx.close();
  await store.stop();
  await admin.disconnect();
  await http?.close();
  const summary: WorkerSummary = {
    reports: out.totals.reports,
    invalid: out.totals.invalid,
    alerts: producer.sent.get(topics.alerts) ?? 0,
    seconds: (Date.now() - started) / 1000,
  };
  log.info(summary, 'worker stopped');
  return summary;
}

/**
 * True when every raw and report partition has been processed up to the end of its log. What the decode tasks made
 * of the raw input is acknowledged on the report topics (a checkpoint flushes it) before their ends are asked for.
 */
async function allInputRead(
  admin: Admin,
  decode: StageRunner<DecodeTask>,
  entity: StageRunner<EntityTask>,
): Promise<boolean> {
  if (!(await readToEnd(admin, decode))) return false;
  await decode.checkpointNow();
  return readToEnd(admin, entity);
}

/** True when every partition assigned to a stage has been processed up to the end of its log. */
async function readToEnd<T extends StageTask>(admin: Admin, runner: StageRunner<T>): Promise<boolean> {
  const topics = [...new Set([...runner.assigned.values()].map((a) => a.topic))];
  const committed = await admin.fetchOffsets({ groupId: runner.spec.groupId, topics });
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    for (const end of ends) {
      const key = sourceId(topic, end.partition);
      if (!runner.assigned.has(key) || Number(end.high) <= Number(end.low)) continue;
      const done =
        runner.positions.get(key)?.next ??
        Number(committed.find((c) => c.topic === topic)?.partitions.find((p) => p.partition === end.partition)?.offset);
      if (!(done >= Number(end.high))) return false;
    }
  }
  return true;
}

/**
 * A backfill has run through: no region task holds a window or a record waiting for its watermark, and the event
 * task holds no cell and no open alert. (Region tasks of other workers may still write cells: the event partition
 * then moves to a worker that is still running, which resumes from this one's checkpoint.)
 */
function drained(regions: Iterable<RegionTask>, events: Iterable<EventTask>): boolean {
  for (const task of regions) if (!task.stage.idle || task.held > 0) return false;
  for (const task of events) if (task.open.size > 0 || task.held > 0) return false;
  return true;
}

/** One jamwatch_feed point of an input topic; its counts start again from zero. */
function feedPoint(
  topic: string,
  src: 'adsb' | 'ais',
  counts: FeedCounts,
  positions: ReadonlyMap<string, { lag: number }>,
  now: number,
): string {
  let lag = 0;
  for (const [key, position] of positions) if (key.startsWith(`${topic}:`)) lag += position.lag;
  const line = feedLine({ src, topic, reports: counts.reports, invalid: counts.invalid, lag, t: now });
  counts.reports = 0;
  counts.invalid = 0;
  return line;
}

function sum<T>(items: Iterable<T>, of: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += of(item);
  return total;
}
