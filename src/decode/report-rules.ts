import { z } from 'zod';
import { type Report, reportSchema } from '../schema/report.js';

/**
 * The field rules of `jamwatch.report/1` read from its zod schema once at load, for the hand-written check
 * (report-check.ts): bounds, integer-ness, enum and literal values, pattern and lengths come from the contract, so
 * they cannot drift from it. A kind of field or check that the check does not implement throws here, at load, rather
 * than letting through something zod would refuse.
 */
export interface FieldRule {
  readonly key: string;
  readonly required: boolean;
  readonly kind: 'number' | 'string' | 'boolean' | 'value';
  /** number: an integer within the safe range, tested before the bounds (zod's `.int()`, declared first). */
  readonly integer: boolean;
  readonly min: number;
  readonly minInclusive: boolean;
  readonly max: number;
  readonly maxInclusive: boolean;
  /** string: longest length in Unicode code points, as zod counts. */
  readonly maxLength: number;
  readonly pattern: RegExp | undefined;
  /** value: the enum's or the literal's accepted values. */
  readonly values: ReadonlySet<unknown> | undefined;
}

/** One rule per key of the report, in the schema's order. */
export const REPORT_RULES = Object.fromEntries(
  Object.entries(reportSchema.shape).map(([key, schema]) => [key, ruleOf(key, schema)]),
) as Readonly<Record<keyof Report, FieldRule>>;

function ruleOf(key: string, field: z.ZodType): FieldRule {
  const optional = field instanceof z.ZodOptional;
  const schema = optional ? (field.unwrap() as z.ZodType) : field;
  const rule = {
    key,
    required: !optional,
    kind: 'value' as FieldRule['kind'],
    integer: false,
    min: Number.NEGATIVE_INFINITY,
    minInclusive: true,
    max: Number.POSITIVE_INFINITY,
    maxInclusive: true,
    maxLength: Number.POSITIVE_INFINITY,
    pattern: undefined as RegExp | undefined,
    values: undefined as ReadonlySet<unknown> | undefined,
  };
  const checks = (schema.def as { checks?: z.core.$ZodCheck[] }).checks ?? [];
  const unsupported = (what: string) =>
    new Error(`report rules: ${key}: ${what} is not implemented by report-check.ts`);
  if (schema instanceof z.ZodNumber) {
    rule.kind = 'number';
    for (const [index, check] of checks.entries()) {
      const def = check._zod.def as
        | z.core.$ZodCheckGreaterThanDef
        | z.core.$ZodCheckLessThanDef
        | z.core.$ZodCheckNumberFormatDef;
      // The integer test first: zod stops at a non-integer before the bounds only when `.int()` comes first.
      if (def.check === 'number_format' && def.format === 'safeint' && index === 0) rule.integer = true;
      else if (def.check === 'greater_than' && Number(def.value) >= rule.min) {
        rule.min = Number(def.value);
        rule.minInclusive = def.inclusive;
      } else if (def.check === 'less_than' && Number(def.value) <= rule.max) {
        rule.max = Number(def.value);
        rule.maxInclusive = def.inclusive;
      } else throw unsupported(`number check ${def.check} at position ${index}`);
    }
  } else if (schema instanceof z.ZodString) {
    rule.kind = 'string';
    for (const check of checks) {
      const def = check._zod.def as z.core.$ZodCheckMaxLengthDef | z.core.$ZodCheckRegexDef;
      if (def.check === 'max_length') rule.maxLength = Math.min(rule.maxLength, def.maximum);
      else if (def.check === 'string_format' && def.format === 'regex' && !def.pattern.global)
        rule.pattern = def.pattern;
      else throw unsupported(`string check ${def.check}`);
    }
    // Which failure comes first would then depend on the order of the two: not needed by the contract today.
    if (rule.pattern !== undefined && rule.maxLength !== Number.POSITIVE_INFINITY)
      throw unsupported('pattern + length');
  } else if (schema instanceof z.ZodBoolean) {
    rule.kind = 'boolean';
  } else if (schema instanceof z.ZodEnum) {
    rule.values = new Set(schema.options);
  } else if (schema instanceof z.ZodLiteral) {
    rule.values = new Set(schema.values);
  } else {
    throw unsupported(`a field of type ${schema.def.type}`);
  }
  if (!(schema instanceof z.ZodNumber || schema instanceof z.ZodString) && checks.length > 0) {
    throw unsupported(`a check on a ${schema.def.type}`);
  }
  return rule;
}
