import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { distanceKm } from '../../src/core/geodesy.js';
import { decodeFiles } from '../../src/drivers/decode.js';
import { runReplay } from '../../src/drivers/replay.js';
import type { Report } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';

/**
 * The real interference near Helsinki (../shared/data/adsb/helsinki-2026-01-07, night capture from 22:12:14 UTC on
 * 6 Jan 2026): departures lose GNSS in the climb, so a jamming alert must open near Helsinki; flights that arrive
 * already degraded must not raise one on their own. (Aircraft on the ground are never judged: entity-stage tests;
 * the decoded captures hold no ground position with NACp 0.)
 */
const log = pino({ level: 'silent' });
const HELSINKI_VANTAA = { lat: 60.317, lon: 24.963 };
const RECEIVER = { lat: 60.32, lon: 24.83 };
const NIGHT = { file: 'raw_adsb_20260107_001214.bin', start: Date.parse('2026-01-06T22:12:14Z') };
const detection = loadConfig({ env: {} }).detection;
const NACP_MIN = detection.entity.nacpMin;
const dir = mkdtempSync(join(tmpdir(), 'jamwatch-helsinki-'));

function beastInput(startTime: number) {
  return { format: 'beast' as const, startTime, rate: 1, tzOffsetMinutes: undefined, receiver: RECEIVER };
}

const reportInput = {
  format: 'report' as const,
  startTime: undefined,
  rate: 1,
  tzOffsetMinutes: undefined,
  receiver: undefined,
};

async function decodeNight(): Promise<Report[]> {
  const path = join(dir, 'night.jsonl');
  const out = createWriteStream(path);
  await decodeFiles([corpusPath('adsb', 'helsinki-2026-01-07', NIGHT.file)], beastInput(NIGHT.start), out, log);
  out.end();
  await finished(out);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Report);
}

/** Every report of the aircraft whose first airborne integrity is already bad: they lost GNSS far away. */
function arrivedDegraded(reports: Report[]): { reports: Report[]; craft: number } {
  const firstAirborne = new Map<string, number>();
  for (const r of reports) {
    if (r.nacp !== undefined && !r.onGround && !firstAirborne.has(r.id)) firstAirborne.set(r.id, r.nacp);
  }
  const bad = new Set([...firstAirborne].filter(([, nacp]) => nacp < NACP_MIN).map(([id]) => id));
  return { reports: reports.filter((r) => bad.has(r.id)), craft: bad.size };
}

async function replayReports(name: string, reports: Report[]) {
  const path = join(dir, `${name}.jsonl`);
  writeFileSync(path, reports.map((r) => JSON.stringify(r)).join('\n'));
  return runReplay([path], { input: reportInput, outDir: join(dir, name), detection, progress: false }, log);
}

describe('the real Helsinki interference (night capture)', () => {
  it('raises a jamming alert near Helsinki from the departures that lose GNSS in the climb', async () => {
    const result = await runReplay(
      [corpusPath('adsb', 'helsinki-2026-01-07', NIGHT.file)],
      { input: beastInput(NIGHT.start), outDir: join(dir, 'full'), detection, progress: false },
      log,
    );
    const jamming = result.alerts.filter((a) => a.kind === 'jamming');
    expect(jamming.length).toBeGreaterThan(0);
    const first = jamming[0]!;
    const km = distanceKm(first.area.center.lat, first.area.center.lon, HELSINKI_VANTAA.lat, HELSINKI_VANTAA.lon);
    console.log(
      `helsinki night: ${new Set(jamming.map((a) => a.id)).size} jamming alert(s), first ${first.id} ${km.toFixed(1)} km from EFHK`,
    );
    expect(km).toBeLessThan(100);
    expect(result.alerts.filter((a) => a.kind === 'spoofing')).toEqual([]);
  }, 120_000);

  it('does not alert on the flights that arrive already degraded', async () => {
    const reports = await decodeNight();
    const arrived = arrivedDegraded(reports);
    // The corpus README: flights from Russia, China and the Gulf often arrive already degraded.
    expect(arrived.craft).toBeGreaterThan(0);
    const result = await replayReports('arrived', arrived.reports);
    console.log(`helsinki night, arrived degraded only: ${arrived.craft} aircraft, ${result.alerts.length} alerts`);
    expect(result.stats.reports).toBeGreaterThan(100);
    expect(result.alerts).toEqual([]);
  }, 120_000);
});
