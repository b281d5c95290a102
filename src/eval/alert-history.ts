import type { Alert } from '../schema/alert.js';

/**
 * The alerts of a run as the evaluation sees them: a consumer of `jamwatch.alerts` keeps the latest message per id
 * (the current state of the event), while the time to first alert needs the first message of each id.
 */
export interface AlertHistory {
  readonly id: string;
  readonly first: Alert;
  readonly latest: Alert;
  readonly messages: number;
  /**
   * Of all its messages' emitter estimates, the one that claimed the smallest error: what a user would act on (the
   * estimate is refitted as craft come and go, and the best-constrained fit says so through its error radius).
   */
  readonly bestEmitter?: NonNullable<Alert['emitter']>;
}

/** Groups alert messages (in the order they were emitted) by id, in order of first appearance. */
export function collectAlerts(messages: Iterable<Alert>): AlertHistory[] {
  const byId = new Map<string, { first: Alert; latest: Alert; messages: number; bestEmitter?: Alert['emitter'] }>();
  for (const m of messages) {
    let h = byId.get(m.id);
    if (h) {
      h.latest = m;
      h.messages++;
    } else {
      h = { first: m, latest: m, messages: 1 };
      byId.set(m.id, h);
    }
    if (m.emitter && (h.bestEmitter === undefined || m.emitter.errorKm < h.bestEmitter.errorKm))
      h.bestEmitter = m.emitter;
  }
  return [...byId].map(([id, h]) => ({ id, ...h }));
}

/** When the alert was first published: the `updatedAt` of its first message, epoch ms. */
export function firstPublishedMs(h: AlertHistory): number {
  return Date.parse(h.first.updatedAt);
}

/** The time span the alert claims, epoch ms: from its start to its end (or last update while still open). */
export function alertSpanMs(h: AlertHistory): { from: number; to: number } {
  const from = Math.min(Date.parse(h.first.startedAt), Date.parse(h.latest.startedAt));
  const end = h.latest.endedAt ?? h.latest.updatedAt;
  return { from, to: Math.max(from, Date.parse(end)) };
}
