import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BeastClock, type BeastFrame, BeastFramer, type BeastItem } from '../../src/decode/beast.js';
import { ModeSDecoder } from '../../src/decode/modes/decoder.js';
import { distanceMetres } from '../../src/decode/modes/position-resolution.js';
import type { Outcome } from '../../src/decode/outcome.js';
import { type Report, reportSchema } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';

// Two 15-minute Beast captures of a receiver near Helsinki during real GNSS interference (data README). There is no
// reference decoder output: the checks are accounting (every frame has exactly one outcome), physics (positions
// around the receiver) and what the README says the recording contains.

const RECEIVER = { lat: 60.32, lon: 24.83 };
/** Radio horizon of an aircraft at FL400 seen from a mast: 4.12·(√12,192 + √50) km ≈ 480 km (DOMAIN.md). */
const RADIO_HORIZON_M = 500_000;
/** Nearly all traffic heard lies within 400 km (data README: over the Baltic). */
const USUAL_RANGE_M = 400_000;
/** File names are local time, UTC+2 (data README). */
const FILE_TIME_OFFSET_MS = 2 * 3_600_000;
/** Beast reads its input in chunks of this size: frames straddle chunk boundaries all the time. */
const CHUNK_BYTES = 4093;

/** Start time from a file name like raw_adsb_20260107_001214.bin (local time UTC+2). */
function startTimeOf(path: string): number {
  const match = /(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})\.bin$/.exec(basename(path));
  if (!match) throw new Error(`no time in file name ${path}`);
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return Date.UTC(year!, month! - 1, day!, hour!, minute!, second!) - FILE_TIME_OFFSET_MS;
}

function outcomeKey(outcome: Outcome): string {
  if (!outcome.ok) return outcome.code;
  return outcome.kind === 'ignored' ? `ignored:${outcome.reason}` : outcome.kind;
}

function isDf18GroundStation(data: Uint8Array): boolean {
  return data.length === 14 && data[0]! >>> 3 === 18 && data[4]! >>> 3 === 24;
}

describe.each(['raw_adsb_20260107_001214.bin', 'raw_adsb_20260107_083245.bin'])('Helsinki capture %s', (name) => {
  const path = corpusPath('adsb', 'helsinki-2026-01-07', name);
  const bytes = new Uint8Array(readFileSync(path));
  const startTime = startTimeOf(path);
  const frames: BeastFrame[] = [];
  const framingFailures: BeastItem[] = [];
  const framer = new BeastFramer();
  const collect = (item: BeastItem): void => {
    if (item.ok) frames.push(item);
    else framingFailures.push(item);
  };
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) framer.push(bytes.subarray(at, at + CHUNK_BYTES), collect);
  framer.end(collect);

  const clock = new BeastClock(startTime);
  const decoder = new ModeSDecoder({ receiver: RECEIVER });
  const outcomes = frames.map((frame) => decoder.decode(frame.data, clock.timeOf(frame.counter)));
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcomeKey(outcome), (counts.get(outcomeKey(outcome)) ?? 0) + 1);
  const reports: Report[] = outcomes.flatMap((o) => (o.ok && o.kind === 'report' ? [o.report] : []));
  console.log(name, `${frames.length} frames`, Object.fromEntries(counts));

  it('frames the whole capture, across chunk boundaries, without a framing failure', () => {
    expect(framingFailures).toEqual([]);
    expect(frames.length).toBeGreaterThan(100_000);
  });

  it('gives every frame exactly one outcome, and the counts per outcome sum to the frames read', () => {
    let sum = 0;
    for (const count of counts.values()) sum += count;
    expect(sum).toBe(frames.length);
    expect(counts.get('report')).toBeGreaterThan(5_000);
    expect(counts.get('state')).toBeGreaterThan(5_000);
    expect(counts.get('ignored:modes-not-extended-squitter')).toBeGreaterThan(30_000);
  });

  it('ignores every DF18 type code 24 frame as a ground station, never as a failure', () => {
    let stations = 0;
    for (let i = 0; i < frames.length; i++) {
      if (!isDf18GroundStation(frames[i]!.data)) continue;
      stations++;
      const outcome = outcomes[i]!;
      expect(outcome.ok && outcome.kind === 'ignored' && outcome.reason === 'modes-ground-station').toBe(true);
    }
    expect(stations).toBeGreaterThan(30_000);
    expect(counts.get('ignored:modes-ground-station')).toBeGreaterThanOrEqual(stations);
  });

  it('places every position within radio range of Helsinki, nearly all within 400 km', () => {
    const positions = reports.filter((r) => r.posAvailable);
    expect(positions.length).toBeGreaterThan(5_000);
    let usual = 0;
    for (const report of positions) {
      const distance = distanceMetres({ lat: report.lat!, lon: report.lon! }, RECEIVER);
      expect(distance).toBeLessThan(RADIO_HORIZON_M);
      if (distance < USUAL_RANGE_M) usual++;
    }
    expect(usual / positions.length).toBeGreaterThan(0.99);
  });

  it('shows the GNSS interference: several aircraft report NACp 0 in flight', () => {
    const degraded = new Set(reports.filter((r) => r.nacp === 0 && r.onGround === false).map((r) => r.id));
    console.log(name, `aircraft with NACp 0 in flight: ${degraded.size}`);
    expect(degraded.size).toBeGreaterThanOrEqual(3);
  });

  it('reports "no position" (type code 0) events of airborne aircraft', () => {
    const noPosition = reports.filter((r) => r.posAvailable === false);
    expect(noPosition.length).toBeGreaterThan(100);
    for (const report of noPosition) {
      expect(report.lat).toBeUndefined();
      expect(report.onGround).not.toBe(true);
    }
  });

  it('carries ADS-B version 2 integrity (NIC, not NUCp) once operational status arrived', () => {
    const v2 = reports.filter((r) => r.adsbVersion === 2 && r.posAvailable);
    expect(v2.length).toBeGreaterThan(1_000);
    for (const report of v2) {
      expect(report.nucp).toBeUndefined();
      expect(report.nic).toBeDefined();
    }
  });

  it('times reports within the 15 minutes after the start time of the file name', () => {
    for (const report of reports) {
      expect(report.t).toBeGreaterThanOrEqual(startTime);
      expect(report.t).toBeLessThanOrEqual(startTime + 901_000);
    }
  });

  it('produces reports that satisfy the report schema', () => {
    for (const report of reports) expect(reportSchema.safeParse(report).success).toBe(true);
  });
});
