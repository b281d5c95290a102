import { describe, expect, it } from 'vitest';
import { generateEntityReports } from '../../src/bench/core-entity.js';
import { EntityStage } from '../../src/core/entity/entity-stage.js';
import { mulberry32 as random } from '../../src/core/event/prng.js';
import { isFailure } from '../../src/decode/json-field.js';
import { checkObservation, OBSERVATION_RULES } from '../../src/decode/observation-check.js';
import { type Observation, observationSchema } from '../../src/schema/observation.js';
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
 * The hand-written check (src/decode/observation-check.ts) against zod's `observationSchema`, the declared contract,
 * on real entity stage outputs (the bench's generated traffic: good, degraded and spoofed craft, aircraft and
 * vessels, with and without the spoof and edge fields) as the region tasks receive them, and on mutations of them
 * (contract-fuzz.ts): wrong types, missing and undefined fields, values at, just inside and just outside every bound,
 * NaN and ±Infinity, numbers as strings, non-integers, unsafe integers, empty and too long cells and ids (counted in
 * code points), enum values in the wrong case, extra keys (`__proto__` among them), numbers that JSON can write but
 * a double cannot hold, and inputs that are not objects.
 */

/** Every observation of the degraded and spoofed craft, and a spread of the good ones, as JSON texts. */
function entityObservations(): string[] {
  const stage = new EntityStage();
  const texts: string[] = [];
  let good = 0;
  for (const report of generateEntityReports(1_000, 100_000)) {
    const obs = stage.process(report);
    if (obs !== null && (obs.status !== 'good' || good++ % 20 === 0)) texts.push(JSON.stringify(obs));
  }
  return texts;
}

const TEXTS = entityObservations();
const SEEDS: object[] = TEXTS.map((text) => JSON.parse(text) as object);
const RULES = Object.values(OBSERVATION_RULES);
const PROBES = new Map(
  RULES.map((rule) => [rule.key, probes(rule, rule.key === 'schema' ? ['jamwatch.observation/2'] : [])]),
);

function checkVerdict(value: unknown): Verdict<Observation> {
  const checked = checkObservation(value);
  return isFailure(checked) ? failureVerdict(checked) : { ok: true, value: checked };
}

function agreement(value: unknown): Verdict<Observation> {
  const actual = checkVerdict(value);
  expectAgreement(zodVerdict(observationSchema, value, 'observation'), actual);
  return actual;
}

/** JSON number texts beyond a double (±Infinity once parsed, or 0), and the other spellings of a number. */
const NUMBER_TEXTS = ['1e400', '-1e400', '1e-400', '-0', '0.0', '1E2', '-1.5e1', '9007199254740993', '"1e400"', 'null'];

describe('checkObservation against zod', () => {
  it('has real observations of every status and domain, with every optional field, to start from', () => {
    expect(SEEDS.length).toBeGreaterThan(500);
    const statuses = new Set(SEEDS.map((seed) => (seed as Observation).status));
    expect(statuses).toEqual(new Set(['good', 'degraded', 'spoofed']));
    expect(new Set(SEEDS.map((seed) => (seed as Observation).domain))).toEqual(new Set(['air', 'sea']));
    const keys = new Set(SEEDS.flatMap((seed) => Object.keys(seed)));
    expect([...keys].sort()).toEqual(Object.keys(observationSchema.shape).sort());
  });

  it('accepts every real observation as zod does, with the same output', () => {
    for (const seed of SEEDS) expect(agreement(seed).ok).toBe(true);
  });

  it('agrees with zod on 30,000 mutated observations', () => {
    const rand = random(20_260_108);
    const tally = new Map<string, number>();
    const total = 30_000;
    for (let i = 0; i < total; i++) {
      const verdict = agreement(mutated(pick(SEEDS, rand), PROBES, rand));
      const key = verdict.ok ? 'accepted' : verdict.code;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    // Every verdict is well represented, so the agreement is not only on the easy side.
    for (const key of ['accepted', 'JSON_SHAPE', 'VALUE_RANGE'])
      expect(tally.get(key) ?? 0).toBeGreaterThan(total / 20);
  });

  it('agrees with zod on every probe of every field, and on inputs that are not objects', () => {
    const base = SEEDS.find((seed) => 'spoofLat' in seed)!;
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
    for (const value of [null, undefined, 0, 'observation', true, [], [base], Number.NaN]) agreement(value);
    expect(cases).toBeGreaterThan(RULES.length * ODD.length);
  });

  it('agrees with zod on numbers spelt in JSON text as no double holds them', () => {
    const text = TEXTS.find((t) => t.includes('"spoofLat"') && t.includes('"edgeT"'))!;
    let parsed = 0;
    for (const rule of RULES.filter((r) => r.kind === 'number')) {
      for (const number of NUMBER_TEXTS) {
        const changed = text.replace(new RegExp(`"${rule.key}":[^,}]+`), `"${rule.key}":${number}`);
        expect(changed).not.toBe(text);
        agreement(JSON.parse(changed));
        parsed++;
      }
    }
    expect(parsed).toBe(11 * NUMBER_TEXTS.length);
    // JSON.parse makes ±Infinity of these: both refuse them as no finite number.
    expect(checkObservation(JSON.parse(text.replace(/"lat":[^,}]+/, '"lat":1e400')))).toMatchObject({
      code: 'JSON_SHAPE',
      detail: 'lat: expected a finite number, got Infinity',
    });
  });

  it('names the field and what was wrong', () => {
    const base = SEEDS[0]!;
    expect(checkObservation({ ...base, lat: 123.4 })).toMatchObject({
      code: 'VALUE_RANGE',
      detail: 'lat: 123.4 is above the maximum 90',
    });
    expect(checkObservation({ ...base, t: 1.5 })).toMatchObject({
      code: 'JSON_SHAPE',
      detail: 't: expected an integer, got 1.5',
    });
    expect(checkObservation({ ...base, cell: '' })).toMatchObject({
      code: 'VALUE_RANGE',
      detail: 'cell: 0 characters, fewer than the minimum 1',
    });
    expect(checkObservation({ ...base, status: 'jammed' })).toMatchObject({
      code: 'JSON_SHAPE',
      detail: 'status: expected "good" or "degraded" or "spoofed", got "jammed"',
    });
    const { estimated: _, ...noEstimated } = base as Record<string, unknown>;
    expect(checkObservation(noEstimated)).toMatchObject({ code: 'JSON_SHAPE', detail: 'estimated: required, missing' });
    expect(checkObservation('x')).toMatchObject({
      code: 'JSON_SHAPE',
      detail: '(observation): expected a JSON object, got "x"',
    });
  });
});
