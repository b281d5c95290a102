import { SingleBar } from 'cli-progress';
import type { Kafka } from 'kafkajs';
import { httpPollSource, type LiveChunk, tcpSource, udpSource } from '../adapters/feed/network-sources.js';
import { BatchProducer } from '../adapters/kafka/batch-producer.js';
import { createKafka } from '../adapters/kafka/client.js';
import { ensureTopics, topicSpecs } from '../adapters/kafka/topics.js';
import { type Config, topicNames } from '../config/schema.js';
import { detectFormat, type InputFormat } from '../decode/detect-format.js';
import { createStreamDecoder } from '../decode/input.js';
import type { Outcome } from '../decode/outcome.js';
import type { RawInput } from '../decode/stream-decoder.js';
import { JamwatchError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Report } from '../schema/report.js';
import { BadInputHandler } from './bad-input.js';
import { InputStats } from './input-stats.js';
import { Pacer } from './pacer.js';
import { type FileReadOptions, fileReports, mergeByTime, OutcomeRouter, openFileInputs } from './read-files.js';

/**
 * `jamwatch feed`: files (paced at `speed` × their own pace, or as fast as possible), TCP, UDP and HTTP sources,
 * decoded into normalised reports and produced to `<prefix>reports.adsb` / `<prefix>reports.ais` keyed by craft
 * id; bad input goes to `<prefix>deadletter` with its reason and raw bytes.
 */
export interface FeedOptions {
  input: FileReadOptions;
  speed: number;
  pollIntervalMs: number;
  progress: boolean;
  signal: AbortSignal;
}

const PROGRESS_LOG_MS = 10_000;
const MAX_DETECT_BYTES = 64 * 1024;

export async function runFeed(
  sources: string[],
  options: FeedOptions,
  config: Config,
  log: Logger,
): Promise<InputStats> {
  const topics = topicNames(config.topics.prefix);
  const kafka = createKafka(config.kafka, log);
  await connectAndEnsureTopics(kafka, config);
  const producer = new BatchProducer(kafka, log);
  await producer.connect();
  const stats = new InputStats();
  const bad = new BadInputHandler(log, (letter) => {
    // a failed produce is remembered by the producer and thrown by the next send: nothing to handle here
    producer.send(topics.deadletter, letter.code, JSON.stringify(letter))?.catch(() => undefined);
  });
  const router = new OutcomeRouter(stats, bad);
  const send = (report: Report) =>
    producer.send(report.src === 'adsb' ? topics.reportsAdsb : topics.reportsAis, report.id, JSON.stringify(report));

  const live = sources.filter((s) => /^(tcp|udp|https?):\/\//.test(s));
  const files = sources.filter((s) => !live.includes(s));
  const progress = setInterval(
    () => log.info({ ...stats.toJSON(), sent: Object.fromEntries(producer.sent) }, 'feed progress'),
    PROGRESS_LOG_MS,
  );
  try {
    const tasks: Promise<void>[] = live.map((source) => feedLive(source, options, router, send, log));
    if (files.length > 0) tasks.push(feedFiles(files, options, router, send, log));
    await Promise.all(tasks);
  } finally {
    clearInterval(progress);
    await producer.disconnect();
  }
  log.info({ ...stats.toJSON(), sent: Object.fromEntries(producer.sent) }, 'feed finished');
  return stats;
}

async function connectAndEnsureTopics(kafka: Kafka, config: Config): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await ensureTopics(admin, topicSpecs(config));
  } catch (cause) {
    throw new JamwatchError(
      'KAFKA_UNREACHABLE',
      `cannot reach Kafka at ${config.kafka.brokers.join(',')}: ${(cause as Error).message} (check JAMWATCH_KAFKA_BROKERS, or start the local broker with npm run services:up)`,
      { cause, retriable: true },
    );
  } finally {
    await admin.disconnect();
  }
}

async function feedFiles(
  paths: string[],
  options: FeedOptions,
  router: OutcomeRouter,
  send: (report: Report) => Promise<void> | undefined,
  log: Logger,
): Promise<void> {
  const inputs = await openFileInputs(paths, options.input, log);
  const totalBytes = inputs.reduce((sum, input) => sum + input.bytes, 0);
  const bar = options.progress
    ? new SingleBar({ format: 'feed [{bar}] {percentage}% | {value}/{total} bytes | {eta}s' })
    : undefined;
  bar?.start(totalBytes, 0);
  let readBytes = 0;
  const onBytes = (bytes: number) => {
    readBytes += bytes;
    bar?.update(Math.min(readBytes, totalBytes));
  };
  const pacer = new Pacer(options.speed);
  try {
    const streams = inputs.map((input) => fileReports(input, options.input, router, onBytes));
    for await (const batch of mergeByTime(streams)) {
      for (const report of batch) {
        if (options.signal.aborted) return;
        const wait = pacer.wait(report.t, options.signal);
        if (wait) await wait;
        const full = send(report);
        if (full) await full;
      }
    }
  } finally {
    bar?.stop();
  }
}

async function feedLive(
  source: string,
  options: FeedOptions,
  router: OutcomeRouter,
  send: (report: Report) => Promise<void> | undefined,
  log: Logger,
): Promise<void> {
  const url = new URL(source);
  const port = Number(url.port);
  const sourceLog = log.child({ source });
  let chunks: AsyncGenerator<LiveChunk>;
  if (url.protocol === 'tcp:') chunks = tcpSource(url.hostname, port, sourceLog, options.signal);
  else if (url.protocol === 'udp:') chunks = udpSource(url.hostname || '0.0.0.0', port, sourceLog, options.signal);
  else chunks = httpPollSource(source, options.pollIntervalMs, sourceLog, options.signal);

  let format: InputFormat | undefined =
    options.input.format ?? (url.protocol.startsWith('http') ? 'readsb' : undefined);
  let decoder = format ? makeLiveDecoder(format, options, url) : undefined;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const queue: Report[] = [];
  const emit = (outcome: Outcome, raw: RawInput) => {
    const report = router.route(outcome, raw, source);
    if (report) queue.push(report);
  };
  for await (const { chunk, receivedAt } of chunks) {
    if (!decoder) {
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      format = detectFormat(Buffer.concat(pending));
      if (!format) {
        if (pendingBytes > MAX_DETECT_BYTES) {
          throw new JamwatchError(
            'USAGE',
            `cannot recognise the format of ${source} from its first ${pendingBytes} bytes: pass --format`,
          );
        }
        continue;
      }
      sourceLog.info({ format }, 'format detected');
      decoder = makeLiveDecoder(format, options, url);
      for (const early of pending) decoder.push(early, receivedAt, emit);
      pending = [];
    } else decoder.push(chunk, receivedAt, emit);
    for (const report of queue) {
      const full = send(report);
      if (full) await full;
    }
    queue.length = 0;
  }
}

function makeLiveDecoder(format: InputFormat, options: FeedOptions, url: URL) {
  return createStreamDecoder(format, {
    live: true,
    documentPerChunk: url.protocol.startsWith('http'),
    startTime: 0,
    rate: options.input.rate,
    tzOffsetMinutes: options.input.tzOffsetMinutes,
    receiver: options.input.receiver,
  });
}
