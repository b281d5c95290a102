import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AisDecoder } from '../../src/decode/ais/decoder.js';
import type { DecodeFailure } from '../../src/errors.js';
import { corpusPath } from '../corpus.js';

// The Danish Maritime Authority stream (../shared/data/ais/dma, Apache-2.0): each message's first sentence is
// preceded by a Gatehouse `$PGHP,1,yyyy,mm,dd,hh,mi,ss,ms,…` line. Every position report must carry that time
// (the time of its first part for multi-part messages) and the base station the line names.

const FALLBACK_MS = Date.UTC(2024, 0, 1);

/** The $PGHP time and base station, read here independently of src/decode/nmea.ts. */
function pghp(line: string): { timeMs: number; base: string | undefined } {
  const f = line.split('*')[0]!.split(',');
  const [year, month, day, hour, minute, second, ms] = f.slice(2, 9).map(Number) as number[];
  return {
    timeMs: Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, ms!),
    base: f[11] === '' ? undefined : f[11],
  };
}

function replay(file: string) {
  const incomplete: DecodeFailure[] = [];
  const decoder = new AisDecoder({ onIncomplete: (f) => incomplete.push(f) });
  const tally = { lines: 0, stamped: 0, reports: 0, reportsWithStampTime: 0, failures: [] as string[] };
  let stamp: ReturnType<typeof pghp> | undefined;
  let groupStamp: ReturnType<typeof pghp> | undefined;
  const lines = readFileSync(corpusPath('ais', 'dma', file), 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line === '') return;
    tally.lines++;
    const outcome = decoder.decodeLine(line, FALLBACK_MS + index);
    if (line.startsWith('$PGHP')) {
      stamp = pghp(line);
      tally.stamped++;
      return;
    }
    if (line.split(',')[2] === '1') groupStamp = stamp; // the first part of a message takes the stamp
    stamp = undefined;
    if (!outcome.ok) tally.failures.push(`${index + 1}: ${outcome.code} ${outcome.detail}`);
    else if (outcome.kind === 'report') {
      tally.reports++;
      if (outcome.report.t === groupStamp?.timeMs && outcome.report.receiver === groupStamp.base) {
        tally.reportsWithStampTime++;
      }
    }
  });
  decoder.flush();
  return { tally, incomplete };
}

describe('AIS decoder on the DMA $PGHP stream (golden)', () => {
  it('gives every position of stream_example.txt its $PGHP time and base station', () => {
    const { tally, incomplete } = replay('stream_example.txt');
    console.log('dma stream_example', { ...tally, failures: tally.failures.length, incomplete: incomplete.length });
    expect(tally.lines).toBe(8551);
    expect(tally.stamped).toBe(4051);
    expect(tally.reports).toBe(2989);
    expect(tally.reportsWithStampTime).toBe(tally.reports);
    // Two messages from MMSI 0 (a type 1 and a type 5): not a nine-digit MMSI, so no craft id.
    expect(tally.failures).toEqual([
      '1621: VALUE_RANGE message 5 MMSI 0 is not a nine-digit MMSI',
      '6785: VALUE_RANGE message 1 MMSI 0 is not a nine-digit MMSI',
    ]);
    expect(incomplete).toEqual([]);
  });

  it('gives every position of replay_dump.txt its $PGHP time', () => {
    const { tally, incomplete } = replay('replay_dump.txt');
    expect(tally.reports).toBe(45);
    expect(tally.reportsWithStampTime).toBe(tally.reports);
    expect(tally.failures).toEqual([]);
    expect(incomplete).toEqual([]);
  });

  it('decodes ais250.txt (no $PGHP) on the fallback time, counting its unfinished multi-part messages', () => {
    const { tally, incomplete } = replay('ais250.txt');
    expect(tally.reports).toBe(192);
    expect(tally.failures).toEqual([]);
    // The excerpt starts and ends in the middle of things: 8 first parts have no second part in the file.
    expect(incomplete).toHaveLength(8);
    expect(incomplete.every((f) => f.code === 'AIS_MULTIPART')).toBe(true);
  });
});
