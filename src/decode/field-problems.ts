import { type DecodeFailure, failure } from '../errors.js';
import type { FieldRule } from './field-rules.js';
import { isJsonObject } from './json-field.js';

/**
 * zod's verdict on one value of a flat contract's field (field-rules.ts), given by hand for the checks of the hot
 * path (report-check.ts, observation-check.ts): undefined when zod accepts the value, else the failure of zod's first
 * issue, coded VALUE_RANGE for a bound (zod's too_big and too_small) and JSON_SHAPE for anything else, and naming the
 * field. Only the failure path builds text.
 */

/** The whole record: zod refuses anything but a plain object (an array too) before looking at a field. */
export function objectProblem(contract: string, value: unknown): DecodeFailure | undefined {
  return isJsonObject(value)
    ? undefined
    : failure('JSON_SHAPE', `(${contract}): expected a JSON object, got ${shown(value)}`);
}

/** An absent key is a problem only for a required field (zod's verdict on undefined). */
function absent(rule: FieldRule): DecodeFailure | undefined {
  return rule.required ? failure('JSON_SHAPE', `${rule.key}: required, missing`) : undefined;
}

export function numberProblem(rule: FieldRule, x: unknown): DecodeFailure | undefined {
  if (x === undefined) return absent(rule);
  if (typeof x !== 'number' || !Number.isFinite(x)) return shape(rule, `expected a finite number, got ${shown(x)}`);
  if (rule.integer) {
    if (!Number.isInteger(x)) return shape(rule, `expected an integer, got ${x}`);
    if (!Number.isSafeInteger(x)) return range(rule, `${x} is outside the safe integer range`);
  }
  if (rule.minInclusive ? x < rule.min : x <= rule.min) {
    return range(rule, `${x} is below the ${rule.minInclusive ? 'minimum' : 'exclusive minimum'} ${rule.min}`);
  }
  if (rule.maxInclusive ? x > rule.max : x >= rule.max) {
    return range(rule, `${x} is above the ${rule.maxInclusive ? 'maximum' : 'exclusive maximum'} ${rule.max}`);
  }
  return undefined;
}

export function stringProblem(rule: FieldRule, x: unknown): DecodeFailure | undefined {
  if (x === undefined) return absent(rule);
  if (typeof x !== 'string') return shape(rule, `expected a string, got ${shown(x)}`);
  if (rule.pattern !== undefined && !rule.pattern.test(x)) {
    return shape(rule, `${shown(x)} does not match ${rule.pattern}`);
  }
  // Units first: a code point is one or two of them, so a string of n units has between n / 2 and n code points.
  if (x.length < rule.minLength * 2) {
    const length = codePoints(x);
    if (length < rule.minLength) return range(rule, `${length} characters, fewer than the minimum ${rule.minLength}`);
  }
  if (x.length > rule.maxLength) {
    const length = codePoints(x);
    if (length > rule.maxLength) return range(rule, `${length} characters, more than the maximum ${rule.maxLength}`);
  }
  return undefined;
}

/** Length in Unicode code points (a surrogate pair counts once, a lone surrogate as one), as zod measures strings. */
function codePoints(s: string): number {
  let length = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length--;
      i++;
    }
  }
  return length;
}

export function booleanProblem(rule: FieldRule, x: unknown): DecodeFailure | undefined {
  if (x === undefined) return absent(rule);
  return typeof x === 'boolean' ? undefined : shape(rule, `expected true or false, got ${shown(x)}`);
}

export function valueProblem(rule: FieldRule, x: unknown): DecodeFailure | undefined {
  if (x === undefined) return absent(rule);
  if (rule.values!.has(x)) return undefined;
  return shape(rule, `expected ${[...rule.values!].map(shown).join(' or ')}, got ${shown(x)}`);
}

function shape(rule: FieldRule, what: string): DecodeFailure {
  return failure('JSON_SHAPE', `${rule.key}: ${what}`);
}

function range(rule: FieldRule, what: string): DecodeFailure {
  return failure('VALUE_RANGE', `${rule.key}: ${what}`);
}

const SHOWN_CHARS = 40;

/** A bad value as the error text shows it: short, and typed (a string in quotes, so "12" is not read as 12). */
function shown(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x.length > SHOWN_CHARS ? `${x.slice(0, SHOWN_CHARS)}…` : x);
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') return 'an object';
  return String(x);
}
