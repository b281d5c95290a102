import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { decodeFiles } from '../../../src/drivers/decode.js';
import { mergeByTime } from '../../../src/drivers/read-files.js';
import { type Report, reportSchema } from '../../../src/schema/report.js';
import { corpusPath } from '../../corpus.js';

const log = pino({ level: 'silent' });
const defaults = { format: undefined, startTime: undefined, rate: 1, tzOffsetMinutes: undefined, receiver: undefined };

async function decodeToLines(paths: string[]) {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c) => chunks.push(c.toString()));
  const stats = await decodeFiles(paths, defaults, out, log);
  const lines = chunks.join('').split('\n').filter(Boolean);
  return { stats, reports: lines.map((l) => JSON.parse(l) as Report) };
}

describe('decodeFiles', () => {
  it('decodes a folder of SBS logs into valid reports in event-time order, counting every line', async () => {
    const { stats, reports } = await decodeToLines([corpusPath('adsb', 'sbs')]);
    expect(reports.length).toBe(stats.reports);
    expect(reports.length).toBeGreaterThan(80);
    for (const report of reports) expect(reportSchema.safeParse(report).success).toBe(true);
    for (let i = 1; i < reports.length; i++) expect(reports[i]!.t).toBeGreaterThanOrEqual(reports[i - 1]!.t);
    expect(stats.total).toBe(364 + 54);
  });

  it('merges several inputs by event time', async () => {
    const make = (ts: number[]) =>
      (async function* () {
        yield ts.slice(0, 2).map((t) => ({ t }) as Report);
        yield ts.slice(2).map((t) => ({ t }) as Report);
      })();
    const merged: number[] = [];
    for await (const batch of mergeByTime([make([1, 4, 6, 9]), make([2, 3, 7]), make([5])])) {
      merged.push(...batch.map((r) => r.t));
    }
    expect(merged).toEqual([1, 2, 3, 4, 5, 6, 7, 9]);
  });
});
