import { describe, expect, it } from 'vitest';
import { parseNdjson } from '../../../src/eval/ndjson.js';
import { alertSchema } from '../../../src/schema/alert.js';
import { alert } from './fixtures.js';

describe('parseNdjson', () => {
  it('reads one validated value per non-blank line', () => {
    const text = `${JSON.stringify(alert('a', 'jamming', 54, 19, 20))}\n\n${JSON.stringify(alert('a', 'jamming', 54, 19, 25))}\n`;
    const alerts = parseNdjson(text, alertSchema, 'alerts.ndjson');
    expect(alerts.map((a) => a.updatedAt)).toEqual(['2026-01-10T16:20:00.000Z', '2026-01-10T16:25:00.000Z']);
  });

  it('names the line and the field of a bad value', () => {
    const bad = { ...alert('a', 'jamming', 54, 19, 20), kind: 'noise' };
    expect(() => parseNdjson(`\n${JSON.stringify(bad)}`, alertSchema, 'alerts.ndjson')).toThrow(
      /alerts.ndjson line 2: kind: /,
    );
    expect(() => parseNdjson('{oops', alertSchema, 'alerts.ndjson')).toThrow(/line 1: not JSON/);
  });
});
