import { distanceKm, type LatLon } from '../core/geodesy.js';
import type { TruthEvent } from '../schema/truth.js';
import { type AlertHistory, alertSpanMs } from './alert-history.js';

/**
 * The matching rule of `jamwatch eval` (DESIGN.md): an alert finds an event when it has the same kind, its time
 * overlaps the event's (± 10 min), and its area centre or its emitter lies within the event's radius + 100 km of the
 * emitter (or of the spoof target, for spoofing).
 */
export interface MatchOptions {
  /** Slack on both ends of the event's time, minutes (DESIGN.md: 10). */
  timeToleranceMin: number;
  /** Added to the event's radius, km (DESIGN.md: 100). */
  distanceMarginKm: number;
}

export const DEFAULT_MATCH_OPTIONS: MatchOptions = { timeToleranceMin: 10, distanceMarginKm: 100 };

const MS_PER_MIN = 60_000;

export function sameKind(alert: AlertHistory, event: TruthEvent): boolean {
  return alert.latest.kind === event.kind;
}

export function overlapsInTime(alert: AlertHistory, event: TruthEvent, options: MatchOptions): boolean {
  const span = alertSpanMs(alert);
  const slack = options.timeToleranceMin * MS_PER_MIN;
  return span.from <= Date.parse(event.end) + slack && span.to >= Date.parse(event.start) - slack;
}

/** The places an alert claims: its area centre and, when it has one, its emitter. */
export function alertPoints(alert: AlertHistory): LatLon[] {
  const a = alert.latest;
  return a.emitter ? [a.area.center, { lat: a.emitter.lat, lon: a.emitter.lon }] : [a.area.center];
}

/** The places of an event: the emitter (each point of its track when it moved) and the spoof target. */
export function eventPoints(event: TruthEvent): LatLon[] {
  const points: LatLon[] = [event.emitter, ...(event.track ?? [])];
  if (event.spoofTarget) points.push(event.spoofTarget);
  return points;
}

/** Smallest distance between any place the alert claims and any place of the event, km. */
export function alertDistanceKm(alert: AlertHistory, event: TruthEvent): number {
  let best = Number.POSITIVE_INFINITY;
  for (const p of alertPoints(alert)) {
    for (const q of eventPoints(event)) best = Math.min(best, distanceKm(p.lat, p.lon, q.lat, q.lon));
  }
  return best;
}

export function withinReach(alert: AlertHistory, event: TruthEvent, options: MatchOptions): boolean {
  return alertDistanceKm(alert, event) <= event.radiusKm + options.distanceMarginKm;
}

/** Why an alert does not match an event, or undefined when it does. */
export function mismatch(
  alert: AlertHistory,
  event: TruthEvent,
  options: MatchOptions,
): 'kind' | 'time' | 'distance' | undefined {
  if (!sameKind(alert, event)) return 'kind';
  if (!overlapsInTime(alert, event, options)) return 'time';
  if (!withinReach(alert, event, options)) return 'distance';
  return undefined;
}

/** Distance from an alert's emitter estimate to the true emitter (nearest track point), km; undefined without one. */
export function emitterErrorKm(alert: AlertHistory, event: TruthEvent): number | undefined {
  const e = alert.bestEmitter;
  if (!e) return undefined;
  let best = distanceKm(e.lat, e.lon, event.emitter.lat, event.emitter.lon);
  for (const p of event.track ?? []) best = Math.min(best, distanceKm(e.lat, e.lon, p.lat, p.lon));
  return best;
}
