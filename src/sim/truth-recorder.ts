import type { Scenario } from '../schema/scenario.js';
import { type AffectedCraft, TRUTH_SCHEMA_ID, type Truth, type TruthEvent } from '../schema/truth.js';
import { type Emitter, emitterPosition, spoofTarget } from './emitters.js';
import { effectiveReachKm, TRUTH_CRUISE_HEIGHT_M } from './radio.js';

/**
 * Collects, while the simulation runs, which craft each event affected and whether the feed carried any of their
 * reports while they were affected; `build` then writes the ground truth.
 */
export type Effect = AffectedCraft['effect'];

interface CraftRecord {
  domain: 'air' | 'sea';
  effect: Effect;
  from: number;
  to: number;
  observed: boolean;
}

export interface TruthCounts {
  flights: number;
  vessels: number;
  adsbSnapshots: number;
  adsbEntries: number;
  aisSentences: number;
}

const MS_PER_MIN = 60_000;

export class TruthRecorder {
  private readonly affected: Map<string, CraftRecord>[];

  constructor(
    private readonly scenario: Scenario,
    private readonly emitters: readonly Emitter[],
  ) {
    const events = emitters.reduce((n, e) => n + e.windows.length, 0);
    this.affected = Array.from({ length: events }, () => new Map<string, CraftRecord>());
  }

  /** Craft `id` is affected by `event` at time t; `observed` when one of its reports reached the feed then. */
  mark(event: number, id: string, domain: 'air' | 'sea', effect: Effect, t: number, observed: boolean): void {
    const map = this.affected[event]!;
    const r = map.get(id);
    if (r) {
      r.to = t;
      if (observed) r.observed = true;
      return;
    }
    map.set(id, { domain, effect, from: t, to: t, observed });
  }

  build(seed: number, counts: TruthCounts, nuisances: Truth['nuisances']): Truth {
    const startMs = Date.parse(this.scenario.start);
    const endMs = startMs + this.scenario.durationMin * MS_PER_MIN;
    const shipAntennaM = this.scenario.sea?.shipAntennaM ?? 10;
    const events: TruthEvent[] = [];
    for (const e of this.emitters) {
      e.windows.forEach((w, i) => {
        const records = [...this.affected[e.firstEvent + i]!.entries()].sort(
          (a, b) => a[1].from - b[1].from || (a[0] < b[0] ? -1 : 1),
        );
        const craft: AffectedCraft[] = records.map(([id, r]) => ({
          id,
          domain: r.domain,
          effect: r.effect,
          from: iso(r.from),
          to: iso(r.to),
          observed: r.observed,
        }));
        const count = (domain: 'air' | 'sea', observed: boolean): number =>
          craft.filter((c) => c.domain === domain && (!observed || c.observed)).length;
        const reachKm = {
          air: round3(effectiveReachKm(e.reachKm, e.altitudeM, TRUTH_CRUISE_HEIGHT_M)),
          sea: round3(effectiveReachKm(e.reachKm, e.altitudeM, shipAntennaM)),
        };
        const domains = (['air', 'sea'] as const).filter((d) => count(d, false) > 0);
        const start = emitterPosition(e, w.fromMs);
        const event: TruthEvent = {
          id: `${e.id}#${i + 1}`,
          kind: e.kind,
          start: iso(w.fromMs),
          end: iso(Math.min(w.toMs, endMs)),
          emitter: { lat: start.lat, lon: start.lon, altitudeM: e.altitudeM },
          radiusKm: domains.length === 1 && domains[0] === 'sea' ? reachKm.sea : reachKm.air,
          reachKm,
          domains: [...domains],
          affected: {
            aircraft: count('air', false),
            vessels: count('sea', false),
            observedAircraft: count('air', true),
            observedVessels: count('sea', true),
          },
          craft,
        };
        if (e.track) event.track = sampleTrack(e, w.fromMs, Math.min(w.toMs, endMs));
        if (e.spoofer) {
          event.mode = e.spoofer.mode;
          event.spoofTarget = spoofTarget(e.spoofer);
        }
        events.push(event);
      });
    }
    return {
      schema: TRUTH_SCHEMA_ID,
      scenario: this.scenario.name,
      seed,
      start: iso(startMs),
      end: iso(endMs),
      events,
      nuisances,
      counts,
    };
  }
}

function sampleTrack(e: Emitter, fromMs: number, toMs: number): { t: string; lat: number; lon: number }[] {
  const points: { t: string; lat: number; lon: number }[] = [];
  for (let t = fromMs; t <= toMs; t += MS_PER_MIN) {
    const p = emitterPosition(e, t);
    points.push({ t: iso(t), lat: p.lat, lon: p.lon });
  }
  return points;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
