import { z } from 'zod';

/**
 * The field rules of a flat zod object contract (`jamwatch.report/1`, `jamwatch.observation/1`) read from its schema
 * once at load, for the hand-written checks (report-check.ts, observation-check.ts, which test values with
 * field-problems.ts): bounds, integer-ness, enum and literal values, pattern and lengths come from the contract, so
 * they cannot drift from it. A kind of field or check that field-problems.ts does not implement throws here, at
 * load, rather than letting through something zod would refuse.
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
  /** string: shortest and longest length in Unicode code points, as zod counts. */
  readonly minLength: number;
  readonly maxLength: number;
  readonly pattern: RegExp | undefined;
  /** value: the enum's or the literal's accepted values. */
  readonly values: ReadonlySet<unknown> | undefined;
}

/** One rule per key of the contract, in the schema's order. */
export type FieldRules<Shape extends z.ZodRawShape> = { readonly [K in keyof Shape]: FieldRule };

/**
 * The rules of `schema`, named `contract` in the load-time errors. Only a plain `z.object` (unknown keys dropped, no
 * refinement of the whole) of numbers, strings, booleans, enums and literals, each optional or not.
 */
export function fieldRules<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  contract: string,
): FieldRules<Shape> {
  const unsupported = (what: string) => new Error(`${contract} rules: ${what} is not implemented by field-problems.ts`);
  if (schema.def.catchall !== undefined)
    throw unsupported(`unknown keys kept or refused (${schema.def.catchall._zod.def.type})`);
  if ((schema.def.checks?.length ?? 0) > 0) throw unsupported('a check on the whole object');
  return Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      ruleOf(key, field as z.ZodType, (what) => unsupported(`${key}: ${what}`)),
    ]),
  ) as FieldRules<Shape>;
}

function ruleOf(key: string, field: z.ZodType, unsupported: (what: string) => Error): FieldRule {
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
    minLength: 0,
    maxLength: Number.POSITIVE_INFINITY,
    pattern: undefined as RegExp | undefined,
    values: undefined as ReadonlySet<unknown> | undefined,
  };
  const checks = (schema.def as { checks?: z.core.$ZodCheck[] }).checks ?? [];
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
      const def = check._zod.def as
        | z.core.$ZodCheckMinLengthDef
        | z.core.$ZodCheckMaxLengthDef
        | z.core.$ZodCheckRegexDef;
      if (def.check === 'min_length') rule.minLength = Math.max(rule.minLength, def.minimum);
      else if (def.check === 'max_length') rule.maxLength = Math.min(rule.maxLength, def.maximum);
      else if (def.check === 'string_format' && def.format === 'regex' && !def.pattern.global)
        rule.pattern = def.pattern;
      else throw unsupported(`string check ${def.check}`);
    }
    // Which failure comes first would then depend on the order of the checks: not needed by the contracts today.
    // (A too short and a too long string exclude each other while the minimum is not above the maximum.)
    if (rule.minLength > rule.maxLength) throw unsupported('a minimum length above the maximum');
    if (rule.pattern !== undefined && (rule.minLength > 0 || rule.maxLength !== Number.POSITIVE_INFINITY))
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
