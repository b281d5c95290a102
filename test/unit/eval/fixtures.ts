import { ALERT_SCHEMA_ID, type Alert } from '../../../src/schema/alert.js';
import { TRUTH_SCHEMA_ID, type Truth, type TruthEvent } from '../../../src/schema/truth.js';

export const T0 = Date.parse('2026-01-10T16:00:00Z');
export const iso = (min: number): string => new Date(T0 + min * 60_000).toISOString();

export function jammingEvent(overrides: Partial<TruthEvent> = {}): TruthEvent {
  return {
    id: 'kaliningrad#1',
    kind: 'jamming',
    start: iso(20),
    end: iso(110),
    emitter: { lat: 54.65, lon: 19.9, altitudeM: 30 },
    radiusKm: 300,
    reachKm: { air: 300, sea: 35.6 },
    domains: ['air', 'sea'],
    affected: { aircraft: 40, vessels: 3, observedAircraft: 38, observedVessels: 2 },
    craft: [],
    ...overrides,
  };
}

export function spoofingEvent(overrides: Partial<TruthEvent> = {}): TruthEvent {
  return jammingEvent({
    id: 'levant#1',
    kind: 'spoofing',
    emitter: { lat: 32.95, lon: 35.25, altitudeM: 250 },
    radiusKm: 260,
    mode: 'point',
    spoofTarget: { lat: 33.82, lon: 35.49 },
    ...overrides,
  });
}

export function truth(events: TruthEvent[], hours = 3): Truth {
  return {
    schema: TRUTH_SCHEMA_ID,
    scenario: 'test',
    seed: 1,
    start: iso(0),
    end: iso(hours * 60),
    events,
    nuisances: { chronicBad: [], version0: [], mlat: [], degradedOnEntry: [] },
    counts: { flights: 0, vessels: 0, adsbSnapshots: 0, adsbEntries: 0, aisSentences: 0 },
  };
}

/** An alert message; `at` is the minute of the message (updatedAt), `from` the minute it says the event started. */
export function alert(
  id: string,
  kind: Alert['kind'],
  lat: number,
  lon: number,
  at: number,
  options: {
    from?: number;
    ended?: number;
    status?: Alert['status'];
    emitter?: { lat: number; lon: number; errorKm: number };
  } = {},
): Alert {
  const a: Alert = {
    schema: ALERT_SCHEMA_ID,
    id,
    kind,
    status: options.status ?? (options.ended === undefined ? 'open' : 'resolved'),
    severity: 'medium',
    score: 5,
    startedAt: iso(options.from ?? at),
    updatedAt: iso(at),
    area: { cells: ['841f05bffffffff'], resolution: 4, center: { lat, lon }, radiusKm: 80 },
    affected: { aircraft: 5, vessels: 0 },
    observed: { aircraft: 9, vessels: 0 },
    evidence: [],
  };
  if (options.ended !== undefined) a.endedAt = iso(options.ended);
  if (options.emitter) a.emitter = options.emitter;
  return a;
}
