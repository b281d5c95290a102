import { type LatLon, offsetKm } from '../core/geodesy.js';
import type { Jammer, Scenario, Spoofer } from '../schema/scenario.js';
import { reachFromPowerKm } from './radio.js';

/** A jammer or spoofer with its times in epoch ms, ready for the simulation loop. */
export interface Emitter {
  /** Position in the scenario's list of emitters (spoofers first, then jammers). */
  readonly index: number;
  readonly id: string;
  readonly kind: 'jamming' | 'spoofing';
  readonly lat: number;
  readonly lon: number;
  readonly altitudeM: number;
  /** Nominal reach for a receiver at cruise altitude, km. */
  readonly reachKm: number;
  readonly windows: readonly { readonly fromMs: number; readonly toMs: number }[];
  /** Moving emitter: positions (epoch ms) in time order. */
  readonly track: readonly { readonly t: number; readonly lat: number; readonly lon: number }[] | undefined;
  /** Truth event index of window 0; window w is event `firstEvent + w`. */
  readonly firstEvent: number;
  readonly jammer: Jammer | undefined;
  readonly spoofer: Spoofer | undefined;
}

const MS_PER_MIN = 60_000;

export function compileEmitters(scenario: Scenario): Emitter[] {
  const startMs = Date.parse(scenario.start);
  const emitters: Emitter[] = [];
  let firstEvent = 0;
  const add = (e: Jammer | Spoofer, kind: 'jamming' | 'spoofing'): void => {
    emitters.push({
      index: emitters.length,
      id: e.id,
      kind,
      lat: e.lat,
      lon: e.lon,
      altitudeM: e.altitudeM,
      reachKm: e.reachKm ?? reachFromPowerKm(e.powerW ?? 0),
      windows: e.on.map((w) => ({ fromMs: startMs + w.fromMin * MS_PER_MIN, toMs: startMs + w.toMin * MS_PER_MIN })),
      track: e.track?.map((p) => ({ t: startMs + p.atMin * MS_PER_MIN, lat: p.lat, lon: p.lon })),
      firstEvent,
      jammer: kind === 'jamming' ? (e as Jammer) : undefined,
      spoofer: kind === 'spoofing' ? (e as Spoofer) : undefined,
    });
    firstEvent += e.on.length;
  };
  for (const s of scenario.spoofers) add(s, 'spoofing');
  for (const j of scenario.jammers) add(j, 'jamming');
  return emitters;
}

/** Index of the on-window that contains t, or −1 when the emitter is off. */
export function activeWindow(emitter: Emitter, t: number): number {
  const windows = emitter.windows;
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i]!;
    if (t >= w.fromMs && t < w.toMs) return i;
  }
  return -1;
}

/** Where the emitter is at time t: its fixed position, or its track interpolated linearly (held at the ends). */
export function emitterPosition(emitter: Emitter, t: number): LatLon {
  const track = emitter.track;
  if (!track || track.length === 0) return { lat: emitter.lat, lon: emitter.lon };
  const first = track[0]!;
  if (t <= first.t) return { lat: first.lat, lon: first.lon };
  for (let i = 1; i < track.length; i++) {
    const b = track[i]!;
    if (t <= b.t) {
      const a = track[i - 1]!;
      const f = b.t === a.t ? 1 : (t - a.t) / (b.t - a.t);
      return { lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f };
    }
  }
  const last = track[track.length - 1]!;
  return { lat: last.lat, lon: last.lon };
}

/** Where spoofed craft appear to be: the target (point, circle) or the emitter shifted by the offset. */
export function spoofTarget(spoofer: Spoofer): LatLon {
  if (spoofer.mode === 'offset') {
    const o = spoofer.offsetKm!;
    return offsetKm(spoofer.lat, spoofer.lon, o.east, o.north);
  }
  return { lat: spoofer.target!.lat, lon: spoofer.target!.lon };
}

/** An emitter that is on during the current tick, with its position then. */
export interface ActiveEmitter {
  readonly emitter: Emitter;
  readonly event: number;
  readonly lat: number;
  readonly lon: number;
}

/** The emitters that are on at time t, spoofers first (a spoofer's signal captures a receiver before a jammer's). */
export function activeEmitters(emitters: readonly Emitter[], t: number): ActiveEmitter[] {
  const active: ActiveEmitter[] = [];
  for (const emitter of emitters) {
    const w = activeWindow(emitter, t);
    if (w < 0) continue;
    const p = emitterPosition(emitter, t);
    active.push({ emitter, event: emitter.firstEvent + w, lat: p.lat, lon: p.lon });
  }
  return active;
}
