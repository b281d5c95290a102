import { describe, expect, it } from 'vitest';
import {
  decideMove,
  MODE,
  MOVE,
  type MoveFacts,
  modeIsSpoofed,
  repeatConfirms,
  TRACK,
  TRIGGER,
} from '../../../../src/core/entity/track-mode.js';

const facts = (f: Partial<MoveFacts>): MoveFacts => ({
  mode: MODE.NORMAL,
  trigger: TRIGGER.NONE,
  jumped: false,
  wasFrozen: false,
  track: TRACK.NOT_NEEDED,
  ashore: false,
  inland: false,
  onLand: false,
  ...f,
});

describe('decideMove', () => {
  it('normal: accepts, or holds a jump, an off-track move after a freeze, a vessel thrown ashore', () => {
    expect(decideMove(facts({}))).toBe(MOVE.ACCEPT);
    expect(decideMove(facts({ jumped: true }))).toBe(MOVE.PENDING_JUMP);
    expect(decideMove(facts({ wasFrozen: true, track: TRACK.INCONSISTENT }))).toBe(MOVE.PENDING_JUMP);
    expect(decideMove(facts({ wasFrozen: true, track: TRACK.CONSISTENT }))).toBe(MOVE.ACCEPT);
    expect(decideMove(facts({ ashore: true, inland: true, onLand: true }))).toBe(MOVE.PENDING_ASHORE);
  });

  it('normal: a vessel thrown ashore by an impossible jump is held as ashore, the stronger sign', () => {
    expect(decideMove(facts({ ashore: true, inland: true, onLand: true, jumped: true }))).toBe(MOVE.PENDING_ASHORE);
    expect(decideMove(facts({ jumped: true, inland: true, onLand: true }))).toBe(MOVE.PENDING_JUMP);
  });

  it('pending jump: confirmed by a continuing position, dismissed when back on the real track', () => {
    const pending = { mode: MODE.PENDING, trigger: TRIGGER.JUMP } as const;
    expect(decideMove(facts({ ...pending, track: TRACK.INCONSISTENT }))).toBe(MOVE.CONFIRM);
    expect(decideMove(facts({ ...pending, track: TRACK.UNKNOWN }))).toBe(MOVE.CONFIRM);
    expect(decideMove(facts({ ...pending, track: TRACK.CONSISTENT, jumped: true }))).toBe(MOVE.GLITCH);
    expect(decideMove(facts({ ...pending, track: TRACK.INCONSISTENT, jumped: true }))).toBe(MOVE.NEW_CANDIDATE);
  });

  it('pending ashore: confirmed while inland, dismissed at sea', () => {
    const pending = { mode: MODE.PENDING, trigger: TRIGGER.ASHORE } as const;
    expect(decideMove(facts({ ...pending, inland: true, onLand: true }))).toBe(MOVE.CONFIRM);
    expect(decideMove(facts({ ...pending }))).toBe(MOVE.GLITCH);
  });

  it('spoofed: recovers on the real track, exits by a confirmed jump when the track is too old', () => {
    const spoofed = { mode: MODE.SPOOFED, trigger: TRIGGER.JUMP } as const;
    expect(decideMove(facts({ ...spoofed, track: TRACK.INCONSISTENT }))).toBe(MOVE.STAY_SPOOFED);
    expect(decideMove(facts({ ...spoofed, track: TRACK.CONSISTENT, jumped: true }))).toBe(MOVE.RECOVER);
    expect(decideMove(facts({ ...spoofed, track: TRACK.INCONSISTENT, jumped: true }))).toBe(MOVE.RESPOOF);
    expect(decideMove(facts({ ...spoofed, track: TRACK.UNKNOWN, jumped: true }))).toBe(MOVE.START_EXIT);
    expect(decideMove(facts({ ...spoofed, track: TRACK.UNKNOWN }))).toBe(MOVE.STAY_SPOOFED);
    const exit = { mode: MODE.PENDING_EXIT, trigger: TRIGGER.JUMP } as const;
    expect(decideMove(facts({ ...exit, track: TRACK.UNKNOWN }))).toBe(MOVE.RECOVER);
    expect(decideMove(facts({ ...exit, track: TRACK.UNKNOWN, jumped: true }))).toBe(MOVE.BACK_TO_SPOOFED);
  });

  it('spoofed ashore: until the vessel is back on water', () => {
    const spoofed = { mode: MODE.SPOOFED, trigger: TRIGGER.ASHORE } as const;
    expect(decideMove(facts({ ...spoofed, onLand: true }))).toBe(MOVE.STAY_SPOOFED);
    expect(decideMove(facts({ ...spoofed }))).toBe(MOVE.RECOVER);
  });

  it('an exit not yet confirmed is still spoofed', () => {
    expect([MODE.NORMAL, MODE.PENDING, MODE.SPOOFED, MODE.PENDING_EXIT].map(modeIsSpoofed)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});

describe('repeatConfirms', () => {
  it('confirms a pending candidate repeated inland, or repeated at its jump target while parked; nothing else', () => {
    const confirming: string[] = [];
    for (const [modeName, mode] of Object.entries(MODE)) {
      for (const [triggerName, trigger] of Object.entries(TRIGGER)) {
        for (const parked of [false, true]) {
          if (repeatConfirms(mode, trigger, parked)) confirming.push(`${modeName} ${triggerName} ${parked}`);
        }
      }
    }
    expect(confirming).toEqual(['PENDING JUMP true', 'PENDING ASHORE false', 'PENDING ASHORE true']);
  });
});
