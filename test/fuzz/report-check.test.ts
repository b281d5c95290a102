import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateEntityReports } from '../../src/bench/core-entity.js';
import { mulberry32 as random } from '../../src/core/event/prng.js';
import type { InputFormat } from '../../src/decode/detect-format.js';
import type { FieldRule } from '../../src/decode/field-rules.js';
import { createStreamDecoder } from '../../src/decode/input.js';
import type { Outcome } from '../../src/decode/outcome.js';
import { checkReport, REPORT_RULES } from '../../src/decode/report-check.js';
import { type Report, reportSchema } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';
import {
  expectAgreement,
  failureVerdict,
  mutated,
  ODD,
  pick,
  probes,
  type Verdict,
  zodVerdict,
} from './contract-fuzz.js';

/**
 * The hand-written check (src/decode/report-check.ts) against zod's `reportSchema`, the declared contract, on real
 * decoder outputs (the corpus through the stream decoders, and the bench's generated traffic) and on mutations of
 * them (contract-fuzz.ts): wrong types, missing and undefined fields, values at, just inside and just outside every
 * bound, NaN and ±Infinity, numbers as strings, non-integers, unsafe integers, bad ids, strings one character too
 * long, enum values in the wrong case, extra keys (`__proto__` among them), and inputs that are not objects. On every
 * one both must agree (contract-fuzz.ts: the same verdict, output, error code and field).
 */

const START_TIME = Date.UTC(2026, 0, 6, 22, 12, 14);
const PER_CORPUS = 600;

/** Up to PER_CORPUS reports of one corpus file, spread over the whole file. */
function decodedReports(format: InputFormat, path: string, maxBytes = Number.POSITIVE_INFINITY): object[] {
  const bytes = readFileSync(path).subarray(0, maxBytes);
  const all: object[] = [];
  const emit = (outcome: Outcome) => {
    if (outcome.ok && outcome.kind === 'report') all.push(outcome.report);
  };
  const decoder = createStreamDecoder(format, {
    live: false,
    startTime: START_TIME,
    rate: 10,
    tzOffsetMinutes: 0,
    receiver: { lat: 60.32, lon: 24.83 },
  });
  decoder.push(bytes, undefined, emit);
  decoder.end(emit);
  const step = Math.max(1, Math.floor(all.length / PER_CORPUS));
  return all.filter((_, i) => i % step === 0).slice(0, PER_CORPUS);
}

const SEEDS: object[] = [
  ...decodedReports('beast', corpusPath('adsb', 'helsinki-2026-01-07', 'raw_adsb_20260107_001214.bin'), 4_000_000),
  ...decodedReports('sbs', corpusPath('adsb', 'sbs', 'lots-o-messages-log.txt')),
  ...decodedReports('readsb', corpusPath('adsb', 'traffic', 'trace_full_ac671b.json')),
  ...decodedReports('nmea', corpusPath('ais', 'dma', 'stream_example.txt')),
  ...decodedReports('nmea', corpusPath('ais', 'gpsd', 'ais-nmea.log')),
  ...generateEntityReports(200, 1_000).filter((_, i) => i % 5 === 0),
];

const RULES: FieldRule[] = Object.values(REPORT_RULES);

const BAD_IDS = [
  'icao:4CA2B1',
  'icao:4ca2b',
  'icao:4ca2b12',
  'icao:4ca2bg',
  'ICAO:4ca2b1',
  'icao:4ca2b1\n',
  ' icao:4ca2b1',
  'icao4ca2b1',
  'mmsi:24473061',
  'mmsi:2447306100',
  'mmsi:24473061a',
  'mmsi:244730610 ',
  'icao:',
  'mmsi:',
  '4ca2b1',
];
const GOOD_IDS = ['icao:000000', 'icao:ffffff', 'icao:4ca2b1', 'mmsi:000000000', 'mmsi:999999999'];
const SPECIAL: Record<string, unknown[]> = { id: [...BAD_IDS, ...GOOD_IDS], schema: ['jamwatch.report/2'] };

const PROBES = new Map(RULES.map((rule) => [rule.key, probes(rule, SPECIAL[rule.key])]));

function checkVerdict(value: unknown): Verdict<Report> {
  const outcome = checkReport(value);
  if (!outcome.ok) return failureVerdict(outcome);
  if (outcome.kind !== 'report') throw new Error(`checkReport gave a ${outcome.kind} outcome`);
  return { ok: true, value: outcome.report };
}

function agreement(value: unknown): Verdict<Report> {
  const actual = checkVerdict(value);
  expectAgreement(zodVerdict(reportSchema, value, 'report'), actual);
  return actual;
}

describe('checkReport against zod', () => {
  it('has real reports of both sources and many kinds of field to start from', () => {
    expect(SEEDS.length).toBeGreaterThan(2_000);
    const sources = new Set(SEEDS.map((seed) => (seed as { src: string }).src));
    expect(sources).toEqual(new Set(['adsb', 'ais']));
    const keys = new Set(SEEDS.flatMap((seed) => Object.keys(seed)));
    expect(keys.size).toBeGreaterThan(25);
  });

  it('accepts every real report as zod does, with the same output', () => {
    for (const seed of SEEDS) {
      const verdict = agreement(seed);
      expect(verdict.ok).toBe(true);
      expect(agreement(JSON.parse(JSON.stringify(seed))).ok).toBe(true);
    }
  });

  it('agrees with zod on 30,000 mutated reports', () => {
    const rand = random(20_260_107);
    const tally = new Map<string, number>();
    const total = 30_000;
    for (let i = 0; i < total; i++) {
      const value = mutated(pick(SEEDS, rand), PROBES, rand);
      const verdict = agreement(value);
      const key = verdict.ok ? 'accepted' : verdict.code;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    // Every verdict is well represented, so the agreement is not only on the easy side.
    for (const key of ['accepted', 'JSON_SHAPE', 'VALUE_RANGE'])
      expect(tally.get(key) ?? 0).toBeGreaterThan(total / 20);
  });

  it('agrees with zod on every probe of every field, and on inputs that are not objects', () => {
    const base = SEEDS[0]!;
    let cases = 0;
    for (const rule of RULES) {
      for (const probe of [...PROBES.get(rule.key)!, ...ODD]) {
        agreement({ ...base, [rule.key]: probe });
        cases++;
      }
      const without: Record<string, unknown> = { ...base };
      delete without[rule.key];
      agreement(without);
    }
    for (const value of [null, undefined, 0, 'report', true, [], [base], Number.NaN]) agreement(value);
    expect(cases).toBeGreaterThan(RULES.length * ODD.length);
  });

  it('names the field and what was wrong', () => {
    const base = SEEDS[0]!;
    expect(checkReport({ ...base, lat: 123.4 })).toMatchObject({
      code: 'VALUE_RANGE',
      detail: 'lat: 123.4 is above the maximum 90',
    });
    expect(checkReport({ ...base, nic: 8.5 })).toMatchObject({
      code: 'JSON_SHAPE',
      detail: 'nic: expected an integer, got 8.5',
    });
    expect(checkReport({ ...base, t: '1767737534000' })).toMatchObject({
      code: 'JSON_SHAPE',
      detail: 't: expected a finite number, got "1767737534000"',
    });
    expect(checkReport({ ...base, id: 'icao:4CA2B1' })).toMatchObject({
      code: 'JSON_SHAPE',
      detail: expect.stringMatching(/^id: "icao:4CA2B1" does not match/),
    });
    expect(checkReport({ ...base, src: 'adsc' })).toMatchObject({
      code: 'JSON_SHAPE',
      detail: 'src: expected "adsb" or "ais", got "adsc"',
    });
    const { schema: _, ...noSchema } = base as Record<string, unknown>;
    expect(checkReport(noSchema)).toMatchObject({ code: 'JSON_SHAPE', detail: 'schema: required, missing' });
    expect(checkReport([])).toMatchObject({
      code: 'JSON_SHAPE',
      detail: '(report): expected a JSON object, got an array',
    });
  });
});
