import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel, type Message, Partitioners } from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTopics, topicSpecs } from '../../src/adapters/kafka/topics.js';
import { configSchema, topicNames } from '../../src/config/schema.js';
import { createStreamDecoder } from '../../src/decode/input.js';
import type { Outcome } from '../../src/decode/outcome.js';
import type { RawInput } from '../../src/decode/stream-decoder.js';
import { BadInputHandler } from '../../src/drivers/bad-input.js';
import { InputStats } from '../../src/drivers/input-stats.js';
import { OutcomeRouter } from '../../src/drivers/read-files.js';
import { createLogger } from '../../src/log.js';
import type { Alert } from '../../src/schema/alert.js';
import type { DeadLetter } from '../../src/schema/deadletter.js';
import type { Report } from '../../src/schema/report.js';
import { positionReportA } from '../../src/sim/ais/messages.js';
import { aivdmSentences } from '../../src/sim/ais/nmea.js';
import { runCli } from './cli.js';
import { services, uniquePrefix } from './services.js';
import { finalAlerts, readTopic } from './worker-topics.js';

/**
 * `jamwatch worker` on the raw topics that other tools fill, against the real broker: the demo scenario's readsb
 * snapshots (one per message) and AIS NMEA lines (one to three per message, every multi-part message split over two
 * messages), with corrupt input and untimed NMEA lines among them, written with no key. The worker must put on the
 * report topics, keyed by craft, exactly the reports the decoders make of the same input in-process; dead-letter the
 * corrupt input; and give the alerts `jamwatch replay` gives on the simulated files.
 */
const SCENARIO = resolve(import.meta.dirname, '../../config/scenarios/demo.json');
/** A vessel in the mid-Atlantic, far from the scenario's jamming: its untimed lines cannot change an alert. */
const UNTIMED_MMSI = 257_000_001;

const CORRUPT_READSB = [
  '{"now": 1768060800, "aircraft": [',
  '{"now": -5, "aircraft": []}',
  '[1, 2, 3]',
  '{"now": 1768060900, "messages": 4}',
];
const CORRUPT_NMEA = [
  '!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*00',
  'this is no NMEA sentence',
  '!AIVDM,1,1,,A,13',
];

interface RawMessage {
  value: string;
  /** Kafka timestamp (ms), only where the test chooses it. */
  timestamp?: number;
}

describe('jamwatch worker on raw readsb and NMEA topics', () => {
  const s = services();
  const dir = mkdtempSync(join(tmpdir(), 'jamwatch-raw-'));
  const sim = join(dir, 'sim');
  let replayAlerts: Alert[] = [];

  beforeAll(async () => {
    expect((await runCli(['simulate', '--scenario', SCENARIO, '--out', sim], {})).code).toBe(0);
    const files = [join(sim, 'adsb.jsonl'), join(sim, 'ais.nmea')];
    const replay = await runCli(['replay', '--quiet', ...files, '--out', join(dir, 'replay')], {});
    expect(replay.code, replay.stderr).toBe(0);
    replayAlerts = readFileSync(join(dir, 'replay', 'alerts.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Alert);
    expect(replayAlerts.length).toBeGreaterThan(0);
  });

  it('decodes and re-keys them into the report topics, dead-letters corrupt input, and gives replay alerts', async () => {
    const prefix = uniquePrefix('raw');
    const topics = topicNames(prefix);
    const env = {
      ...s.env,
      JAMWATCH_TOPIC_PREFIX: prefix,
      JAMWATCH_KAFKA_GROUP: `${prefix}group`,
      JAMWATCH_HTTP_PORT: '0',
      JAMWATCH_INFLUX_RETENTION_DAYS: '0',
    };

    // readsb: one snapshot per message, the corrupt documents spread among them.
    const snapshots = lines(join(sim, 'adsb.jsonl'));
    const readsb: RawMessage[] = snapshots.map((value) => ({ value }));
    CORRUPT_READSB.forEach((value, i) => {
      readsb.splice(10 + i * 400, 0, { value });
    });

    // NMEA: the simulated lines (all with a tag block time) in messages of one to three lines; a message always ends
    // after the first part of a multi-part message, so that its second part comes in the next message.
    const sentences = lines(join(sim, 'ais.nmea'));
    const start = Number(/c:(\d+)/.exec(sentences[0]!)![1]) * 1000;
    const untimed = [0, 1, 2].map((i) => ({ line: untimedLine(i), t: start + 300_000 + i * 60_000 }));
    const nmea: RawMessage[] = [];
    const letterOffsets: number[] = [];
    let group: string[] = [];
    const close = () => {
      if (group.length > 0) nmea.push({ value: group.join(nmea.length % 2 === 0 ? '\n' : '\r\n') });
      group = [];
    };
    let corrupt = 0;
    let next = 0;
    sentences.forEach((line, i) => {
      const t = Number(/c:(\d+)/.exec(line)![1]) * 1000;
      while (next < untimed.length && untimed[next]!.t <= t) {
        close();
        nmea.push({ value: untimed[next]!.line, timestamp: untimed[next]!.t });
        next++;
      }
      if (i % 300 === 150 && corrupt < CORRUPT_NMEA.length) {
        letterOffsets.push(nmea.length);
        group.push(CORRUPT_NMEA[corrupt++]!);
      }
      group.push(line);
      if (/AIVDM,2,1,/.test(line) || group.length >= 1 + (i % 3)) close();
    });
    close();
    expect(corrupt).toBe(CORRUPT_NMEA.length);
    expect(next).toBe(untimed.length);
    const split = nmea.filter((m) => /AIVDM,2,1,/.test(m.value.split(/\r?\n/).pop()!)).length;
    expect(split).toBeGreaterThan(20);

    // What the decoders make of the same input in-process: each topic's input as one file, the untimed lines live
    // with their Kafka timestamps.
    const expected = decodeInProcess([
      { format: 'readsb', text: readsb.map((m) => m.value).join('\n') },
      {
        format: 'nmea',
        text: nmea
          .filter((m) => m.timestamp === undefined)
          .map((m) => m.value)
          .join('\n'),
      },
      ...untimed.map((u) => ({ format: 'nmea' as const, text: u.line, receivedAt: u.t })),
    ]);
    const untimedReports = expected.reports.filter((r) => r.id === `mmsi:${UNTIMED_MMSI}`);
    expect(untimedReports.map((r) => r.t)).toEqual(untimed.map((u) => u.t));
    const expectedLetters = [...CORRUPT_READSB, ...CORRUPT_NMEA].length;
    expect(expected.letters).toHaveLength(expectedLetters);

    const kafka = new Kafka({ clientId: 'worker-raw-test', brokers: s.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topicSpecs(configSchema.parse({ topics: { prefix } })));
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const produce = async (topic: string, messages: RawMessage[]) => {
      // Batches well under the broker's 1 MB limit (a demo snapshot is about 20 kB).
      for (let i = 0; i < messages.length; i += 10) {
        const batch: Message[] = messages.slice(i, i + 10).map((m) => ({
          key: null,
          value: m.value,
          ...(m.timestamp === undefined ? {} : { timestamp: String(m.timestamp) }),
        }));
        await producer.send({ topic, messages: batch });
      }
    };
    await produce(topics.rawReadsb, readsb);
    await produce(topics.rawNmea, nmea);
    await producer.disconnect();

    const worker = await runCli(['worker', '--until-idle', '5'], env, 240_000);
    expect(worker.code, worker.stderr.slice(-3000)).toBe(0);
    expect(worker.stdout).toMatch(
      new RegExp(`^${expected.reports.length} reports, ${expectedLetters} dead letters, \\d+ alert messages`),
    );

    // Every report the decoders make, on its topic, keyed by its craft, in the decoders' order per craft.
    for (const [topic, src] of [
      [topics.reportsAdsb, 'adsb'],
      [topics.reportsAis, 'ais'],
    ] as const) {
      const messages = await readTopic(s.brokers, topic);
      const want = expected.reports.filter((r) => r.src === src);
      expect(messages.length, topic).toBe(want.length);
      const got = new Map<string, Report[]>();
      for (const m of messages) {
        const report = JSON.parse(m.value) as Report;
        expect(m.key).toBe(report.id);
        got.set(m.key, [...(got.get(m.key) ?? []), report]);
      }
      expect(got).toEqual(byCraft(want));
    }

    // The corrupt input, dead-lettered with its reason and where it was read.
    const letters = (await readTopic(s.brokers, topics.deadletter)).map((m) => JSON.parse(m.value) as DeadLetter);
    expect(letters.map((l) => l.code).sort()).toEqual(expected.letters.map((l) => l.code).sort());
    const nmeaSources = letters.filter((l) => l.source.startsWith(topics.rawNmea)).map((l) => l.source);
    expect(nmeaSources).toEqual(letterOffsets.map((offset) => `${topics.rawNmea}/0@${offset}`));
    const readsbSources = letters.filter((l) => l.source.startsWith(topics.rawReadsb)).map((l) => l.source);
    expect(readsbSources).toEqual(CORRUPT_READSB.map((_, i) => `${topics.rawReadsb}/0@${10 + i * 400}`));

    // …and the detection: replay's alerts, with the same lifecycle.
    const alerts = (await readTopic(s.brokers, topics.alerts)).map((m) => JSON.parse(m.value) as Alert);
    expect(finalAlerts(alerts)).toEqual(finalAlerts(replayAlerts));
    const lifecycle = (list: Alert[]) => list.map((a) => `${a.id} ${a.status} ${a.updatedAt} ${a.endedAt ?? ''}`);
    expect(lifecycle(alerts)).toEqual(lifecycle(replayAlerts));
  });
});

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').trim().split('\n');
}

/** A class A position of the untimed vessel, without a tag block: its time is the Kafka message's. */
function untimedLine(i: number): string {
  const { payload, fill } = positionReportA({
    type: 1,
    mmsi: UNTIMED_MMSI,
    navStatus: 0,
    sog: 12,
    accuracy: true,
    lat: 45,
    lon: -30 + i * 0.02,
    cog: 90,
    heading: 90,
    second: 0,
    raim: false,
    radio: 0,
  }).armour();
  const [line] = aivdmSentences(payload, fill, 'A', 0, '');
  return line!;
}

interface InProcessInput {
  format: 'readsb' | 'nmea';
  text: string;
  /** Live input: the receive time of untimed lines. */
  receivedAt?: number;
}

/** The reports and dead letters that the decoders and the router make of the inputs, as `jamwatch feed` routes them. */
function decodeInProcess(inputs: InProcessInput[]): { reports: Report[]; letters: DeadLetter[] } {
  const reports: Report[] = [];
  const letters: DeadLetter[] = [];
  const router = new OutcomeRouter(
    new InputStats(),
    new BadInputHandler(createLogger('silent'), (letter) => letters.push(letter)),
  );
  const emit = (outcome: Outcome, raw: RawInput) => {
    const report = router.route(outcome, raw, 'in-process');
    if (report) reports.push(report);
  };
  for (const input of inputs) {
    const decoder = createStreamDecoder(input.format, {
      live: input.receivedAt !== undefined,
      startTime: 0,
      rate: 1,
      tzOffsetMinutes: undefined,
      receiver: undefined,
    });
    decoder.push(Buffer.from(`${input.text}\n`), input.receivedAt, emit);
    decoder.end(emit);
  }
  // JSON round trip: what a consumer of the report topics reads.
  return { reports: reports.map((r) => JSON.parse(JSON.stringify(r)) as Report), letters };
}

function byCraft(reports: Report[]): Map<string, Report[]> {
  const out = new Map<string, Report[]>();
  for (const r of reports) out.set(r.id, [...(out.get(r.id) ?? []), r]);
  return out;
}
