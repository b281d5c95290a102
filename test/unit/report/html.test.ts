import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/report/html.js';
import { CELLS, JAM_ID, NASTY, reportInput, SPOOF_ID, TICKS } from './fixtures.js';

describe('renderReport', () => {
  const html = renderReport(reportInput());

  it('is one file with no external resources', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<(link|img|iframe)\b/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/url\((?!#)/);
  });

  it('draws every observed cell and every state of every alert', () => {
    expect(html.match(/data-cell="/g)).toHaveLength(CELLS.length);
    for (const cell of CELLS) expect(html).toContain(`data-cell="${cell}"`);
    expect(html.match(new RegExp(`class="alert-state jamming" data-alert="${JAM_ID}"`, 'g'))).toHaveLength(2);
    expect(html.match(new RegExp(`class="alert-state spoofing" data-alert="${SPOOF_ID}"`, 'g'))).toHaveLength(1);
    expect(html.match(/class="emitter"/g)).toHaveLength(1);
    expect(html.match(/class="spoof-target"/g)).toHaveLength(1);
  });

  it('embeds the data the slider needs: every tick, the runs of each cell, the anomalous cells', () => {
    const json = /<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!;
    const data = JSON.parse(json) as { ticks: number[]; runs: number[][]; anomalous: number[][] };
    expect(data.ticks).toHaveLength(TICKS);
    expect(data.ticks[1]).toBe(15);
    expect(data.runs).toHaveLength(CELLS.length);
    expect(data.runs[0]).toEqual([0, TICKS - 1]);
    expect(data.anomalous.length).toBe(4 + 9 + 5);
  });

  it('escapes text from the data everywhere it appears', () => {
    expect(html).not.toContain(NASTY);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('&#60;/script&#62;&#60;b&#62;bold&#60;/b&#62; &#38; &#34;quoted&#34;');
  });

  it('steps through the anomalous ticks when no coverage is given', () => {
    const { coverage: _, ...input } = reportInput();
    const plain = renderReport(input);
    const data = JSON.parse(/<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(plain)![1]!);
    expect(data.runs).toBeNull();
    expect(data.ticks).toHaveLength(13);
  });
});
