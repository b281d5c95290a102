import type { AlertTrack } from './alert-tracks.js';
import { duration, escapeHtml, figure, utcTime } from './page-text.js';

/**
 * The table of alerts beside the map: one row (`tr[data-alert]`) per alert, with its time span, craft counts, peak
 * severity and score, emitter estimate and the evidence of its last message. Clicking a row is handled by the
 * page script (it highlights the alert and moves the slider into it).
 */
export function renderAlertTable(tracks: readonly AlertTrack[]): string {
  if (tracks.length === 0) return '<p class="empty">No alerts in this run.</p>';
  return [
    '<table id="alert-table"><thead><tr><th>alert</th><th>when (UTC)</th><th>craft affected / seen</th><th>evidence</th></tr></thead><tbody>',
    ...tracks.map(alertRow),
    '</tbody></table>',
  ].join('');
}

function alertRow(track: AlertTrack): string {
  const a = track.latest;
  const peak = track.peak;
  const start = utcTime(track.startedAt);
  const end = track.endedAt === undefined ? 'still open' : utcTime(track.endedAt);
  const lasted = track.endedAt === undefined ? '' : ` · ${duration(track.endedAt - track.startedAt)}`;
  // Times on the first line, the date below; the end's date only when it differs from the start's.
  const endText = end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end;
  const when = `${start.slice(11)} → ${endText}<br><small class="muted">${start.slice(0, 10)}${lasted}</small>`;
  const name = a.area.name === undefined ? '' : `<div>${escapeHtml(a.area.name)}</div>`;
  const emitter =
    track.emitter === undefined
      ? '<div class="muted">emitter not located</div>'
      : `<div>emitter ${track.emitter.lat.toFixed(2)}, ${track.emitter.lon.toFixed(2)} ± ${Math.round(track.emitter.errorKm)} km</div>`;
  const evidence = a.evidence
    .map((e) => `<li title="${escapeHtml(e.code)}">${escapeHtml(e.text)} <b>${figure(e.value)}</b></li>`)
    .join('');
  return [
    `<tr data-alert="${escapeHtml(track.id)}" tabindex="0">`,
    `<td><span class="tag ${a.kind}">${a.kind}</span> <span class="sev sev-${peak.severity}">${peak.severity}</span>`,
    `<div class="id">${escapeHtml(track.id)}</div>${name}<div>peak score ${peak.score.toFixed(1)}</div>${emitter}</td>`,
    `<td class="when">${when}</td>`,
    `<td>${a.affected.aircraft}/${a.observed.aircraft} aircraft<br>${a.affected.vessels}/${a.observed.vessels} vessels</td>`,
    `<td><ul class="evidence">${evidence}</ul></td>`,
    '</tr>',
  ].join('');
}
