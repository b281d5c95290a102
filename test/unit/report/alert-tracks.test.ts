import { describe, expect, it } from 'vitest';
import { alertTracks } from '../../../src/report/alert-tracks.js';
import { ALERTS, EMITTER, JAM_ID, SPOOF_ID, T0 } from './fixtures.js';

const MIN = 60_000;

describe('alertTracks', () => {
  const tracks = alertTracks(ALERTS);

  it('gives one track per alert, in order of start', () => {
    expect(tracks.map((t) => t.id)).toEqual([JAM_ID, SPOOF_ID]);
  });

  it('holds each message from its update until the next, and nothing past the end', () => {
    const jam = tracks[0]!;
    expect(jam.states.map((s) => [(s.from - T0) / MIN, (s.to - T0) / MIN])).toEqual([
      [2, 3],
      [3, 5],
    ]);
    expect(jam.states[1]!.alert.emitter).toEqual(EMITTER);
    expect(jam.latest.status).toBe('resolved');
    expect(jam.peak.score).toBe(5.5);
    expect(jam.emitter).toEqual(EMITTER);
    expect(jam.endedAt).toBe(T0 + 5 * MIN);
  });

  it('keeps an alert still open at the end of the run open', () => {
    const spoof = tracks[1]!;
    expect(spoof.states).toHaveLength(1);
    expect(spoof.states[0]!.to).toBe(Infinity);
    expect(spoof.endedAt).toBeUndefined();
    expect(spoof.emitter).toBeUndefined();
  });

  it('orders messages by update time whatever order they arrive in', () => {
    const again = alertTracks([...ALERTS].reverse());
    expect(again[0]!.states.map((s) => s.from)).toEqual(tracks[0]!.states.map((s) => s.from));
  });
});
