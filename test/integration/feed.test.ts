import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Report, reportSchema } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';
import { runCli } from './cli.js';
import { services, uniquePrefix } from './services.js';
import { distinctMessages, readTopic } from './worker-topics.js';

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

    const messages = distinctMessages(await readTopic(s.brokers, `${prefix}reports.adsb`));
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

    const letters = distinctMessages(await readTopic(s.brokers, `${prefix}deadletter`)).map((m) => JSON.parse(m.value));
    expect(letters.map((l) => l.code)).toEqual(['SBS_SYNTAX', 'SBS_SYNTAX']);
    expect(letters[1]).toMatchObject({
      schema: 'jamwatch.deadletter/1',
      raw: 'MSG,3,broken',
      encoding: 'utf8',
      source: bad,
    });
  });

  it('feeds a real Helsinki Beast capture: aircraft that lost GNSS arrive with NACp 0 and "no position" reports', async () => {
    const prefix = uniquePrefix('helsinki');
    const capture = corpusPath('adsb', 'helsinki-2026-01-07', 'raw_adsb_20260107_001214.bin');
    const run = await runCli(
      ['feed', '--speed', 'max', '--start-time', '2026-01-06T22:12:14Z', '--receiver', '60.32,24.83', capture],
      {
        ...s.env,
        JAMWATCH_TOPIC_PREFIX: prefix,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stderr.split('\n').find((line) => line.includes('feed finished'))!) as {
      total: number;
      reports: number;
      ignored: Record<string, number>;
      invalid: Record<string, number>;
    };
    // Every frame is accounted for; ground stations and replies are ignored, never invalid.
    expect(summary.invalid).toEqual({});
    expect(summary.ignored['modes-ground-station']).toBeGreaterThan(30_000);
    expect(summary.reports).toBeGreaterThan(10_000);

    const messages = distinctMessages(await readTopic(s.brokers, `${prefix}reports.adsb`));
    expect(messages).toHaveLength(summary.reports);
    const reports = messages.map((m) => reportSchema.parse(JSON.parse(m.value)) as Report);
    for (let i = 0; i < messages.length; i++) expect(messages[i]!.key).toBe(reports[i]!.id);
    const start = Date.parse('2026-01-06T22:12:14Z');
    for (const r of reports) expect(r.t).toBeGreaterThanOrEqual(start);
    for (const r of reports) expect(r.t).toBeLessThan(start + 16 * 60_000);

    // 4601f9 climbs out of Helsinki with NACp 0 at about 9,750 ft, 25 km north of the receiver.
    const lost = reports.filter((r) => r.id === 'icao:4601f9' && r.nacp === 0 && r.lat !== undefined);
    expect(lost.length).toBeGreaterThan(20);
    for (const r of lost) expect(Math.hypot(r.lat! - 60.32, (r.lon! - 24.83) * 0.5)).toBeLessThan(1.5);
    // 461f4d sends only airborne position messages without a position (type code 0).
    const blind = reports.filter((r) => r.id === 'icao:461f4d');
    expect(blind.length).toBeGreaterThan(100);
    expect(blind.every((r) => r.posAvailable === false && r.lat === undefined)).toBe(true);
  });
});
