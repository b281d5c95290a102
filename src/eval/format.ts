import type { EvalResult, EventResult } from './evaluate.js';

/**
 * Plain-text tables of evaluation results, as `jamwatch eval` prints them: one result in full, or two results
 * side by side (jamwatch against gpsjam.org's rule on the same feed).
 */

/** Left-aligned columns separated by two spaces; numbers are right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) widths[i] = Math.max(widths[i] ?? 0, row[i]!.length);
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          /^[−-]?[\d.]+( ?[%a-z/]+)?$/.test(cell) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function hhmm(iso: string): string {
  return iso.slice(11, 16);
}

function optional(value: number | undefined, digits: number, unit: string): string {
  return value === undefined ? '–' : `${value.toFixed(digits)} ${unit}`;
}

function percent(x: number): string {
  return `${(100 * x).toFixed(0)} %`;
}

function eventRow(e: EventResult): string[] {
  return [
    e.id,
    e.kind,
    `${hhmm(e.start)}–${hhmm(e.end)}`,
    `${Math.round(e.radiusKm)} km`,
    String(e.observedCraft),
    e.found ? 'found' : 'MISSED',
    e.firstAlertAt ? hhmm(e.firstAlertAt) : '–',
    optional(e.timeToFirstAlertS, 0, 's'),
    optional(e.emitterErrorKm, 1, 'km'),
    e.withinClaimedError === undefined ? '–' : e.withinClaimedError ? 'yes' : 'no',
  ];
}

export function formatEvalResult(r: EvalResult): string {
  const t = r.totals;
  const lines = [
    `${r.label} on ${r.scenario} (${r.hours.toFixed(1)} h of scenario time; match: same kind, time ± ${r.options.timeToleranceMin} min, within radius + ${r.options.distanceMarginKm} km)`,
    '',
    table([
      [
        'event',
        'kind',
        'time (UTC)',
        'radius',
        'craft seen',
        'result',
        'first alert',
        'delay',
        'emitter error',
        'in claimed error',
      ],
      ...r.events.map(eventRow),
    ]),
  ];
  if (r.falseAlerts.length > 0) {
    lines.push(
      '',
      'false alerts',
      table([
        ['alert', 'kind', 'time (UTC)', 'centre', 'why'],
        ...r.falseAlerts.map((f) => [
          f.id,
          f.kind,
          `${hhmm(f.startedAt)}–${f.endedAt ? hhmm(f.endedAt) : 'open'}`,
          `${f.center.lat.toFixed(2)}, ${f.center.lon.toFixed(2)}`,
          f.reason,
        ]),
      ]),
    );
  }
  lines.push(
    '',
    table([
      ['recall', `${t.found}/${t.events}`, t.events === 0 ? '–' : percent(t.recall)],
      [
        'recall (events with craft seen)',
        `${Math.round(t.recallDetectable * t.detectable)}/${t.detectable}`,
        percent(t.recallDetectable),
      ],
      ['alerts', String(t.alerts), `${t.matchedAlerts} matched`],
      ['false alerts', String(t.falseAlerts), `${t.falseAlertsPerHour.toFixed(2)} /h`],
      ['median time to first alert', optional(t.medianTimeToFirstAlertS, 0, 's'), ''],
      ['median emitter error', optional(t.medianEmitterErrorKm, 1, 'km'), ''],
    ]),
  );
  return lines.join('\n');
}

/** Two results on the same truth side by side: totals, then each event found or missed with its delay. */
export function formatComparison(a: EvalResult, b: EvalResult): string {
  const ta = a.totals;
  const tb = b.totals;
  const totals = table([
    ['', a.label, b.label],
    ['recall', `${ta.found}/${ta.events} (${percent(ta.recall)})`, `${tb.found}/${tb.events} (${percent(tb.recall)})`],
    [
      'false alerts',
      `${ta.falseAlerts} (${ta.falseAlertsPerHour.toFixed(2)} /h)`,
      `${tb.falseAlerts} (${tb.falseAlertsPerHour.toFixed(2)} /h)`,
    ],
    [
      'median time to first alert',
      optional(ta.medianTimeToFirstAlertS, 0, 's'),
      optional(tb.medianTimeToFirstAlertS, 0, 's'),
    ],
    ['median emitter error', optional(ta.medianEmitterErrorKm, 1, 'km'), optional(tb.medianEmitterErrorKm, 1, 'km')],
  ]);
  const byId = new Map(b.events.map((e) => [e.id, e]));
  const cell = (e: EventResult | undefined): string =>
    !e ? '–' : e.found ? `found, ${optional(e.timeToFirstAlertS, 0, 's')}` : 'missed';
  const events = table([
    ['event', 'kind', a.label, b.label],
    ...a.events.map((e) => [e.id, e.kind, cell(e), cell(byId.get(e.id))]),
  ]);
  return [`${a.scenario}: ${a.label} against ${b.label}`, '', totals, '', events].join('\n');
}
