import { expect } from 'vitest';
import type { z } from 'zod';
import type { FieldRule } from '../../src/decode/field-rules.js';
import type { DecodeFailure } from '../../src/errors.js';

/**
 * What the fuzz tests of the hand-written contract checks (report-check.test.ts, observation-check.test.ts) share:
 * the values that probe a field's rule (field-rules.ts), the mutations of a valid record, and the comparison with
 * zod's verdict. Both must agree: accept or reject; when accepted, the same output object (deep, strict, and with the
 * same key order); when rejected, the same error code (VALUE_RANGE vs JSON_SHAPE) for the same field (the first bad
 * one in schema order).
 */

/** Values of every type, and the ones that JSON cannot carry but code can. */
export const ODD: readonly unknown[] = [
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
  'Infinity',
  'true',
  'adsb',
  'ADSB',
  'good',
  'air',
  [],
  [1],
  {},
  { value: 1 },
];

const EXTRA_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'extra', 'Lat', 'nucP', 'schema '];

/**
 * Values that probe one field's rule: its bounds, at, inside and outside, and its kind's near misses; `special` for
 * what the rule cannot tell (a pattern's near misses).
 */
export function probes(rule: FieldRule, special: readonly unknown[] = []): unknown[] {
  switch (rule.kind) {
    case 'number': {
      const values: unknown[] = [];
      for (const bound of [rule.min, rule.max]) {
        if (!Number.isFinite(bound)) continue;
        values.push(bound, bound - 1, bound + 1, bound - 1e-9, bound + 1e-9, bound - 0.5, bound + 0.5, String(bound));
      }
      if (rule.integer) values.push(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 2 ** 60, -(2 ** 60));
      return [...values, ...special];
    }
    case 'string': {
      if (rule.pattern !== undefined) return [...special];
      // zod counts code points: a surrogate pair is one character, a lone surrogate one too.
      const values: unknown[] = [' ', 'é', ...special];
      const max = rule.maxLength;
      if (Number.isFinite(max)) {
        values.push(
          'a'.repeat(max),
          'a'.repeat(max + 1),
          `${'a'.repeat(max - 1)}😀`,
          `${'a'.repeat(max)}😀`,
          `${'a'.repeat(max)}\ud800`,
          `${'a'.repeat(max - 1)}\udc00\ud800`,
          '😀'.repeat(max),
          '😀'.repeat(max + 1),
        );
      }
      const min = rule.minLength;
      if (min > 0) {
        values.push(
          '',
          'a'.repeat(min - 1),
          'a'.repeat(min),
          '😀'.repeat(min - 1),
          '😀'.repeat(min),
          '\ud800'.repeat(min),
        );
      }
      return values;
    }
    case 'boolean':
      return [0, 1, 'true', 'false', null, ...special];
    case 'value': {
      const values = [...rule.values!].filter((v): v is string => typeof v === 'string');
      return [
        ...values,
        ...values.map((v) => v.toUpperCase()),
        ...values.map((v) => `${v} `),
        ...values.map((v) => v.slice(0, -1)),
        ...special,
      ];
    }
  }
}

export function pick<T>(list: readonly T[], rand: () => number): T {
  return list[Math.floor(rand() * list.length)]!;
}

/**
 * One to three mutations of a seed (a field set to one of its probes or to an odd value, deleted, an extra key, or
 * restored); half of the cases go through JSON text first, as the worker receives them.
 */
export function mutated(seed: object, probesOf: ReadonlyMap<string, readonly unknown[]>, rand: () => number): unknown {
  const keys = [...probesOf.keys()];
  const copy: Record<string, unknown> = { ...(seed as Record<string, unknown>) };
  const count = 1 + Math.floor(rand() * 3);
  for (let m = 0; m < count; m++) {
    const roll = rand();
    const key = pick(keys, rand);
    if (roll < 0.4) copy[key] = pick(probesOf.get(key)!, rand);
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

export type Verdict<T> = { ok: true; value: T } | { ok: false; code: string; field: string };

/** zod's verdict, coded as the hand checks code it: a bound missed is VALUE_RANGE, anything else JSON_SHAPE. */
export function zodVerdict<T>(schema: z.ZodType<T>, value: unknown, contract: string): Verdict<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || `(${contract})`;
  const code = issue.code === 'too_big' || issue.code === 'too_small' ? 'VALUE_RANGE' : 'JSON_SHAPE';
  return { ok: false, code, field };
}

/** A hand check's failure as a verdict: the field is what its detail names before the colon. */
export function failureVerdict(failure: DecodeFailure): Verdict<never> {
  return { ok: false, code: failure.code, field: failure.detail.slice(0, failure.detail.indexOf(':')) };
}

export function expectAgreement<T>(expected: Verdict<T>, actual: Verdict<T>): void {
  if (expected.ok && actual.ok) {
    expect(actual.value).toStrictEqual(expected.value);
    expect(Object.keys(actual.value as object)).toEqual(Object.keys(expected.value as object));
  } else {
    expect(actual).toStrictEqual(expected);
  }
}
