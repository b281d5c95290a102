import { median } from 'simple-statistics';
import type { Alert } from '../schema/alert.js';
import type { Truth, TruthEvent } from '../schema/truth.js';
import { type AlertHistory, collectAlerts, firstPublishedMs } from './alert-history.js';
import { alertDistanceKm, DEFAULT_MATCH_OPTIONS, emitterErrorKm, type MatchOptions, mismatch } from './match.js';

/**
 * Scores a run's alerts against the ground truth: per event found or missed, the time from onset to the first
 * alert and the emitter error; in total the recall, false alerts per hour of scenario time, and the medians.
 */
export interface EventResult {
  id: string;
  kind: TruthEvent['kind'];
  start: string;
  end: string;
  radiusKm: number;
  /** Affected craft whose reports reached the feed: an event with none cannot be seen. */
  observedCraft: number;
  found: boolean;
  /** Ids of the alerts that match it, in order of first publication. */
  alerts: string[];
  firstAlertAt?: string;
  /** From the onset to the first message of the first matching alert, s (0 when the alert was already open). */
  timeToFirstAlertS?: number;
  /** Distance to the true emitter from the matching alerts' most confident estimate (alert-history.ts), km. */
  emitterErrorKm?: number;
  /** The error that alert claimed, km, and whether the true emitter lies within it. */
  claimedErrorKm?: number;
  withinClaimedError?: boolean;
}

export interface FalseAlert {
  id: string;
  kind: Alert['kind'];
  startedAt: string;
  endedAt?: string;
  center: { lat: number; lon: number };
  radiusKm: number;
  /** The nearest event of any kind and why it does not match, for diagnosis. */
  reason: string;
}

export interface EvalTotals {
  events: number;
  found: number;
  recall: number;
  /** Events with at least one observed affected craft, and the recall over those. */
  detectable: number;
  recallDetectable: number;
  alerts: number;
  matchedAlerts: number;
  falseAlerts: number;
  falseAlertsPerHour: number;
  medianTimeToFirstAlertS?: number;
  medianEmitterErrorKm?: number;
}

export interface EvalResult {
  scenario: string;
  /** Who produced the alerts (for side-by-side tables): "jamwatch", "gpsjam rule"… */
  label: string;
  hours: number;
  options: MatchOptions;
  events: EventResult[];
  falseAlerts: FalseAlert[];
  totals: EvalTotals;
}

export interface EvaluateOptions extends Partial<MatchOptions> {
  label?: string;
}

const MS_PER_HOUR = 3_600_000;

/**
 * `alerts` are the alert messages in publication order. With only the latest message per id the matching is the
 * same, but the time to first alert then comes out late: it needs the first message of each id.
 */
export function evaluate(truth: Truth, alerts: Iterable<Alert>, options: EvaluateOptions = {}): EvalResult {
  const match: MatchOptions = {
    timeToleranceMin: options.timeToleranceMin ?? DEFAULT_MATCH_OPTIONS.timeToleranceMin,
    distanceMarginKm: options.distanceMarginKm ?? DEFAULT_MATCH_OPTIONS.distanceMarginKm,
  };
  const histories = collectAlerts(alerts).sort((a, b) => firstPublishedMs(a) - firstPublishedMs(b));
  const matched = new Set<string>();
  const events = truth.events.map((event) => {
    const hits = histories.filter((h) => mismatch(h, event, match) === undefined);
    for (const h of hits) matched.add(h.id);
    return eventResult(event, hits);
  });
  const falseAlerts = histories.filter((h) => !matched.has(h.id)).map((h) => falseAlert(h, truth.events, match));
  const hours = (Date.parse(truth.end) - Date.parse(truth.start)) / MS_PER_HOUR;
  const found = events.filter((e) => e.found).length;
  const detectable = events.filter((e) => e.observedCraft > 0);
  const delays = events.flatMap((e) => (e.timeToFirstAlertS === undefined ? [] : [e.timeToFirstAlertS]));
  const errors = events.flatMap((e) => (e.emitterErrorKm === undefined ? [] : [e.emitterErrorKm]));
  const totals: EvalTotals = {
    events: events.length,
    found,
    recall: events.length === 0 ? 1 : found / events.length,
    detectable: detectable.length,
    recallDetectable: detectable.length === 0 ? 1 : detectable.filter((e) => e.found).length / detectable.length,
    alerts: histories.length,
    matchedAlerts: matched.size,
    falseAlerts: falseAlerts.length,
    falseAlertsPerHour: hours > 0 ? falseAlerts.length / hours : 0,
  };
  if (delays.length > 0) totals.medianTimeToFirstAlertS = median(delays);
  if (errors.length > 0) totals.medianEmitterErrorKm = median(errors);
  return {
    scenario: truth.scenario,
    label: options.label ?? 'jamwatch',
    hours,
    options: match,
    events,
    falseAlerts,
    totals,
  };
}

function eventResult(event: TruthEvent, hits: AlertHistory[]): EventResult {
  const result: EventResult = {
    id: event.id,
    kind: event.kind,
    start: event.start,
    end: event.end,
    radiusKm: event.radiusKm,
    observedCraft: event.affected.observedAircraft + event.affected.observedVessels,
    found: hits.length > 0,
    alerts: hits.map((h) => h.id),
  };
  const first = hits[0];
  if (first) {
    const at = firstPublishedMs(first);
    result.firstAlertAt = new Date(at).toISOString();
    result.timeToFirstAlertS = Math.max(0, (at - Date.parse(event.start)) / 1000);
  }
  let located: AlertHistory | undefined;
  for (const h of hits) {
    if (h.bestEmitter && (!located || h.bestEmitter.errorKm < located.bestEmitter!.errorKm)) located = h;
  }
  if (located) {
    const error = emitterErrorKm(located, event)!;
    result.emitterErrorKm = error;
    result.claimedErrorKm = located.bestEmitter!.errorKm;
    result.withinClaimedError = error <= located.bestEmitter!.errorKm;
  }
  return result;
}

function falseAlert(h: AlertHistory, events: readonly TruthEvent[], match: MatchOptions): FalseAlert {
  const a = h.latest;
  const result: FalseAlert = {
    id: h.id,
    kind: a.kind,
    startedAt: a.startedAt,
    center: a.area.center,
    radiusKm: a.area.radiusKm,
    reason: 'no event in the ground truth',
  };
  if (a.endedAt) result.endedAt = a.endedAt;
  let nearest: TruthEvent | undefined;
  let nearestKm = Number.POSITIVE_INFINITY;
  for (const e of events) {
    const km = alertDistanceKm(h, e);
    if (km < nearestKm) {
      nearest = e;
      nearestKm = km;
    }
  }
  if (nearest) {
    const why = mismatch(h, nearest, match);
    const limit = nearest.radiusKm + match.distanceMarginKm;
    const text =
      why === 'kind'
        ? `kind ${a.kind}, event is ${nearest.kind}`
        : why === 'time'
          ? `outside the event's time ± ${match.timeToleranceMin} min`
          : `${Math.round(nearestKm)} km away, limit ${Math.round(limit)} km`;
    result.reason = `nearest event ${nearest.id}: ${text}`;
  }
  return result;
}
