import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/schema/alert.js';
import type { CellRow } from '../../src/schema/cell.js';
import { runCli, startCli } from './cli.js';
import { services, uniquePrefix } from './services.js';
import { finalAlerts, queryCellRows, readTopic, untilCheckpointed } from './worker-topics.js';

/**
 * `jamwatch worker` against the real Kafka and InfluxDB: the demo scenario simulated, fed into Kafka as fast as
 * possible, and processed by the worker, must give the alerts and the gnss_cell rows that `jamwatch replay` gives
 * on the same files.
 */
const SCENARIO = resolve(import.meta.dirname, '../../config/scenarios/demo.json');

describe('jamwatch worker on the real broker and InfluxDB', () => {
  const s = services();
  const dir = mkdtempSync(join(tmpdir(), 'jamwatch-worker-'));
  const files = [join(dir, 'sim', 'adsb.jsonl'), join(dir, 'sim', 'ais.nmea')];
  let replayAlerts: Alert[] = [];
  let replayReports = 0;
  let replayRows: CellRow[] = [];

  const envFor = (prefix: string, group: string) => ({
    ...s.env,
    JAMWATCH_TOPIC_PREFIX: prefix,
    JAMWATCH_KAFKA_GROUP: group,
    JAMWATCH_HTTP_PORT: '0',
    JAMWATCH_INFLUX_RETENTION_DAYS: '0',
  });

  beforeAll(async () => {
    const sim = await runCli(['simulate', '--scenario', SCENARIO, '--out', join(dir, 'sim')], {});
    expect(sim.code, sim.stderr).toBe(0);
    const replay = await runCli(['replay', '--quiet', ...files, '--out', join(dir, 'replay')], {});
    expect(replay.code, replay.stderr).toBe(0);
    // "N alerts from M reports; wrote …": the worker must read the same M reports
    replayReports = Number(/ from (\d+) reports/.exec(replay.stdout)?.[1]);
    expect(replayReports).toBeGreaterThan(1000);
    const lines = (name: string) =>
      readFileSync(join(dir, 'replay', name), 'utf8')
        .trim()
        .split('\n');
    replayAlerts = lines('alerts.ndjson').map((l) => JSON.parse(l) as Alert);
    replayRows = lines('cells.ndjson').map((l) => JSON.parse(l) as CellRow);
    expect(replayAlerts.length).toBeGreaterThan(0);
  });

  it('gives the alerts and gnss_cell rows of replay, end to end', async () => {
    const prefix = uniquePrefix('worker');
    const env = envFor(prefix, `${prefix}group`);
    const feed = await runCli(['feed', '--speed', 'max', ...files], env);
    expect(feed.code, feed.stderr).toBe(0);
    const worker = await runCli(['worker', '--until-idle', '5'], env);
    expect(worker.code, worker.stderr).toBe(0);
    expect(worker.stdout).toMatch(new RegExp(`^${replayReports} reports, 0 dead letters, \\d+ alert messages`));

    const messages = await readTopic(s.brokers, `${prefix}alerts`);
    const alerts = messages.map((m) => JSON.parse(m.value) as Alert);
    for (const m of messages) expect(m.key).toBe((JSON.parse(m.value) as Alert).id);
    expect(finalAlerts(alerts)).toEqual(finalAlerts(replayAlerts));
    // Not only the final states: the same lifecycle messages, in the same order.
    const lifecycle = (list: Alert[]) => list.map((a) => `${a.id} ${a.status} ${a.updatedAt} ${a.endedAt ?? ''}`);
    expect(lifecycle(alerts)).toEqual(lifecycle(replayAlerts));

    // gnss_cell points of the cells that alerted, read back from InfluxDB, are replay's rows.
    const cells = [...new Set(replayAlerts.flatMap((a) => a.area.cells))].slice(0, 5);
    const expected = replayRows.filter((r) => r.src === 'all' && cells.includes(r.cell));
    const from = Math.min(...expected.map((r) => r.t));
    const to = Math.max(...expected.map((r) => r.t)) + 1;
    const got = await queryCellRows(
      { url: s.influxUrl, token: s.influxToken, org: s.influxOrg, bucket: s.influxBucket },
      cells,
      from,
      to,
    );
    const key = (r: Partial<CellRow>) => `${r.cell}@${r.t}`;
    const byKey = new Map(got.map((r) => [key(r), r]));
    expect(expected.length).toBeGreaterThan(20);
    // Both hand the region stage its observations in event-time order once their input is complete (topology.ts,
    // region-task.ts), but the worker's input is complete per partition: a report later than the allowance against
    // the merged feed but not against its own partition (or the reverse) lands one tick apart, and the learned
    // baselines (hence the scores) drift by a few thousandths afterwards. Alerts are compared exactly above.
    let sameCounts = 0;
    for (const row of expected) {
      const point = byKey.get(key(row));
      expect(point, key(row)).toBeDefined();
      expect(Math.abs(point!.craft! - row.craft), key(row)).toBeLessThanOrEqual(1);
      const close = Math.abs(point!.score! - row.score) < 0.1;
      const same = point!.craft === row.craft && point!.degraded === row.degraded && point!.level === row.level;
      if (same && close) sameCounts++;
    }
    expect(sameCounts / expected.length).toBeGreaterThan(0.95);
  });

  it('gives the same alerts with three workers in one group as with one', async () => {
    const prefix = uniquePrefix('scale');
    const env = envFor(prefix, `${prefix}group`);
    const feed = await runCli(['feed', '--speed', 'max', ...files], env);
    expect(feed.code, feed.stderr).toBe(0);
    const workers = await Promise.all([0, 1, 2].map(() => runCli(['worker', '--until-idle', '5'], env, 240_000)));
    for (const w of workers) expect(w.code, w.stderr).toBe(0);
    // The report partitions were split among the three.
    const reports = workers.map((w) => Number(/^(\d+) reports/.exec(w.stdout)?.[1]));
    expect(reports.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(reports.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(replayReports);

    const alerts = (await readTopic(s.brokers, `${prefix}alerts`)).map((m) => JSON.parse(m.value) as Alert);
    expect(finalAlerts(alerts)).toEqual(finalAlerts(replayAlerts));
  });

  it('loses no alert and no point when killed mid-stream (SIGKILL) and restarted', async () => {
    const prefix = uniquePrefix('kill');
    const env = envFor(prefix, `${prefix}group`);
    // The demo on a day of its own, so that the gnss_cell points in the shared bucket are this run's only.
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(Math.random() * 700) * 86_400_000);
    const scenario = {
      ...JSON.parse(readFileSync(SCENARIO, 'utf8')),
      start: `${day.toISOString().slice(0, 10)}T16:00:00Z`,
    };
    const own = join(dir, `kill-${day.getTime()}`);
    writeFileSync(`${own}.json`, JSON.stringify(scenario));
    expect((await runCli(['simulate', '--scenario', `${own}.json`, '--out', own], {})).code).toBe(0);
    const ownFiles = [join(own, 'adsb.jsonl'), join(own, 'ais.nmea')];
    expect((await runCli(['replay', '--quiet', ...ownFiles, '--out', join(own, 'replay')], {})).code).toBe(0);
    const ownLines = (name: string) =>
      readFileSync(join(own, 'replay', name), 'utf8')
        .trim()
        .split('\n');
    const replayAlerts = ownLines('alerts.ndjson').map((l) => JSON.parse(l) as Alert);
    const replayRows = ownLines('cells.ndjson').map((l) => JSON.parse(l) as CellRow);
    // 25 minutes of traffic at 60× take 25 s: the worker is killed in the middle, after a checkpoint or two.
    const feed = runCli(['feed', '--speed', '60', ...ownFiles], env);
    const first = startCli(['worker'], env);
    // Killed once it has written checkpoints, mid-stream: a fixed delay missed them on a loaded machine.
    await untilCheckpointed(s.brokers, `${prefix}state`, 60_000);
    first.child.kill('SIGKILL');
    await first.exit;
    const midway = await readTopic(s.brokers, `${prefix}alerts`);
    expect((await feed).code).toBe(0);
    const second = await runCli(['worker', '--until-idle', '5'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('task restored from its checkpoint');

    const alerts = (await readTopic(s.brokers, `${prefix}alerts`)).map((m) => JSON.parse(m.value) as Alert);
    expect(alerts.length).toBeGreaterThan(midway.length);
    expect(finalAlerts(alerts)).toEqual(finalAlerts(replayAlerts));
    // Every opening and resolution of replay is there, at the same stream time. (Updates may come a tick apart: the
    // entity stage's checkpoint keeps the long-learned state only, as DESIGN.md says, so its hysteresis counters
    // start again from the checkpointed offsets. A restart may also repeat messages: they are idempotent.)
    const lifecycle = (a: Alert) => `${a.id} ${a.status} ${a.updatedAt}`;
    const got = new Set(alerts.map(lifecycle));
    for (const a of replayAlerts.filter((r) => r.status !== 'update')) expect(got).toContain(lifecycle(a));
    // Every gnss_cell row of the alerting cells is in InfluxDB.
    const cells = [...new Set(replayAlerts.flatMap((r) => r.area.cells))];
    const expected = replayRows.filter((r) => r.src === 'all' && cells.includes(r.cell));
    const points = await queryCellRows(
      { url: s.influxUrl, token: s.influxToken, org: s.influxOrg, bucket: s.influxBucket },
      cells,
      Math.min(...expected.map((r) => r.t)),
      Math.max(...expected.map((r) => r.t)) + 1,
    );
    const stored = new Set(points.map((r) => `${r.cell}@${r.t}`));
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.filter((r) => !stored.has(`${r.cell}@${r.t}`))).toEqual([]);
  });

  it('drains on SIGTERM: last checkpoints, offsets committed at them, exit 0; a second signal exits at once', async () => {
    const prefix = uniquePrefix('term');
    const group = `${prefix}group`;
    const env = envFor(prefix, group);
    const feed = runCli(['feed', '--speed', '60', ...files], env);
    const first = startCli(['worker'], env);
    await untilCheckpointed(s.brokers, `${prefix}state`, 60_000);
    first.child.kill('SIGTERM');
    expect(await first.exit, first.stderr().slice(-3000)).toBe(0);
    expect(first.stderr()).toContain('stopping: last checkpoint and commit');
    expect(first.stderr()).toContain('worker stopped');
    expect((await feed).code).toBe(0);

    // Every task's last checkpoint and its group's committed offset agree: nothing read after one is lost by the other.
    const latest = new Map<string, number>();
    for (const m of await readTopic(s.brokers, `${prefix}state`)) {
      latest.set(m.key, (JSON.parse(m.value) as { offset: number }).offset);
    }
    const admin = new Kafka({ clientId: 'worker-test', brokers: s.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const tasks = [...latest].filter(([task]) => /^(entity|region|event):/.test(task));
      expect(tasks.length).toBeGreaterThan(3);
      for (const [task, offset] of tasks) {
        const [stage, topic, partition] = task.split(':') as [string, string, string];
        const committed = await admin.fetchOffsets({ groupId: `${group}.${stage}`, topics: [topic] });
        const at = committed[0]!.partitions.find((p) => p.partition === Number(partition));
        expect(Number(at?.offset), task).toBe(offset);
      }
    } finally {
      await admin.disconnect();
    }

    // Once draining, a second signal does not wait for it. (Two different signals: two of one kind sent together
    // arrive as one.)
    const second = startCli(['worker'], env);
    await untilJoined(second.stderr);
    second.child.kill('SIGINT');
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(1);
    expect(second.stderr()).toContain('second signal while draining');
  });

  it('dead-letters corrupt, oversized and wrongly typed messages on every input topic, counts them, goes on', async () => {
    const prefix = uniquePrefix('badin');
    const port = await freePort();
    const env = {
      ...envFor(prefix, `${prefix}group`),
      JAMWATCH_KAFKA_MAX_MESSAGE_BYTES: '4096',
      JAMWATCH_HTTP_PORT: String(port),
    };
    const feed = await runCli(['feed', '--speed', 'max', ...files], env);
    expect(feed.code, feed.stderr).toBe(0);
    const kafka = new Kafka({ clientId: 'worker-test', brokers: s.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const bad = [
      { key: 'x', value: '{"schema": not json' },
      { key: 'x', value: 'A'.repeat(5000) },
      { key: 'x', value: JSON.stringify({ schema: 'jamwatch.report/1', src: 'adsb', id: 'icao:abc123', t: 'noon' }) },
    ];
    for (const topic of ['reports.adsb', 'reports.ais', 'observations', 'cells']) {
      await producer.send({ topic: `${prefix}${topic}`, messages: bad });
    }
    await producer.disconnect();

    const run = runCli(['worker', '--until-idle', '5'], env);
    const metrics = await scrapeWhenReady(port);
    const worker = await run;
    expect(worker.code, worker.stderr).toBe(0);
    // At least once: a produce retried after a timeout, or a batch read again after a rebalance, counts twice.
    const summary = /^(\d+) reports, (\d+) dead letters, \d+ alert messages/.exec(worker.stdout);
    expect(summary, worker.stdout).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThanOrEqual(replayReports);
    expect(Number(summary![2])).toBeGreaterThanOrEqual(12);
    expect(metrics).toMatch(/jamwatch_tracked_craft \d+/);
    expect(metrics).toContain('jamwatch_consumer_lag{');

    const letters = (await readTopic(s.brokers, `${prefix}deadletter`)).map(
      (m) => JSON.parse(m.value) as { source: string; code: string },
    );
    // one letter per bad message (its source names topic, partition and offset), however often it was read
    const bySource = new Map(letters.map((l) => [l.source, l]));
    const codes = [...bySource.values()].map((l) => `${l.source.split('/')[0]} ${l.code}`).sort();
    const expected = ['reports.adsb', 'reports.ais', 'observations', 'cells'].flatMap((t) =>
      ['JSON_SYNTAX', 'MESSAGE_TOO_LARGE', 'JSON_SHAPE'].map((c) => `${prefix}${t} ${c}`),
    );
    expect(codes).toEqual(expected.sort());
    // …and the detection went on: the same alerts as replay.
    const alerts = (await readTopic(s.brokers, `${prefix}alerts`)).map((m) => JSON.parse(m.value) as Alert);
    expect(finalAlerts(alerts)).toEqual(finalAlerts(replayAlerts));
  });
});

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Waits for /readyz, then returns /metrics once the worker has consumed its input. */
async function scrapeWhenReady(port: number): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let text = '';
  while (Date.now() < deadline) {
    try {
      const ready = await fetch(`${base}/readyz`);
      if (ready.status === 200) {
        text = await (await fetch(`${base}/metrics`)).text();
        if (/jamwatch_reports_total\{topic="[^"]*reports.adsb"\} 24109/.test(text)) return text;
      }
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return text;
}

/** Resolves once a worker's log says it has joined every stage's group. */
async function untilJoined(stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!stderr().includes('worker started')) {
    if (Date.now() > deadline) throw new Error(`the worker did not start in 60 s\n${stderr().slice(-3000)}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
