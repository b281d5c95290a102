import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstOnset, writeFeedWindow } from '../../../src/bench/feed-window.js';
import { loadScenario } from '../sim/fixtures.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('firstOnset', () => {
  it("is when the demo's jammer switches on, 5 min after the start", () => {
    expect(firstOnset(loadScenario('demo'))).toBe(Date.parse('2026-01-10T16:05:00Z'));
  });

  it('is undefined for a scenario without emitters', () => {
    expect(firstOnset(loadScenario('quiet-day'))).toBeUndefined();
  });
});

describe('writeFeedWindow', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jamwatch-window-'));
  dirs.push(dir);
  const window = writeFeedWindow(dir, loadScenario('demo'), { leadMs: 60_000, followMs: 30_000 });
  const adsb = readFileSync(window.files.adsb, 'utf8').trimEnd().split('\n');
  const ais = readFileSync(window.files.ais, 'utf8').trimEnd().split('\n');

  it('keeps the readsb snapshots of the window, one a second', () => {
    expect(window.fromMs).toBe(Date.parse('2026-01-10T16:04:00Z'));
    expect(window.toMs).toBe(Date.parse('2026-01-10T16:05:30Z'));
    const nows = adsb.map((line) => (JSON.parse(line) as { now: number }).now * 1000);
    expect(nows).toHaveLength(90);
    expect(nows[0]).toBe(window.fromMs);
    expect(nows.at(-1)).toBe(window.toMs - 1000);
    expect(window.lines).toEqual({ adsb: 90, ais: ais.length });
  });

  it('keeps AIS lines of the window, multi-part messages whole', () => {
    expect(ais.length).toBeGreaterThan(30);
    const open = new Map<string, number>();
    for (const line of ais) {
      const c = Number(/c:(\d+)/.exec(line)?.[1]) * 1000;
      expect(c).toBeLessThan(window.toMs);
      const [, count, part, seq, channel] = /!AIVDM,(\d),(\d),(\d?),([AB]?)/.exec(line)!;
      if (count === '1') continue;
      const key = `${seq}${channel}`;
      if (part === '1') open.set(key, 1);
      else {
        expect(open.get(key)).toBe(Number(part) - 1);
        if (part === count) open.delete(key);
        else open.set(key, Number(part));
      }
    }
    expect(open.size).toBe(0);
  });
});
