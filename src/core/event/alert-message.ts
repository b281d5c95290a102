import { ALERT_SCHEMA_ID, type Alert } from '../../schema/alert.js';
import { SCORE_CAP } from '../region/score.js';

/**
 * Alert messages (`jamwatch.alert/1`): ids, times and rounding. Times are ISO 8601 UTC from stream time (a Date built
 * from a data timestamp, never the clock). Positions are rounded to 1e-4° (~10 m), distances to 0.1 km, scores to
 * 0.01: finer digits are noise next to the error radius, and stable digits keep replays byte-identical.
 */
export type AlertKind = Alert['kind'];
export type AlertStatus = Alert['status'];
export type Severity = Alert['severity'];

const SEVERITIES: readonly Severity[] = ['low', 'low', 'medium', 'high'];

export function severityOf(level: number): Severity {
  return SEVERITIES[Math.min(3, Math.max(1, level))]!;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** `jam-<first cell>-<start, compact UTC>` or `spoof-…`: stable for the life of one event, readable in a log. */
export function alertId(kind: AlertKind, firstCell: string, startedAt: number): string {
  const compact = isoTime(startedAt)
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${kind === 'jamming' ? 'jam' : 'spoof'}-${firstCell}-${compact}`;
}

export function roundDegrees(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export function roundKm(value: number): number {
  return Math.round(value * 10) / 10;
}

export function alertScore(score: number): number {
  return Math.min(SCORE_CAP, Math.round(score * 100) / 100);
}

export interface AlertContent {
  id: string;
  kind: AlertKind;
  status: AlertStatus;
  severity: number;
  score: number;
  startedAt: number;
  updatedAt: number;
  endedAt: number | undefined;
  area: Alert['area'];
  emitter: { lat: number; lon: number; errorKm: number } | undefined;
  spoofTarget: { lat: number; lon: number } | undefined;
  affected: Alert['affected'];
  observed: Alert['observed'];
  evidence: Alert['evidence'];
}

export function alertMessage(c: AlertContent): Alert {
  const alert: Alert = {
    schema: ALERT_SCHEMA_ID,
    id: c.id,
    kind: c.kind,
    status: c.status,
    severity: severityOf(c.severity),
    score: alertScore(c.score),
    startedAt: isoTime(c.startedAt),
    updatedAt: isoTime(c.updatedAt),
    area: c.area,
    affected: { ...c.affected },
    observed: { ...c.observed },
    evidence: c.evidence.map((e) => ({ ...e })),
  };
  if (c.endedAt !== undefined) alert.endedAt = isoTime(c.endedAt);
  if (c.emitter) {
    alert.emitter = {
      lat: roundDegrees(c.emitter.lat),
      lon: roundDegrees(c.emitter.lon),
      errorKm: roundKm(c.emitter.errorKm),
    };
  }
  if (c.spoofTarget) alert.spoofTarget = { lat: roundDegrees(c.spoofTarget.lat), lon: roundDegrees(c.spoofTarget.lon) };
  return alert;
}
