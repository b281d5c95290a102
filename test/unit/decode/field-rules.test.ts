import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldRules } from '../../../src/decode/field-rules.js';
import { OBSERVATION_RULES } from '../../../src/decode/observation-check.js';
import { REPORT_RULES } from '../../../src/decode/report-check.js';
import { observationSchema } from '../../../src/schema/observation.js';
import { reportSchema } from '../../../src/schema/report.js';

describe('fieldRules', () => {
  it('reads one rule per key of each contract, in the schema order', () => {
    expect(Object.keys(REPORT_RULES)).toEqual(Object.keys(reportSchema.shape));
    expect(Object.keys(OBSERVATION_RULES)).toEqual(Object.keys(observationSchema.shape));
  });

  it('reads bounds, integer-ness, lengths, values and optionality from the observation schema', () => {
    expect(OBSERVATION_RULES.t).toMatchObject({ kind: 'number', required: true, integer: true, min: 0 });
    expect(OBSERVATION_RULES.lat).toMatchObject({ kind: 'number', integer: false, min: -90, max: 90 });
    expect(OBSERVATION_RULES.alt).toMatchObject({ min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY });
    expect(OBSERVATION_RULES.cell).toMatchObject({ kind: 'string', minLength: 1, maxLength: 20, pattern: undefined });
    expect(OBSERVATION_RULES.estimated).toMatchObject({ kind: 'boolean', required: true });
    expect(OBSERVATION_RULES.status.values).toEqual(new Set(['good', 'degraded', 'spoofed']));
    expect(OBSERVATION_RULES.schema.values).toEqual(new Set(['jamwatch.observation/1']));
    expect(OBSERVATION_RULES.spoofLat).toMatchObject({ kind: 'number', required: false, min: -90, max: 90 });
  });

  it('reads exclusive bounds', () => {
    const rules = fieldRules(z.object({ x: z.number().positive().lt(10) }), 'test');
    expect(rules.x).toMatchObject({ min: 0, minInclusive: false, max: 10, maxInclusive: false });
  });

  it('refuses at load what the hand checks do not implement', () => {
    const refused: [string, z.ZodObject][] = [
      ['unknown keys kept or refused (never)', z.strictObject({ x: z.number() })],
      ['unknown keys kept or refused (unknown)', z.looseObject({ x: z.number() })],
      ['a check on the whole object', z.object({ x: z.number() }).refine((o) => o.x > 0)],
      ['x: a field of type nullable', z.object({ x: z.number().nullable() })],
      ['x: a field of type object', z.object({ x: z.object({ y: z.number() }) })],
      ['x: a field of type array', z.object({ x: z.array(z.number()) })],
      ['x: a field of type default', z.object({ x: z.number().default(0) })],
      ['x: a field of type optional', z.object({ x: z.number().optional().optional() })],
      ['x: number check number_format at position 1', z.object({ x: z.number().min(0).int() })],
      ['x: number check multiple_of at position 0', z.object({ x: z.number().multipleOf(2) })],
      ['x: string check string_format', z.object({ x: z.string().startsWith('a') })],
      ['x: a field of type string', z.object({ x: z.email() })],
      ['x: pattern + length', z.object({ x: z.string().regex(/^a+$/).max(3) })],
      ['x: pattern + length', z.object({ x: z.string().min(1).regex(/^a+$/) })],
      ['x: a minimum length above the maximum', z.object({ x: z.string().min(5).max(3) })],
      ['x: a check on a boolean', z.object({ x: z.boolean().refine((b) => b) })],
    ];
    for (const [what, schema] of refused) {
      expect(() => fieldRules(schema, 'test')).toThrow(`test rules: ${what} is not implemented by field-problems.ts`);
    }
  });
});
