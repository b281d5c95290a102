import { describe, expect, it } from 'vitest';
import { LatencyProbe } from '../../../src/bench/latency-probe.js';

const T0 = Date.UTC(2026, 0, 10, 16, 0, 0);
const WALL = 1_800_000_000_000;
const LATE = 5_000;
const TICK = 15_000;

/** A feed paced at real time from T0 (sent at WALL + (t − T0) + 20 ms), two report partitions, two region tasks. */
function pacedProbe(seconds: number): LatencyProbe {
  const probe = new LatencyProbe();
  for (let s = 0; s <= seconds; s++) {
    const t = T0 + s * 1000;
    probe.report(t, WALL + s * 1000 + 20);
    // a late AIS message: sent now with an older time, it must not move the origin
    if (s % 10 === 5) probe.report(t - 4000, WALL + s * 1000 + 30);
    const wall = WALL + s * 1000;
    // entity tasks vouch for t 300 ms after it was sent, partition 1 (sparse) lags a second behind
    probe.entityWatermark('reports.adsb:0', t, wall + 300);
    probe.entityWatermark('reports.adsb:1', t - 1000, wall + 300);
    // region tasks pass stream time (vouched − allowance) 200 ms later
    probe.regionWatermark('observations:0', t - 1000 - LATE, wall + 500);
    probe.regionWatermark('observations:1', t - 1000 - LATE, wall + 500);
  }
  return probe;
}

describe('LatencyProbe', () => {
  it('times an alert from the wall time of its tick and splits it into allowance, watermarks, region and event', () => {
    const probe = pacedProbe(120);
    const tick = T0 + 60_000;
    // the region tasks passed the tick at the wall time of tick + 6 s (+ 500 ms); the alert follows 400 ms later
    probe.alert(tick, WALL + 66_900);
    const f = probe.figures(LATE, TICK);
    expect(f.alert.count).toBe(1);
    expect(f.alert.p50).toBeCloseTo(66.9 - 60 - 0.02, 6);
    expect(f.lateAllowance).toBe(5);
    // every partition past tick + 5 s: partition 1 at t + 6 s, vouched 300 ms after that second's send
    expect(f.watermarks.p50).toBeCloseTo(1.3 - 0.02, 6);
    expect(f.region.p50).toBeCloseTo(0.2, 6);
    expect(f.event.p50).toBeCloseTo(0.4, 6);
    expect(f.lateAllowance + f.watermarks.p50 + f.region.p50 + f.event.p50).toBeCloseTo(f.alert.p50, 6);
  });

  it('times every tick through the region stage and counts only the ticks the reports drove', () => {
    const probe = pacedProbe(120);
    // resolved by the drain after the input: its tick is past the last report less the allowance and a tick
    probe.alert(T0 + 120_000, WALL + 140_000);
    const f = probe.figures(LATE, TICK);
    expect(f.alertMessages).toBe(1);
    expect(f.alert.count).toBe(0);
    expect(Number.isNaN(f.alert.p50)).toBe(true);
    // ticks T0 … T0 + 90 s (≤ 120 − 5 − 15): each passed 6.5 s after its wall time, less the 20 ms origin
    expect(f.tick.count).toBe(7);
    expect(f.tick.p50).toBeCloseTo(6.48, 6);
    expect(f.tick.max).toBeCloseTo(6.48, 6);
    expect(f.tickWatermarks.p50).toBeCloseTo(1.28, 6);
    expect(f.lastToVouch).toEqual(new Map([['reports.adsb:1', 7]]));
    expect(f.reports).toBe(121 + 12);
    expect(f.eventSeconds).toBe(120);
    expect(f.feedSeconds).toBeCloseTo(120, 6);
  });

  it('times no tick from before the feed started, though older reports came with its first', () => {
    const probe = pacedProbe(120);
    // readsb positions seen 50 s before the first snapshot: sent at once, at the start
    probe.report(T0 - 50_000, WALL + 25);
    probe.alert(T0 - 30_000, WALL + 7_000);
    const f = probe.figures(LATE, TICK);
    expect(f.alert.count).toBe(0);
    expect(f.tick.count).toBe(7);
    expect(f.eventSeconds).toBe(170);
  });

  it('leaves a part out when a source never vouched for the tick', () => {
    const probe = new LatencyProbe();
    probe.report(T0, WALL);
    probe.report(T0 + 60_000, WALL + 60_000);
    probe.entityWatermark('reports.adsb:0', T0 + 60_000, WALL + 60_000);
    probe.entityWatermark('reports.adsb:1', T0, WALL);
    probe.alert(T0 + 30_000, WALL + 40_000);
    const f = probe.figures(LATE, TICK);
    expect(f.alert.count).toBe(1);
    expect(f.alert.p50).toBe(10);
    expect(f.watermarks.count).toBe(0);
    expect(f.region.count).toBe(0);
    expect(f.event.count).toBe(0);
  });
});
