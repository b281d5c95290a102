import { distanceKm } from '../core/geodesy.js';
import type { ActiveEmitter } from './emitters.js';
import type { Prng } from './prng.js';
import { effectiveReachKm } from './radio.js';

/**
 * A craft's GNSS receiver under interference:
 *   ok ──(in a jammer's reach)──▶ jammed ──(out of reach / jammer off)──▶ recovering ──(fix regained)──▶ ok
 *   ok ──(in a spoofer's reach)──▶ spoofed ──(out of reach / spoofer off)──▶ recovering ──▶ ok
 * A receiver that recovers from spoofing keeps the false solution until it regains the real one (it stays captured),
 * one that recovers from jamming has no fix until then. Whether a craft is susceptible at all is drawn once per craft
 * (`susceptibility` against the emitter's `affectedFraction`).
 */
export type GnssMode = 'ok' | 'jammed' | 'spoofed' | 'recovering';

export interface GnssState {
  mode: GnssMode;
  /** The emitter behind the current effect (also while recovering). */
  cause: ActiveEmitter | undefined;
  /** Kind of the effect being recovered from. */
  recoveringFrom: 'jamming' | 'spoofing' | undefined;
  /** When the current effect began (onset of jamming or spoofing), epoch ms. */
  since: number;
  /** Spoofed: integrity stays high until then. Recovering: the fix returns then. */
  until: number;
  /** Draws fixed per craft, in [0, 1): susceptibility, and which behaviour it shows. */
  readonly susceptibility: number;
  readonly behaviour: number;
}

export function newGnssState(rng: Prng): GnssState {
  return {
    mode: 'ok',
    cause: undefined,
    recoveringFrom: undefined,
    since: 0,
    until: 0,
    susceptibility: rng.next(),
    behaviour: rng.next(),
  };
}

const KM_PER_DEG_LAT = 111.2;

/** The first active emitter (spoofers before jammers) whose reach covers a receiver at this height, if susceptible. */
export function emitterInReach(
  active: readonly ActiveEmitter[],
  lat: number,
  lon: number,
  heightM: number,
  susceptibility: number,
): ActiveEmitter | undefined {
  for (const a of active) {
    const e = a.emitter;
    const config = e.jammer ?? e.spoofer!;
    if (susceptibility >= config.affectedFraction) continue;
    const reach = effectiveReachKm(e.reachKm, e.altitudeM, heightM);
    if (Math.abs(lat - a.lat) * KM_PER_DEG_LAT > reach) continue;
    if (distanceKm(lat, lon, a.lat, a.lon) <= reach) return a;
  }
  return undefined;
}

/** Advances the receiver state to time t, given the emitter (if any) that reaches it now. */
export function stepGnss(state: GnssState, t: number, hit: ActiveEmitter | undefined, rng: Prng): void {
  if (hit) {
    const kind = hit.emitter.kind;
    const sameCause = state.cause?.event === hit.event;
    if (sameCause && (state.mode === 'jammed' || state.mode === 'spoofed')) return;
    if (sameCause && state.mode === 'recovering') {
      // Back in reach before the fix returned: the same effect goes on.
      state.mode = kind === 'jamming' ? 'jammed' : 'spoofed';
      state.cause = hit;
      return;
    }
    state.mode = kind === 'jamming' ? 'jammed' : 'spoofed';
    state.cause = hit;
    state.since = t;
    state.until = kind === 'spoofing' ? t + rng.inRange(hit.emitter.spoofer!.confidentS) * 1000 : 0;
    state.recoveringFrom = undefined;
    return;
  }
  if (state.mode === 'jammed' || state.mode === 'spoofed') {
    const config = state.cause!.emitter.jammer ?? state.cause!.emitter.spoofer!;
    state.recoveringFrom = state.mode === 'jammed' ? 'jamming' : 'spoofing';
    state.mode = 'recovering';
    state.until = t + rng.inRange(config.reacquireS) * 1000;
    return;
  }
  if (state.mode === 'recovering' && t >= state.until) {
    state.mode = 'ok';
    state.recoveringFrom = undefined;
  }
}

/** True while the receiver reports the spoofer's false position (spoofed, or captured while recovering). */
export function reportsFalsePosition(state: GnssState): boolean {
  return state.mode === 'spoofed' || (state.mode === 'recovering' && state.recoveringFrom === 'spoofing');
}

/** True while the receiver has no usable fix (jammed, or recovering from jamming). */
export function hasNoFix(state: GnssState): boolean {
  return state.mode === 'jammed' || (state.mode === 'recovering' && state.recoveringFrom === 'jamming');
}

/** True while a spoofed receiver still reports high integrity (before it notices the inconsistency). */
export function spoofStillConfident(state: GnssState, t: number): boolean {
  return state.mode === 'spoofed' && t < state.until;
}
