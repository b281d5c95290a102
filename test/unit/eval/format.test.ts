import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/eval/evaluate.js';
import { formatComparison, formatEvalResult, table } from '../../../src/eval/format.js';
import { alert, jammingEvent, truth } from './fixtures.js';

const t = truth([jammingEvent(), jammingEvent({ id: 'kaliningrad#2' })]);
const ours = evaluate(t, [
  alert('a', 'jamming', 54.6, 19.8, 23, { emitter: { lat: 54.7, lon: 19.9, errorKm: 10 } }),
  alert('f', 'jamming', 40, 0, 50),
]);
const theirs = evaluate(t, [], { label: 'gpsjam rule' });

describe('evaluation tables', () => {
  it('lines up columns and right-aligns numbers', () => {
    expect(
      table([
        ['a', '1 km'],
        ['long name', '12 km'],
      ]),
    ).toBe('a           1 km\nlong name  12 km');
  });

  it('prints each event, the false alerts and the totals', () => {
    const text = formatEvalResult(ours);
    expect(text).toContain('jamwatch on test (3.0 h');
    expect(text).toMatch(/kaliningrad#1 +jamming +16:20–17:50 +300 km +40 +found +16:23 +180 s +5\.6 km +yes/);
    expect(text).toContain('false alerts');
    expect(text).toMatch(/f +jamming +16:50–open +40\.00, 0\.00 +nearest event kaliningrad#1/);
    expect(text).toMatch(/recall +2\/2 +100 %/);
    expect(text).toMatch(/false alerts +1 +0\.33 \/h/);
    expect(text).toMatch(/median time to first alert +180 s/);
  });

  it('compares two results side by side', () => {
    const text = formatComparison(ours, theirs);
    expect(text).toContain('test: jamwatch against gpsjam rule');
    expect(text).toMatch(/recall +2\/2 \(100 %\) +0\/2 \(0 %\)/);
    expect(text).toMatch(/kaliningrad#1 +jamming +found, 180 s +missed/);
  });
});
