import { describe, expect, it } from 'vitest';
import { entityOptionsSchema } from '../../../../src/core/entity/options.js';

describe('entityOptionsSchema', () => {
  it('fills every default from an empty object', () => {
    const o = entityOptionsSchema.parse({});
    expect(o).toMatchObject({ h3Resolution: 4, bucketMs: 10_000, nacpMin: 7, nicMin: 6, carryForwardMaxMs: 600_000 });
    expect(o.carryForwardMaxKm).toBe(20);
    expect(o.air).toMatchObject({ maxSpeedKt: 1000, jumpFloorKm: 5, frozenMinMs: 60_000 });
    expect(o.sea).toMatchObject({ maxSpeedKt: 60, frozenMinSpeedKt: 3 });
    expect(o.chronic.minSpreadKm).toBe(500);
    expect(o.testRanges).toEqual([]);
  });

  it('keeps nested defaults when one nested option is given', () => {
    const o = entityOptionsSchema.parse({ sea: { maxSpeedKt: 50 } });
    expect(o.sea).toMatchObject({ maxSpeedKt: 50, jumpFloorKm: 1 });
  });

  it('describes every option', () => {
    const shape = entityOptionsSchema.shape;
    for (const [key, schema] of Object.entries(shape)) expect(schema.description, key).toBeTruthy();
  });

  it('rejects bad values with their path', () => {
    const result = entityOptionsSchema.safeParse({ h3Resolution: 16, ignoredAirframes: ['ICAO:ABC'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['h3Resolution', 'ignoredAirframes.0']);
  });

  it('takes test ranges with ISO 8601 times', () => {
    const o = entityOptionsSchema.parse({
      testRanges: [{ name: 'WSMR', lat: 33.2, lon: -106.4, radiusKm: 300, from: '2026-01-06T14:00:00Z' }],
    });
    expect(o.testRanges[0]!.to).toBeUndefined();
  });
});
