import { describe, expect, it } from 'vitest';
import {
  type SourceView,
  sourceWatermarks,
  WatermarkWriter,
} from '../../../../src/drivers/worker/source-watermarks.js';

const options = { busyMs: 5_000, idleAdvanceMs: 10_000 };
const NOW = 1_000_000;

function view(source: string, newest: number | undefined, fedAgoMs: number, lag = 0): SourceView {
  return { source, newest, lastInputWall: NOW - fedAgoMs, lag, assignedAt: NOW - 60_000 };
}

describe('sourceWatermarks', () => {
  it('a busy partition vouches for its own newest report, an idle one for the slowest busy one', () => {
    const marks = sourceWatermarks(
      [view('a:0', 500, 0, 10), view('a:1', 900, 100), view('b:0', 200, 30_000)],
      NOW,
      options,
    );
    expect(Object.fromEntries(marks)).toEqual({ 'a:0': 500, 'a:1': 900, 'b:0': 500 });
  });

  it('holds everything back while an assigned partition has not been fetched yet', () => {
    const fresh: SourceView = { source: 'a:1', newest: undefined, lastInputWall: 0, lag: 0, assignedAt: NOW - 1_000 };
    const marks = sourceWatermarks([view('a:0', 500, 0), fresh], NOW, options);
    expect(marks.get('a:1')).toBe(-1);
    expect(marks.get('a:0')).toBe(500);
  });

  it('follows the wall clock once all input has stopped, and jumps to the drain time at the end of a backfill', () => {
    const idle = [view('a:0', 500, 20_000), view('a:1', 400, 30_000)];
    expect(Object.fromEntries(sourceWatermarks(idle, NOW, options))).toEqual({ 'a:0': 20_500, 'a:1': 20_500 });
    const quiet = [view('a:0', 500, 6_000), view('a:1', 400, 7_000)];
    expect(Object.fromEntries(sourceWatermarks(quiet, NOW, options))).toEqual({ 'a:0': 500, 'a:1': 500 });
    expect(sourceWatermarks(quiet, NOW, options, 99_000).get('a:1')).toBe(99_000);
  });
});

describe('WatermarkWriter', () => {
  it('writes each moved watermark to every partition, throttled unless forced', () => {
    const sent: string[] = [];
    const writer = new WatermarkWriter('obs', 2, 200, (topic, key, value, partition) =>
      sent.push(`${topic}/${partition} ${key}=${value}`),
    );
    writer.write(new Map([['r:0', 100]]), 1_000);
    writer.write(new Map([['r:0', 150]]), 1_100);
    writer.write(new Map([['r:0', 150]]), 1_200, true);
    writer.write(new Map([['r:0', 150]]), 1_500, true);
    expect(sent).toEqual(['obs/0 ~wm:r:0=100', 'obs/1 ~wm:r:0=100', 'obs/0 ~wm:r:0=150', 'obs/1 ~wm:r:0=150']);
  });
});
