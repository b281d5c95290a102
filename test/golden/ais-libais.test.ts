import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AisDecoder } from '../../src/decode/ais/decoder.js';
import type { Outcome } from '../../src/decode/outcome.js';
import { mmsiId } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';

// Golden test against libais's examples (../shared/data/ais/libais, Apache-2.0): one sentence of each message type
// with the JSON libais decoded from it (typeexamples), and NMEA 4 tag blocks with their JSON (tagblock). libais
// computes in 32-bit floats: positions as float(raw) / 600000 rounded to float, speeds and courses as float.

const POSITION_TYPES = new Set([1, 2, 3, 18, 19, 21, 27]);
const FALLBACK_MS = Date.UTC(2024, 0, 1);

interface LibaisRecord {
  type: number;
  mmsi: number;
  lat?: number;
  lon?: number;
  speed?: number;
  course?: number;
  heading?: number;
  accuracy?: boolean;
  raim?: boolean;
  gnss?: boolean;
  epfd?: number;
  name?: string;
  shipname?: string;
  callsign?: string;
  tagblock_timestamp?: string;
  tagblock_station?: string;
}

function lines(file: string): string[] {
  return readFileSync(corpusPath('ais', 'libais', file), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

/** libais's speed and course "not available" values as the report leaves them out. */
function libaisSpeed(record: LibaisRecord): number | undefined {
  if (record.speed === undefined) return undefined;
  return record.type === 27
    ? record.speed === 63
      ? undefined
      : record.speed
    : record.speed > 102.25
      ? undefined
      : record.speed;
}

function libaisCourse(record: LibaisRecord): number | undefined {
  if (record.course === undefined) return undefined;
  return record.course >= 360 ? undefined : record.course;
}

function fround(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.fround(value);
}

/** Our degrees as libais computes them: the raw field turned into a float before the division. */
function libaisDegrees(degrees: number | undefined, type: number): number | undefined {
  if (degrees === undefined) return undefined;
  const units = type === 27 ? 600 : 600_000;
  return Math.fround(Math.fround(Math.round(degrees * units)) / units);
}

function expectPosition(outcome: Outcome, record: LibaisRecord): void {
  expect(outcome.ok && outcome.kind).toBe('report');
  if (!outcome.ok || outcome.kind !== 'report') return;
  const report = outcome.report;
  expect(report.id).toBe(mmsiId(record.mmsi));
  expect(report.aisType).toBe(record.type);
  expect(libaisDegrees(report.lat, record.type)).toBe(record.lat);
  expect(libaisDegrees(report.lon, record.type)).toBe(record.lon);
  expect(fround(report.gs)).toBe(fround(libaisSpeed(record)));
  expect(fround(report.track)).toBe(fround(libaisCourse(record)));
  expect(report.heading).toBe(record.heading === undefined || record.heading >= 360 ? undefined : record.heading);
  expect(report.aisAccuracy).toBe(record.accuracy);
  expect(report.raim).toBe(record.raim);
  if (record.type === 27) expect(report.gnssStatus).toBe(record.gnss ? 'not-current' : 'current');
  if (record.type === 19 || record.type === 21) expect(report.epfd).toBe(record.epfd);
}

describe('AIS decoder against libais (golden)', () => {
  it('decodes every supported message of typeexamples as libais does, with the trailer time', () => {
    const sentences = lines('typeexamples.nmea');
    const expected = lines('typeexamples.json').map((line) => JSON.parse(line) as LibaisRecord);
    expect(sentences).toHaveLength(expected.length);
    const decoder = new AisDecoder();
    const tally = { positions: 0, statics: 0, ignored: 0, outOfRange: 0 };
    sentences.forEach((sentence, i) => {
      const record = expected[i]!;
      const outcome = decoder.decodeLine(sentence, FALLBACK_MS);
      if (POSITION_TYPES.has(record.type)) {
        // libais prints positions beyond ±90°/±180° as they come; the report contract refuses them (VALUE_RANGE):
        // the type 2 (lat -101.5°) and type 27 (lon 200.2°) examples are random bits, not places.
        if (Math.abs(record.lat!) > 91 || Math.abs(record.lon!) > 181) {
          expect(outcome).toMatchObject({ ok: false, code: 'VALUE_RANGE' });
          tally.outOfRange++;
          return;
        }
        expectPosition(outcome, record);
        // The receive time is the last trailer field (Unix seconds).
        const trailerSeconds = Number(sentence.slice(sentence.lastIndexOf(',') + 1));
        expect(outcome.ok && outcome.kind === 'report' && outcome.report.t).toBe(trailerSeconds * 1000);
        if (record.type === 21) {
          // libais's six-bit table differs from ITU-R M.1371 Table 47 in two places: value 31 is '_' (libais '-')
          // and 39 is "'" (libais '`'). gpsd uses the standard table, and so do we.
          expect(record.name).toBe('9%&//3*37-+P][`<RD^6');
          expect(outcome.ok && outcome.kind === 'report' && outcome.report.name).toBe("9%&//3*37_+P]['<RD^6");
        }
        tally.positions++;
      } else if (record.type === 5 || record.type === 24) {
        expect(outcome).toEqual({ ok: true, kind: 'state' });
        const vessel = decoder.vessel(record.mmsi);
        expect(vessel?.name).toBe(record.shipname);
        if (record.type === 5) {
          expect(vessel?.callsign).toBe(record.callsign);
          expect(vessel?.epfd).toBe(record.epfd);
        }
        tally.statics++;
      } else {
        expect(outcome).toEqual({ ok: true, kind: 'ignored', reason: 'ais-no-craft-position' });
        tally.ignored++;
      }
    });
    console.log('libais typeexamples', tally);
    expect(tally).toEqual({ positions: 4, statics: 2, ignored: 18, outOfRange: 2 });
  });

  it('takes time and receiver from NMEA 4 tag blocks and joins grouped sentences', () => {
    const expected = lines('tagblock.json').map((line) => JSON.parse(line) as LibaisRecord);
    const decoder = new AisDecoder();
    const decoded: { outcome: Outcome; line: string }[] = [];
    for (const line of lines('tagblock.nmea')) {
      const outcome = decoder.decodeLine(line, FALLBACK_MS);
      // Part 1 of the grouped type 5 is held until part 2, two lines (and 41 minutes of satellite time) later.
      if (!(outcome.ok && outcome.kind === 'state' && line.includes('g:1-2'))) decoded.push({ outcome, line });
    }
    expect(decoded).toHaveLength(expected.length);
    decoded.forEach(({ outcome }, i) => {
      const record = expected[i]!;
      const timeMs = Date.parse(record.tagblock_timestamp!);
      if (record.type === 5) {
        expect(outcome).toEqual({ ok: true, kind: 'state' });
        expect(decoder.vessel(record.mmsi)).toEqual({
          name: record.shipname,
          callsign: record.callsign,
          epfd: record.epfd,
        });
        return;
      }
      expectPosition(outcome, record);
      expect(outcome).toMatchObject({ report: { t: timeMs, receiver: record.tagblock_station } });
    });
  });
});
