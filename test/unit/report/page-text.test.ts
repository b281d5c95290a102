import { describe, expect, it } from 'vitest';
import { duration, escapeHtml, figure, utcTime } from '../../../src/report/page-text.js';

describe('page text', () => {
  it('escapes the characters that HTML gives a meaning', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  it('writes UTC times with seconds only when they are not zero', () => {
    expect(utcTime(Date.parse('2026-01-10T16:06:00Z'))).toBe('2026-01-10 16:06');
    expect(utcTime(Date.parse('2026-01-10T16:06:15.400Z'))).toBe('2026-01-10 16:06:15');
  });

  it('writes durations in the largest sensible unit', () => {
    expect(duration(45_000)).toBe('45 s');
    expect(duration(17 * 60_000)).toBe('17 min');
    expect(duration(125 * 60_000)).toBe('2 h 05 min');
  });

  it('writes evidence figures to three significant digits', () => {
    expect(figure(43)).toBe('43');
    expect(figure(0.021437)).toBe('0.0214');
    expect(figure(3.33952)).toBe('3.34');
  });
});
