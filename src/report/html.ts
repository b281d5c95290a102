import type { Ring } from '../core/land/topojson.js';
import type { Alert } from '../schema/alert.js';
import type { CellRow } from '../schema/cell.js';
import { renderAlertTable } from './alert-table.js';
import { alertTracks } from './alert-tracks.js';
import type { CellCoverage } from './cell-coverage.js';
import { renderMap } from './map-svg.js';
import { boundsAround, circleExtremes, type LatLon, MapView } from './map-view.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './page-assets.js';
import { duration, escapeHtml, utcTime } from './page-text.js';
import { renderTimeline, type TickActivity } from './timeline-svg.js';

/**
 * `report.html`: one self-contained page (no network at view time) with a map of the run — Natural Earth
 * coastlines, every cell that was observed coloured by its level at the time the slider points to, the alerts
 * active then with their area, emitter and error radius — a timeline of anomalous cells and alerts above the
 * slider, and a table of the alerts with their evidence. Map, timeline and table are static HTML/SVG; the embedded
 * JSON holds only what changes with time, and a small inline script switches what is shown.
 */
export interface ReportInput {
  title: string;
  alerts: Alert[];
  /** Every cell that had craft in it during the run, with its centre. */
  observedCells: Map<string, { lat: number; lon: number }>;
  /** The fused (`src: 'all'`) rows of anomalous cells (level ≥ 1). */
  anomalousRows: CellRow[];
  land: Ring[];
  summary: Record<string, string | number>;
  /**
   * Which cells had craft at each tick. Without it the slider steps through the ticks that had anomalous cells
   * only, and every observed cell counts as having craft at all times.
   */
  coverage?: CellCoverage;
}

/** Data the page script reads; cells and ticks are indexes into the map's cells and `ticks`. */
interface PageData {
  /** Time of the first tick, ms. */
  t0: number;
  /** Tick times, s after t0. */
  ticks: number[];
  /** Per cell, flat [first, last] tick-index runs with craft; null without coverage. */
  runs: Array<readonly number[]> | null;
  /** [tick, cell, level, degraded craft, craft]. */
  anomalous: Array<[number, number, number, number, number]>;
}

export function renderReport(input: ReportInput): string {
  const tracks = alertTracks(input.alerts);
  const cells = [...input.observedCells.keys()];
  const cellIndex = new Map(cells.map((cell, i) => [cell, i]));
  const ticks = input.coverage?.ticks ?? [...new Set(input.anomalousRows.map((r) => r.t))].sort((a, b) => a - b);
  const tickIndex = new Map(ticks.map((t, i) => [t, i]));
  const t0 = ticks[0] ?? 0;
  const activity: TickActivity = {
    covered: coveredPerTick(ticks.length, cells, input.coverage),
    count: ticks.map(() => 0),
    level: ticks.map(() => 0),
  };
  const data: PageData = {
    t0,
    ticks: ticks.map((t) => (t - t0) / 1000),
    runs: input.coverage === undefined ? null : cells.map((cell) => input.coverage!.runsOf(cell)),
    anomalous: [],
  };
  for (const row of input.anomalousRows) {
    const tick = tickIndex.get(row.t);
    const cell = cellIndex.get(row.cell);
    if (tick === undefined || cell === undefined) continue;
    data.anomalous.push([tick, cell, row.level, row.degraded, row.craft]);
    activity.count[tick]!++;
    activity.level[tick] = Math.max(activity.level[tick]!, row.level);
  }

  const view = new MapView(boundsAround(placesOf(input.observedCells.values(), tracks)));
  const map = renderMap(view, { cells, land: input.land, tracks });
  const span =
    ticks.length === 0
      ? 'no cells observed'
      : `${utcTime(t0)} → ${utcTime(ticks[ticks.length - 1]!)} UTC · ${duration(ticks[ticks.length - 1]! - t0)}`;
  const summary = Object.entries(input.summary)
    .map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(String(v))}</dd></div>`)
    .join('');
  const title = escapeHtml(input.title);
  // `<` escaped so that no string in the data can close the script element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${PAGE_STYLE}</style></head><body>
<header><div><h1>${title}</h1><div class="span">${span}</div></div><dl class="summary">${summary}</dl></header>
<main><section id="stage"><div id="mapbox">${map}${LEGEND}</div>
<div id="controls"><div class="row"><button id="play" type="button" title="play">▶</button><label for="slider" id="time"></label><span id="counts"></span></div>
<div class="track">${renderTimeline(ticks, activity, tracks)}<input id="slider" type="range" min="0" max="0" value="0" step="1" aria-label="time"></div>
<div class="axis"><span>${ticks.length === 0 ? '' : utcTime(t0)}</span><span>${ticks.length === 0 ? '' : utcTime(ticks[ticks.length - 1]!)}</span></div></div></section>
<section id="side"><h2>Alerts</h2>${renderAlertTable(tracks)}</section></main>
<script id="report-data" type="application/json">${json}</script>
<script>${PAGE_SCRIPT}</script></body></html>
`;
}

const LEGEND = `<div class="legend"><b>cells, at the slider's time</b><ul>
<li><span class="sw absent"></span>no craft</li><li><span class="sw none"></span>none</li>
<li><span class="sw low"></span>low</li><li><span class="sw medium"></span>medium</li><li><span class="sw high"></span>high</li></ul>
<b>alerts</b><ul><li><span class="sw ring"></span>jamming area</li><li><span class="sw ring spoofing"></span>spoofing area</li>
<li><span class="sw dot"></span>emitter</li><li><span class="sw err"></span>its error radius</li><li><span class="sw cross">×</span>spoofed position</li></ul></div>`;

/** Cells with craft at each tick, from the coverage runs (a difference array: +1 at a run's start, −1 after it). */
function coveredPerTick(n: number, cells: readonly string[], coverage: CellCoverage | undefined): number[] {
  if (coverage === undefined) return new Array<number>(n).fill(cells.length);
  const delta = new Array<number>(n + 1).fill(0);
  for (const cell of cells) {
    const runs = coverage.runsOf(cell);
    for (let k = 0; k < runs.length; k += 2) {
      delta[runs[k]!]!++;
      delta[runs[k + 1]! + 1]!--;
    }
  }
  const covered: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += delta[i]!;
    covered.push(sum);
  }
  return covered;
}

/** Everything the map must show: cell centres, the full extent of alert circles, emitters and spoofed positions. */
function* placesOf(centres: Iterable<LatLon>, tracks: ReturnType<typeof alertTracks>): Generator<LatLon> {
  yield* centres;
  for (const track of tracks) {
    for (const { alert } of track.states) {
      yield* circleExtremes(alert.area.center, alert.area.radiusKm);
      // The emitter but not its error circle, which can be far wider than the run and would shrink the rest.
      if (alert.emitter !== undefined) yield alert.emitter;
      if (alert.spoofTarget !== undefined) yield alert.spoofTarget;
    }
  }
}
