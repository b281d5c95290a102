import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateEntityReports } from '../../src/bench/core-entity.js';
import { mulberry32 as random } from '../../src/core/event/prng.js';
import type { InputFormat } from '../../src/decode/detect-format.js';
import { createStreamDecoder } from '../../src/decode/input.js';
import type { Outcome } from '../../src/decode/outcome.js';
import { checkReport } from '../../src/decode/report-check.js';
import { REPORT_RULES } from '../../src/decode/report-rules.js';
import { type Report, reportSchema } from '../../src/schema/report.js';
import { corpusPath } from '../corpus.js';

/**
 * The hand-written check (src/decode/report-check.ts) against zod's `reportSchema`, the declared contract, on real
 * decoder outputs (the corpus through the stream decoders, and the bench's generated traffic) and on mutations of
 * them: wrong types, missing and undefined fields, values at, just inside and just outside every bound, NaN and
 * ±Infinity, numbers as strings, non-integers, unsafe integers, bad ids, strings one character too long, enum
 * values in the wrong case, extra keys (`__proto__` among them), and inputs that are not objects. On every one both
 * must agree: accept or reject; when accepted, the same output object (deep, strict, and with the same key order);
 * when rejected, the same error code (VALUE_RANGE vs JSON_SHAPE) for the same field (the first bad one in schema order).
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

type Rule = (typeof REPORT_RULES)[keyof typeof REPORT_RULES];
const RULES: Rule[] = Object.values(REPORT_RULES);
const KEYS = Object.keys(reportSchema.shape);

/** Values of every type, and the ones that JSON cannot carry but code can. */
const ODD: unknown[] = [
  null,
  undefined,
  true,
  false,
  0,
  -0,
  1,
  -1,
  0.5,
  12.5,
  1e300,
  -1e300,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  '',
  '12',
  '0',
  'NaN',
  'true',
  'adsb',
  'ADSB',
  [],
  [1],
  {},
  { value: 1 },
];

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

const EXTRA_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'extra', 'Lat', 'nucP', 'schema '];

/** Values that probe one field's rule: its bounds, at, inside and outside, and its kind's near misses. */
function probes(rule: Rule): unknown[] {
  switch (rule.kind) {
    case 'number': {
      const values: unknown[] = [];
      for (const bound of [rule.min, rule.max]) {
        if (!Number.isFinite(bound)) continue;
        values.push(bound, bound - 1, bound + 1, bound - 1e-9, bound + 1e-9, bound - 0.5, bound + 0.5, String(bound));
      }
      if (rule.integer) values.push(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 2 ** 60, -(2 ** 60));
      return values;
    }
    case 'string': {
      if (rule.key === 'id') return [...BAD_IDS, ...GOOD_IDS];
      const n = rule.maxLength;
      // zod counts code points: a surrogate pair is one character, a lone surrogate one too.
      return [
        'a'.repeat(n),
        'a'.repeat(n + 1),
        `${'a'.repeat(n - 1)}😀`,
        `${'a'.repeat(n)}😀`,
        `${'a'.repeat(n)}\ud800`,
        `${'a'.repeat(n - 1)}\udc00\ud800`,
        ' ',
        'é',
      ];
    }
    case 'boolean':
      return [0, 1, 'true', 'false', null];
    case 'value': {
      const values = [...rule.values!].filter((v): v is string => typeof v === 'string');
      return [...values, ...values.map((v) => v.toUpperCase()), ...values.map((v) => `${v} `), 'jamwatch.report/2'];
    }
  }
}

const PROBES = new Map(RULES.map((rule) => [rule.key, probes(rule)]));

function pick<T>(list: readonly T[], rand: () => number): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** One to three mutations of a seed; half of the cases go through JSON text first, as the worker receives them. */
function mutated(seed: object, rand: () => number): unknown {
  const copy: Record<string, unknown> = { ...(seed as Record<string, unknown>) };
  const count = 1 + Math.floor(rand() * 3);
  for (let m = 0; m < count; m++) {
    const roll = rand();
    const key = pick(KEYS, rand);
    if (roll < 0.4) copy[key] = pick(PROBES.get(key)!, rand);
    else if (roll < 0.65) copy[key] = pick(ODD, rand);
    else if (roll < 0.8) delete copy[key];
    else if (roll < 0.9) {
      const extra = pick(EXTRA_KEYS, rand);
      // An own "__proto__" key, as JSON.parse makes it (an assignment would set the prototype instead).
      Object.defineProperty(copy, extra, {
        value: pick(ODD, rand),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    } else copy[key] = seed[key as keyof typeof seed];
  }
  if (rand() < 0.5) {
    const text = JSON.stringify(copy);
    return JSON.parse(text);
  }
  return copy;
}

type Verdict = { ok: true; report: Report } | { ok: false; code: string; field: string };

/** zod's verdict, as the zod-based decodeReportJson coded it. */
function zodVerdict(value: unknown): Verdict {
  const parsed = reportSchema.safeParse(value);
  if (parsed.success) return { ok: true, report: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || '(report)';
  const code = issue.code === 'too_big' || issue.code === 'too_small' ? 'VALUE_RANGE' : 'JSON_SHAPE';
  return { ok: false, code, field };
}

function checkVerdict(value: unknown): Verdict {
  const outcome = checkReport(value);
  if (!outcome.ok)
    return { ok: false, code: outcome.code, field: outcome.detail.slice(0, outcome.detail.indexOf(':')) };
  if (outcome.kind !== 'report') throw new Error(`checkReport gave a ${outcome.kind} outcome`);
  return { ok: true, report: outcome.report };
}

function expectAgreement(value: unknown): Verdict {
  const expected = zodVerdict(value);
  const actual = checkVerdict(value);
  if (expected.ok && actual.ok) {
    expect(actual.report).toStrictEqual(expected.report);
    expect(Object.keys(actual.report)).toEqual(Object.keys(expected.report));
  } else {
    expect(actual).toStrictEqual(expected);
  }
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
      const verdict = expectAgreement(seed);
      expect(verdict.ok).toBe(true);
      expect(expectAgreement(JSON.parse(JSON.stringify(seed))).ok).toBe(true);
    }
  });

  it('agrees with zod on 30,000 mutated reports', () => {
    const rand = random(20_260_107);
    const tally = new Map<string, number>();
    const total = 30_000;
    for (let i = 0; i < total; i++) {
      const value = mutated(pick(SEEDS, rand), rand);
      const verdict = expectAgreement(value);
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
        expectAgreement({ ...base, [rule.key]: probe });
        cases++;
      }
      const without: Record<string, unknown> = { ...base };
      delete without[rule.key];
      expectAgreement(without);
    }
    for (const value of [null, undefined, 0, 'report', true, [], [base], Number.NaN]) expectAgreement(value);
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
