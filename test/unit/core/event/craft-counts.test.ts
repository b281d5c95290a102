import { describe, expect, it } from 'vitest';
import { distinctCraft, latestSamples } from '../../../../src/core/event/craft-counts.js';
import { cellAt } from '../../../../src/core/region/cells.js';
import { anomalous } from './cells.js';

const a = cellAt(55, 20, 4);
const b = cellAt(55.5, 20, 4);

describe('distinct craft across cells', () => {
  it('counts a craft sampled in two cells once, affected if either saw it affected', () => {
    const first = anomalous(a, 0, { affected: 2, good: 2, prefix: 'aa' });
    const second = anomalous(b, 15_000, { affected: 1, good: 3, prefix: 'bb' });
    // The second cell also saw the first cell's good craft aa0003, now affected.
    second.samples.push({ ...first.samples[3]!, status: 'degraded' });
    second.observed.aircraft++;
    second.affected.aircraft++;
    const counts = distinctCraft([first, second]);
    expect(counts.observed).toEqual({ aircraft: 8, vessels: 0 });
    expect(counts.affected).toEqual({ aircraft: 4, vessels: 0 });
  });

  it('adds the craft a cell saw but did not sample', () => {
    const cell = anomalous(a, 0, { affected: 2, good: 2 });
    cell.observed.aircraft = 50;
    cell.affected.aircraft = 10;
    expect(distinctCraft([cell])).toEqual({
      observed: { aircraft: 50, vessels: 0 },
      affected: { aircraft: 10, vessels: 0 },
    });
  });

  it('keeps one sample per craft, from the latest cell', () => {
    const first = anomalous(a, 0, { affected: 1, good: 0, prefix: 'cc' });
    const second = anomalous(b, 15_000, { affected: 0, good: 1, prefix: 'cc' });
    const samples = latestSamples([first, second]);
    expect(samples).toHaveLength(1);
    expect(samples[0]!.status).toBe('good');
  });
});
