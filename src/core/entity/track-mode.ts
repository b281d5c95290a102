/**
 * The spoofing state machine of one craft's track, as a pure decision: given the craft's mode and what the rules say
 * about a new, distinct position, which move to make. The stage applies the move.
 *
 * NORMAL ──jump / off track after a freeze / went ashore──▶ PENDING ──next position continues from it──▶ SPOOFED
 *    ▲                                                        │ back on the real track: a glitch, not a spoof
 *    └────────────────────────────────────────────────────────┘
 * SPOOFED ──back on the dead-reckoned real track──▶ NORMAL
 * SPOOFED ──jump while the real track is too old to judge──▶ PENDING_EXIT ──continues──▶ NORMAL
 * A jump needs one more position to be confirmed, so that a single outlier (a decoding slip, a communication fault:
 * the AIS literature cuts 98.6 % of false alarms by removing those first) is not a spoofing episode.
 */
export const MODE = { NORMAL: 0, PENDING: 1, SPOOFED: 2, PENDING_EXIT: 3 } as const;
export type Mode = (typeof MODE)[keyof typeof MODE];

/** What started the episode: a jump (speed or off-track) or a vessel thrown ashore. */
export const TRIGGER = { NONE: 0, JUMP: 1, ASHORE: 2 } as const;
export type Trigger = (typeof TRIGGER)[keyof typeof TRIGGER];

/** The new position against the last good track carried forward (computed only when the decision needs it). */
export const TRACK = { NOT_NEEDED: 0, CONSISTENT: 1, INCONSISTENT: 2, UNKNOWN: 3 } as const;
export type TrackVerdict = (typeof TRACK)[keyof typeof TRACK];

export const MOVE = {
  /** An ordinary position: it becomes the last good one. */
  ACCEPT: 0,
  /** A jump: hold it as a candidate until the next position. */
  PENDING_JUMP: 1,
  /** A vessel thrown ashore: hold it as a candidate. */
  PENDING_ASHORE: 2,
  /** The candidate is confirmed: the craft is spoofed. */
  CONFIRM: 3,
  /** The candidate was an outlier: back to normal. */
  GLITCH: 4,
  /** Another jump from the candidate: it becomes the new candidate. */
  NEW_CANDIDATE: 5,
  /** Still spoofed, moving along the false track. */
  STAY_SPOOFED: 6,
  /** Still spoofed, jumped to a new false place. */
  RESPOOF: 7,
  /** A jump out of the false track while the real one is too old to check: hold it. */
  START_EXIT: 8,
  /** Back on a real track. */
  RECOVER: 9,
  /** The way out was another outlier. */
  BACK_TO_SPOOFED: 10,
} as const;
export type Move = (typeof MOVE)[keyof typeof MOVE];

/** What the rules found about one new position; a reusable object, filled per position without allocation. */
export interface MoveFacts {
  mode: Mode;
  trigger: Trigger;
  /** Impossible speed from the previous position of the same source. */
  jumped: boolean;
  /** The previous position was frozen (repeated while moving). */
  wasFrozen: boolean;
  track: TrackVerdict;
  /** Vessel: previous position on open water, this one deep inland. */
  ashore: boolean;
  /** Vessel: this position is deep inland. */
  inland: boolean;
  /** Vessel: this position is on the (coarse) land mask at all. */
  onLand: boolean;
}

export function decideMove(f: MoveFacts): Move {
  switch (f.mode) {
    case MODE.NORMAL:
      // a vessel thrown ashore is the stronger sign, even when the throw was also an impossible jump
      if (f.ashore) return MOVE.PENDING_ASHORE;
      if (f.jumped) return MOVE.PENDING_JUMP;
      if (f.wasFrozen && f.track === TRACK.INCONSISTENT) return MOVE.PENDING_JUMP;
      return MOVE.ACCEPT;
    case MODE.PENDING:
      if (f.trigger === TRIGGER.ASHORE) {
        if (!f.inland) return MOVE.GLITCH;
        return f.jumped ? MOVE.NEW_CANDIDATE : MOVE.CONFIRM;
      }
      if (f.track === TRACK.CONSISTENT) return MOVE.GLITCH;
      return f.jumped ? MOVE.NEW_CANDIDATE : MOVE.CONFIRM;
    case MODE.SPOOFED:
      if (f.trigger === TRIGGER.ASHORE) return f.onLand ? MOVE.STAY_SPOOFED : MOVE.RECOVER;
      if (f.track === TRACK.CONSISTENT) return MOVE.RECOVER;
      if (f.jumped) return f.track === TRACK.UNKNOWN ? MOVE.START_EXIT : MOVE.RESPOOF;
      return MOVE.STAY_SPOOFED;
    case MODE.PENDING_EXIT:
      if (f.track === TRACK.CONSISTENT) return MOVE.RECOVER;
      return f.jumped ? MOVE.BACK_TO_SPOOFED : MOVE.RECOVER;
    default:
      return MOVE.ACCEPT;
  }
}

/**
 * Whether the candidate, reported again at the same place, is confirmed: a vessel still deep inland, or a craft held at
 * its jump target while it says it moves (`parked`, frozen-rule.ts). A one-off outlier is never repeated.
 */
export function repeatConfirms(mode: Mode, trigger: Trigger, parked: boolean): boolean {
  return mode === MODE.PENDING && (trigger === TRIGGER.ASHORE || (trigger === TRIGGER.JUMP && parked));
}

/** Whether the track's mode makes the craft spoofed (an exit not yet confirmed still is). */
export function modeIsSpoofed(mode: Mode): boolean {
  return mode === MODE.SPOOFED || mode === MODE.PENDING_EXIT;
}
