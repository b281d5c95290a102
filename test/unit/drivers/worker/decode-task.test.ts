import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { InfluxSink } from '../../../../src/adapters/influx/sink.js';
import type { BatchProducer } from '../../../../src/adapters/kafka/batch-producer.js';
import { BadInputHandler } from '../../../../src/drivers/bad-input.js';
import { DecodeTask, type RawFormat } from '../../../../src/drivers/worker/decode-task.js';
import { WorkerMetrics } from '../../../../src/drivers/worker/metrics.js';
import { type FeedCounts, WorkerOutputs } from '../../../../src/drivers/worker/outputs.js';
import { createLogger } from '../../../../src/log.js';
import type { DeadLetter } from '../../../../src/schema/deadletter.js';
import { type Report, reportSchema } from '../../../../src/schema/report.js';
import { classAPosition, line, multipartLines, staticVoyage, tagged } from '../../decode/ais/ais-fixtures.js';

const RAW = 'test.raw.nmea';
const REPORTS = 'test.reports.ais';
/** Kafka timestamps of the test messages (ms), far from the times the lines carry. */
const KAFKA_T = 1_710_000_000_000;
const TAG_S = 1_700_000_000;

interface Sent {
  topic: string;
  key: string;
  value: string;
}

function harness(format: RawFormat, maxMessageBytes = 4096) {
  const sent: Sent[] = [];
  const letters: DeadLetter[] = [];
  const producer = {
    failed: false,
    send: (topic: string, key: string, value: string) => {
      sent.push({ topic, key, value });
      return undefined;
    },
  } as unknown as BatchProducer;
  const bad = new BadInputHandler(createLogger('silent'), (letter) => letters.push(letter));
  const metrics = new WorkerMetrics();
  const out = new WorkerOutputs(producer, {} as InfluxSink, bad, metrics);
  const feed: FeedCounts = { reports: 0, invalid: 0 };
  const task = new DecodeTask(
    'decode:x:0',
    { topic: RAW, partition: 0, format, reportsTopic: REPORTS, maxMessageBytes, feed },
    out,
  );
  let offset = 0;
  const push = (value: string, timestamp = KAFKA_T + offset * 1000) =>
    task.ingest({
      key: null,
      value: Buffer.from(value),
      offset: String(offset++),
      timestamp: String(timestamp),
    } as unknown as KafkaMessage);
  const reports = () =>
    sent
      .filter((s) => s.topic === REPORTS)
      .map((s) => ({ key: s.key, report: reportSchema.parse(JSON.parse(s.value)) }));
  return { task, push, reports, letters, metrics, feed };
}

describe('DecodeTask: raw NMEA messages → AIS reports keyed by craft', () => {
  it('assembles a multi-part message whose parts arrive in two Kafka messages', () => {
    const h = harness('nmea');
    const [first, second] = multipartLines(classAPosition({ mmsi: 244_000_001 }), 20);
    h.push(tagged(`c:${TAG_S}`, first!));
    expect(h.reports()).toEqual([]);
    h.push(tagged(`c:${TAG_S}`, second!));
    const got = h.reports();
    expect(got).toHaveLength(1);
    expect(got[0]!.key).toBe('mmsi:244000001');
    expect(got[0]!.report.t).toBe(TAG_S * 1000);
    expect(h.letters).toEqual([]);
  });

  it('takes the tag block time, else the Kafka timestamp; several lines per message, the last without a newline', () => {
    const h = harness('nmea');
    const untimed = line(classAPosition({ mmsi: 244_000_002, second: 10 }));
    const timed = tagged(`c:${TAG_S + 5}`, line(classAPosition({ mmsi: 244_000_003 })));
    h.push(`${untimed}\r\n${timed}`, KAFKA_T);
    const byKey = new Map(h.reports().map((r) => [r.key, r.report.t]));
    expect(byKey).toEqual(
      new Map([
        ['mmsi:244000002', KAFKA_T],
        ['mmsi:244000003', (TAG_S + 5) * 1000],
      ]),
    );
  });

  it('carries what a multi-part static message taught into the next report of the vessel', () => {
    const h = harness('nmea');
    const parts = multipartLines(staticVoyage({ mmsi: 244_000_004, name: 'RAW TOPIC' }), 40);
    for (const part of parts) h.push(tagged(`c:${TAG_S}`, part));
    h.push(tagged(`c:${TAG_S + 1}`, line(classAPosition({ mmsi: 244_000_004 }))));
    const [only] = h.reports();
    expect(only!.report.name).toBe('RAW TOPIC');
  });

  it('dead-letters corrupt lines with their reason and source, counts them, and decodes the lines around them', () => {
    const h = harness('nmea', 400);
    const good = line(classAPosition({ mmsi: 244_000_005 }));
    const badChecksum = `${good.slice(0, -2)}00`;
    h.push(`${badChecksum}\nnot nmea at all\n${good}`);
    h.push('!'.repeat(401));
    expect(h.reports().map((r) => r.key)).toEqual(['mmsi:244000005']);
    expect(h.letters.map((l) => `${l.code} ${l.source}`)).toEqual([
      `NMEA_CHECKSUM ${RAW}/0@0`,
      `NMEA_SYNTAX ${RAW}/0@0`,
      `MESSAGE_TOO_LARGE ${RAW}/0@1`,
    ]);
    h.task.afterBatch();
    expect(h.feed).toEqual({ reports: 1, invalid: 3 });
  });

  it('moves its counts to the metrics once per batch', async () => {
    const h = harness('nmea');
    const report = tagged(`c:${TAG_S}`, line(classAPosition({ mmsi: 244_000_006 })));
    h.push(report);
    h.push(report); // heard twice: a duplicate
    h.task.afterBatch();
    const text = await h.metrics.registry.metrics();
    expect(text).toContain(`jamwatch_decoded_reports_total{from="${RAW}",topic="${REPORTS}"} 1`);
    expect(text).toContain(`jamwatch_decoded_ignored_total{topic="${RAW}",reason="duplicate"} 1`);
    expect(h.task.streamTime).toBe(TAG_S * 1000);
  });
});

describe('DecodeTask: raw readsb JSON messages → ADS-B reports keyed by craft', () => {
  const aircraft = (hex: string, lat: number) => ({
    hex,
    type: 'adsb_icao',
    alt_baro: 37000,
    lat,
    lon: 21.5,
    nic: 8,
    rc: 186,
    seen_pos: 0.5,
    version: 2,
    nac_p: 9,
    sil: 3,
  });

  it('decodes one document per message, its time from now, else from the Kafka timestamp', () => {
    const h = harness('readsb');
    h.push(JSON.stringify({ now: TAG_S, aircraft: [aircraft('4ca001', 54), aircraft('4ca002', 55)] }));
    h.push(JSON.stringify({ ...aircraft('4ca003', 56), now: TAG_S + 1 }));
    h.push(JSON.stringify({ ac: [aircraft('4ca004', 57)], msg: 'No error', total: 1 }), KAFKA_T);
    const got = h.reports().map((r) => [r.key, r.report.t] as const);
    expect(got).toEqual([
      ['icao:4ca001', TAG_S * 1000 - 500],
      ['icao:4ca002', TAG_S * 1000 - 500],
      ['icao:4ca003', (TAG_S + 1) * 1000 - 500],
      ['icao:4ca004', KAFKA_T - 500],
    ]);
    for (const { report } of h.reports()) expect(report.src satisfies Report['src']).toBe('adsb');
  });

  it('dead-letters a document that is not JSON and goes on', () => {
    const h = harness('readsb');
    h.push('{"now": 1700000000, "aircraft": [');
    h.push(JSON.stringify({ now: TAG_S, aircraft: [aircraft('4ca005', 54)] }));
    expect(h.letters.map((l) => `${l.code} ${l.source}`)).toEqual([`JSON_SYNTAX ${RAW}/0@0`]);
    expect(h.reports().map((r) => r.key)).toEqual(['icao:4ca005']);
  });
});
