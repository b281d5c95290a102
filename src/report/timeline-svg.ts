import type { AlertTrack } from './alert-tracks.js';
import { escapeHtml } from './page-text.js';

/**
 * The strip above the time slider: one bar per evaluation tick, as tall as the number of anomalous cells then and
 * coloured by the highest level among them, over a faint backdrop of the number of cells with craft (each on its
 * own scale), and below the bars one span per alert. One unit across is one tick,
 * so it lines up with the slider's steps; the page script moves the `#cursor` line and turns clicks into ticks.
 */
export interface TickActivity {
  /** Cells with craft per tick. */
  covered: number[];
  /** Anomalous cells per tick. */
  count: number[];
  /** Highest level per tick, 0 when none. */
  level: number[];
}

const BAR_BASE = 30;
const BAR_MAX = 28;
const SPAN_TOP = 33;
const SPAN_BAND = 12;
/** Alerts that overlap in time go to separate lanes, up to this many; more share the last. */
const MAX_LANES = 4;

export function renderTimeline(
  ticks: readonly number[],
  activity: TickActivity,
  tracks: readonly AlertTrack[],
): string {
  const n = Math.max(ticks.length, 1);
  const peak = Math.max(1, ...activity.count);
  const backdrop = stepArea(activity.covered);
  const bars = ['', '', '', ''];
  for (let i = 0; i < activity.count.length; i++) {
    const count = activity.count[i]!;
    if (count === 0) continue;
    const level = activity.level[i]!;
    bars[level] += `M${i + 0.5} ${BAR_BASE}v-${round1(Math.max(2, (count / peak) * BAR_MAX))}`;
  }
  const spans = laneSpans(ticks, tracks);
  const lanes = Math.max(1, ...spans.map((s) => s.lane + 1));
  const laneHeight = SPAN_BAND / lanes;
  return [
    `<svg id="timeline" viewBox="0 0 ${n} 46" preserveAspectRatio="none" aria-label="anomalous cells and alerts over time">`,
    `<rect class="tl-bg" width="${n}" height="46"/>`,
    `<path class="tl-craft" d="${backdrop}"><title>cells with craft</title></path>`,
    ...bars.map((d, level) => (d === '' ? '' : `<path class="tl-bar l${level}" d="${d}"/>`)),
    ...spans.map(
      (s) =>
        `<rect class="tl-span ${s.track.latest.kind}" data-alert="${escapeHtml(s.track.id)}" x="${s.first}" width="${s.last - s.first + 1}" y="${round1(SPAN_TOP + s.lane * laneHeight)}" height="${round1(laneHeight * 0.8)}"/>`,
    ),
    `<line id="cursor" x1="0.5" x2="0.5" y1="0" y2="46"/>`,
    '</svg>',
  ].join('');
}

/**
 * An area under a step line, one step per tick, heights in whole units (BAR_MAX levels are plenty for a 46 px
 * strip): a path segment only where the height changes, so a steady run of hours is a few bytes.
 */
function stepArea(values: readonly number[]): string {
  const peak = Math.max(1, ...values);
  let d = `M0 ${BAR_BASE}`;
  let y = BAR_BASE;
  for (let i = 0; i < values.length; i++) {
    const next = BAR_BASE - Math.round((values[i]! / peak) * BAR_MAX);
    if (next === y) continue;
    d += `H${i}V${next}`;
    y = next;
  }
  return `${d}H${values.length}V${BAR_BASE}Z`;
}

interface Span {
  track: AlertTrack;
  first: number;
  last: number;
  lane: number;
}

/** Each alert's ticks as [first, last] indexes, on the first lane free at its start. */
function laneSpans(ticks: readonly number[], tracks: readonly AlertTrack[]): Span[] {
  const laneEnds: number[] = [];
  const spans: Span[] = [];
  for (const track of tracks) {
    const first = firstAtOrAfter(ticks, track.startedAt);
    const last = firstAtOrAfter(ticks, track.endedAt ?? Infinity) - 1;
    if (last < first) continue;
    let lane = laneEnds.findIndex((end) => end < first);
    if (lane < 0) lane = Math.min(laneEnds.length, MAX_LANES - 1);
    laneEnds[lane] = Math.max(laneEnds[lane] ?? -1, last);
    spans.push({ track, first, last, lane });
  }
  return spans;
}

/** Index of the first tick ≥ t (ticks ascending); ticks.length if none. */
export function firstAtOrAfter(ticks: readonly number[], t: number): number {
  let lo = 0;
  let hi = ticks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ticks[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
