import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/schema/alert.js';
import type { CellRow } from '../../src/schema/cell.js';
import { runCli } from './cli.js';
import { services, uniquePrefix } from './services.js';
import { finalAlerts, queryCellRows, readTopic } from './worker-topics.js';

/**
 * The worker while its servers go away: the demo scenario is fed in two halves, and between them the Kafka broker
 * (or InfluxDB) is restarted through the project's scripts while the worker runs. The worker must carry on and end
 * with replay's alerts. The servers are always left running.
 */
const SCENARIO = resolve(import.meta.dirname, '../../config/scenarios/demo.json');
const SCRIPTS = resolve(import.meta.dirname, '../../scripts');
/** The halves split ten minutes into the 25-minute scenario, in the middle of the jamming. */
const SPLIT_MS = 10 * 60_000;

describe('jamwatch worker through server restarts', () => {
  const s = services();
  const dir = mkdtempSync(join(tmpdir(), 'jamwatch-restart-'));
  const halves = [join(dir, 'part1'), join(dir, 'part2')];
  const filesOf = (half: string) => [join(half, 'adsb.jsonl'), join(half, 'ais.nmea')];
  let replayAlerts: Alert[] = [];
  let replayRows: CellRow[] = [];
  let start = 0;

  beforeAll(async () => {
    // The demo on a day of its own, so that the gnss_cell points in the shared bucket are this run's only.
    const day = new Date(Date.UTC(2022, 0, 1) + Math.floor(Math.random() * 700) * 86_400_000);
    const scenario = {
      ...JSON.parse(readFileSync(SCENARIO, 'utf8')),
      start: `${day.toISOString().slice(0, 10)}T16:00:00Z`,
    };
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
    start = Date.parse(scenario.start);
    const sim = join(dir, 'sim');
    expect((await runCli(['simulate', '--scenario', join(dir, 'scenario.json'), '--out', sim], {})).code).toBe(0);
    const replay = await runCli(['replay', '--quiet', ...filesOf(sim), '--out', join(dir, 'replay')], {});
    expect(replay.code, replay.stderr).toBe(0);
    replayAlerts = readFileSync(join(dir, 'replay', 'alerts.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Alert);
    replayRows = readFileSync(join(dir, 'replay', 'cells.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as CellRow);
    const split = start + SPLIT_MS;
    for (const half of halves) mkdirSync(half);
    splitLines(join(sim, 'adsb.jsonl'), (line) => (JSON.parse(line) as { now: number }).now * 1000, split, halves);
    splitLines(join(sim, 'ais.nmea'), (line) => Number(/c:(\d+)/.exec(line)![1]) * 1000, split, halves);
  });

  const restartCase = (server: 'kafka' | 'influxdb', downMs: number) => async () => {
    const prefix = uniquePrefix(`restart-${server}`);
    const env = {
      ...s.env,
      JAMWATCH_TOPIC_PREFIX: prefix,
      JAMWATCH_KAFKA_GROUP: `${prefix}group`,
      JAMWATCH_HTTP_PORT: '0',
      JAMWATCH_INFLUX_RETENTION_DAYS: '0',
    };
    expect((await runCli(['feed', '--speed', 'max', ...filesOf(halves[0]!)], env)).code).toBe(0);
    const worker = runCli(['worker', '--until-idle', '30'], env, 300_000);
    await sleep(8_000);
    try {
      execFileSync('bash', [join(SCRIPTS, `${server}.sh`), 'stop'], { stdio: 'ignore' });
      // With InfluxDB down the second half goes into Kafka meanwhile; with Kafka down it has to wait.
      if (server === 'influxdb') {
        expect((await runCli(['feed', '--speed', 'max', ...filesOf(halves[1]!)], env)).code).toBe(0);
      }
      await sleep(downMs);
    } finally {
      execFileSync('bash', [join(SCRIPTS, `${server}.sh`), 'start'], { stdio: 'ignore' });
    }
    if (server === 'kafka') {
      expect((await runCli(['feed', '--speed', 'max', ...filesOf(halves[1]!)], env)).code).toBe(0);
    }
    const run = await worker;
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
    const alerts = (await readTopic(s.brokers, `${prefix}alerts`)).map((m) => JSON.parse(m.value) as Alert);
    expect(finalAlerts(alerts)).toEqual(finalAlerts(replayAlerts));
    return run;
  };

  it('reconnects and carries on when the Kafka broker is restarted mid-stream', restartCase('kafka', 2_000), 300_000);

  it('pauses while InfluxDB is down for 60 s and loses no point once it is back', async () => {
    const run = await restartCase('influxdb', 60_000)();
    expect(run.stderr).toContain('consumption paused');
    expect(run.stderr).toContain('consumption resumed');
    const cells = [...new Set(replayAlerts.flatMap((a) => a.area.cells))];
    const expected = replayRows.filter((r) => r.src === 'all' && cells.includes(r.cell));
    const points = await queryCellRows(
      { url: s.influxUrl, token: s.influxToken, org: s.influxOrg, bucket: s.influxBucket },
      cells,
      start,
      start + 3_600_000,
    );
    const stored = new Set(points.map((r) => `${r.cell}@${r.t}`));
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.filter((r) => !stored.has(`${r.cell}@${r.t}`))).toEqual([]);
  }, 400_000);
});

function splitLines(path: string, timeOf: (line: string) => number, at: number, halves: string[]): void {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const name = path.split('/').pop()!;
  writeFileSync(join(halves[0]!, name), `${lines.filter((l) => timeOf(l) < at).join('\n')}\n`);
  writeFileSync(join(halves[1]!, name), `${lines.filter((l) => timeOf(l) >= at).join('\n')}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
