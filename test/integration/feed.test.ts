import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { type Report, reportSchema } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';
import { runCli } from './cli.js';
import { services, uniquePrefix } from './services.js';

async function consumeAll(brokers: string[], topic: string, expected: number) {
  const kafka = new Kafka({ clientId: 'feed-test', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `${topic}.check` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const messages: Array<{ key: string; value: string; partition: number }> = [];
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${messages.length} of ${expected} messages on ${topic}`)), 60_000);
    void consumer.run({
      eachMessage: async ({ message, partition }) => {
        messages.push({ key: message.key!.toString(), value: message.value!.toString(), partition });
        if (messages.length >= expected) {
          clearTimeout(timer);
          done();
        }
      },
    });
  });
  await consumer.disconnect();
  return messages;
}

describe('jamwatch feed into the real broker', () => {
  const s = services();

  it('produces every decoded report, keyed by craft id, and dead-letters bad input', async () => {
    const prefix = uniquePrefix('feed');
    const bad = join(mkdtempSync(join(tmpdir(), 'jamwatch-feed-')), 'bad.sbs');
    writeFileSync(bad, 'MSG,3,1,1,ZZZZZZ,1,2018/02/18,16:30:51.597,,,,850,,,-34.9,138.5,,,,,,\nMSG,3,broken\n');
    const run = await runCli(
      [
        'feed',
        '--speed',
        'max',
        corpusPath('adsb', 'sbs'),
        corpusPath('adsb', 'traffic', 'trace_full_ac671b.json'),
        bad,
      ],
      {
        ...s.env,
        JAMWATCH_TOPIC_PREFIX: prefix,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const finished = run.stderr.split('\n').find((line) => line.includes('feed finished'));
    const summary = JSON.parse(finished!) as {
      reports: number;
      sent: Record<string, number>;
      invalid: Record<string, number>;
    };
    expect(summary.invalid).toEqual({ SBS_SYNTAX: 2 });
    expect(summary.reports).toBe(89 + 2500);
    expect(summary.sent).toEqual({ [`${prefix}reports.adsb`]: summary.reports, [`${prefix}deadletter`]: 2 });

    const messages = await consumeAll(s.brokers, `${prefix}reports.adsb`, summary.reports);
    expect(messages).toHaveLength(summary.reports);
    const reports = messages.map((m) => reportSchema.parse(JSON.parse(m.value)) as Report);
    for (let i = 0; i < messages.length; i++) expect(messages[i]!.key).toBe(reports[i]!.id);
    expect(new Set(reports.map((r) => r.id))).toContain('icao:ac671b');
    const trace = reports.filter((r) => r.id === 'icao:ac671b');
    expect(trace).toHaveLength(2500);
    expect(trace.filter((r) => r.nacp === 10 && r.nic === 8).length).toBeGreaterThan(2400);
    // A craft's reports stay on one partition and in time order there.
    expect(new Set(messages.filter((m) => m.key === 'icao:ac671b').map((m) => m.partition)).size).toBe(1);
    for (let i = 1; i < trace.length; i++) expect(trace[i]!.t).toBeGreaterThanOrEqual(trace[i - 1]!.t);

    const letters = (await consumeAll(s.brokers, `${prefix}deadletter`, 2)).map((m) => JSON.parse(m.value));
    expect(letters.map((l) => l.code)).toEqual(['SBS_SYNTAX', 'SBS_SYNTAX']);
    expect(letters[1]).toMatchObject({
      schema: 'jamwatch.deadletter/1',
      raw: 'MSG,3,broken',
      encoding: 'utf8',
      source: bad,
    });
  });
});
