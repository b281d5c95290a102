import type { Alert } from '../schema/alert.js';

/**
 * An alert's messages (open, updates, resolved) turned into what the map shows over time: each message's area,
 * emitter and severity hold from its `updatedAt` until the next message, the first from `startedAt`, and none past
 * `endedAt`. Times in ms; `to` is exclusive and Infinity while the alert is still open at the end of the run.
 */
export interface AlertState {
  from: number;
  to: number;
  alert: Alert;
}

export interface AlertTrack {
  id: string;
  /** The last message: final area, evidence and status. */
  latest: Alert;
  /** The message with the highest score. */
  peak: Alert;
  /** The last emitter estimate of any message, if the craft ever located one. */
  emitter: Alert['emitter'];
  startedAt: number;
  endedAt: number | undefined;
  states: AlertState[];
}

/** One track per alert id, in order of start. */
export function alertTracks(alerts: readonly Alert[]): AlertTrack[] {
  const byId = new Map<string, Alert[]>();
  for (const alert of alerts) {
    const messages = byId.get(alert.id);
    if (messages === undefined) byId.set(alert.id, [alert]);
    else messages.push(alert);
  }
  const tracks: AlertTrack[] = [];
  for (const [id, messages] of byId) {
    messages.sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
    const latest = messages[messages.length - 1]!;
    const startedAt = Date.parse(latest.startedAt);
    const endedAt = latest.endedAt === undefined ? undefined : Date.parse(latest.endedAt);
    const states: AlertState[] = [];
    for (let k = 0; k < messages.length; k++) {
      const from = k === 0 ? startedAt : Math.max(startedAt, Date.parse(messages[k]!.updatedAt));
      const next = messages[k + 1];
      const to = Math.min(next === undefined ? Infinity : Date.parse(next.updatedAt), endedAt ?? Infinity);
      if (to > from) states.push({ from, to, alert: messages[k]! });
    }
    let peak = messages[0]!;
    let emitter: Alert['emitter'];
    for (const message of messages) {
      if (message.score > peak.score) peak = message;
      if (message.emitter !== undefined) emitter = message.emitter;
    }
    tracks.push({ id, latest, peak, emitter, startedAt, endedAt, states });
  }
  return tracks.sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
}
