import { describe, expect, it } from 'vitest';
import { GROUP_AIR_HIGH, GROUP_AIR_LOW, GROUP_SEA } from '../../../../src/core/region/craft-group.js';
import { CellWindow, WindowTally } from '../../../../src/core/region/craft-window.js';
import { EVIDENCE } from '../../../../src/schema/observation.js';
import { obs, T0 } from './observations.js';

describe('cell window', () => {
  it('counts a craft once however often it reports, with its latest status', () => {
    const window = new CellWindow(100);
    for (let i = 0; i < 300; i++) window.put(obs({ t: T0 + i * 1000, id: 'icao:aaaaaa', status: 'good' }), 10_000);
    window.put(obs({ t: T0 + 300_000, id: 'icao:aaaaaa', status: 'degraded' }), 10_000);
    const tally = new WindowTally();
    window.expireAndTally(T0, tally);
    expect(tally.total).toBe(1);
    expect(tally.totalAffected).toBe(1);
  });

  it('ignores an observation older than the one it holds', () => {
    const window = new CellWindow(100);
    window.put(obs({ t: T0 + 10_000, id: 'icao:aaaaaa', status: 'good' }), 10_000);
    window.put(obs({ t: T0, id: 'icao:aaaaaa', status: 'degraded' }), 10_000);
    const tally = new WindowTally();
    window.expireAndTally(T0 - 1, tally);
    expect(tally.totalAffected).toBe(0);
  });

  it('expires craft last seen at or before the cut-off', () => {
    const window = new CellWindow(100);
    window.put(obs({ t: T0, id: 'icao:aaaaaa' }), 10_000);
    window.put(obs({ t: T0 + 1, id: 'icao:bbbbbb' }), 10_000);
    const tally = new WindowTally();
    window.expireAndTally(T0, tally);
    expect(tally.total).toBe(1);
    expect(window.size).toBe(1);
  });

  it('counts per group, spoofed apart from degraded, and evidence flags', () => {
    const window = new CellWindow(100);
    window.put(obs({ t: T0, id: 'mmsi:000000001', domain: 'sea', status: 'degraded' }), 10_000);
    window.put(obs({ t: T0, id: 'icao:000001', alt: 3000, status: 'good' }), 10_000);
    window.put(obs({ t: T0, id: 'icao:000002', alt: 36_000, status: 'spoofed', evidence: EVIDENCE.JUMP }), 10_000);
    window.put(obs({ t: T0, id: 'icao:000003', alt: 36_000, status: 'degraded' }), 10_000);
    const tally = new WindowTally();
    window.expireAndTally(T0 - 1, tally);
    expect([...tally.craft]).toEqual([1, 1, 2]);
    expect(tally.affected[GROUP_SEA]).toBe(1);
    expect(tally.affected[GROUP_AIR_LOW]).toBe(0);
    expect(tally.affected[GROUP_AIR_HIGH]).toBe(2);
    expect(tally.totalSpoofed).toBe(1);
    expect(tally.jumps[GROUP_AIR_HIGH]).toBe(1);
    expect(tally.flags[0]).toBe(2); // NACP_LOW, bit 0
  });

  it('samples at most the budget, half of it for each side when both have that many', () => {
    const window = new CellWindow(1000);
    for (let i = 0; i < 300; i++) {
      window.put(
        obs({ t: T0, id: `icao:${i.toString(16).padStart(6, '0')}`, status: i < 30 ? 'degraded' : 'good' }),
        1,
      );
    }
    const sample = window.sample(20);
    expect(sample).toHaveLength(20);
    expect(sample.filter((s) => s.status !== 'good')).toHaveLength(10);
    const few = window.sample(100);
    expect(few.filter((s) => s.status !== 'good')).toHaveLength(30);
    expect(few).toHaveLength(100);
    expect(new Set(few.map((s) => s.id)).size).toBe(100);
  });

  it('stays within its craft bound', () => {
    const window = new CellWindow(5);
    for (let i = 0; i < 50; i++) window.put(obs({ t: T0 + i, id: `icao:${i.toString(16).padStart(6, '0')}` }), 1);
    expect(window.size).toBe(5);
  });
});
