import { describe, expect, it } from 'vitest';
import {
  isWatermarkKey,
  SourceWatermarks,
  sourceId,
  watermarkKey,
  watermarkSource,
} from '../../../../src/drivers/worker/watermark.js';

describe('watermark messages', () => {
  it('round-trips the source through the key and never mistakes a cell key for one', () => {
    const key = Buffer.from(watermarkKey(sourceId('jamwatch.reports.adsb', 3)));
    expect(isWatermarkKey(key)).toBe(true);
    expect(watermarkSource(key)).toBe('jamwatch.reports.adsb:3');
    expect(isWatermarkKey(Buffer.from('841f293ffffffff'))).toBe(false);
    expect(isWatermarkKey(null)).toBe(false);
  });

  it('is complete only once every source has written, at the smallest of them, and never goes back', () => {
    const marks = new SourceWatermarks(['a:0', 'a:1', 'b:0']);
    expect(marks.update('a:0', 100)).toBe(false);
    expect(marks.update('a:1', 50)).toBe(false);
    expect(marks.min).toBe(-1);
    expect(marks.update('b:0', 70)).toBe(true);
    expect(marks.min).toBe(50);
    expect(marks.update('a:1', 40)).toBe(false);
    expect(marks.update('unknown:9', 10)).toBe(false);
    expect(marks.update('a:1', 90)).toBe(true);
    expect(marks.min).toBe(70);
    const copy = new SourceWatermarks(['a:0', 'a:1', 'b:0']);
    copy.restore(marks.toJSON());
    expect(copy.min).toBe(70);
    copy.forceTo(95);
    expect(copy.min).toBe(95);
  });
});
