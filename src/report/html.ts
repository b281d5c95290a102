import type { Ring } from '../core/land/topojson.js';
import type { Alert } from '../schema/alert.js';
import type { CellRow } from '../schema/cell.js';

/**
 * `report.html`: one self-contained page (no network at view time) with a map of the run — coastlines, the cells
 * that were observed, the anomalous cells coloured by level at the time the slider points to, the alerts with their
 * area and emitter circles — and a table of the alerts with their evidence. The data are embedded as compact JSON
 * and drawn by a small script into SVG.
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
}

interface Bounds {
  south: number;
  north: number;
  west: number;
  east: number;
}

const MARGIN_DEG = 2;

export function renderReport(input: ReportInput): string {
  const centres = [...input.observedCells.values()];
  const bounds = boundsOf(centres, input.alerts);
  const cellIndex = new Map<string, number>();
  const cells: Array<[number, number]> = [];
  for (const [cell, centre] of input.observedCells) {
    cellIndex.set(cell, cells.length);
    cells.push([round(centre.lat), round(centre.lon)]);
  }
  const ticks = [...new Set(input.anomalousRows.map((r) => r.t))].sort((a, b) => a - b);
  const tickIndex = new Map(ticks.map((t, i) => [t, i]));
  const anomalous = input.anomalousRows
    .filter((row) => cellIndex.has(row.cell))
    .map((row) => [tickIndex.get(row.t)!, cellIndex.get(row.cell)!, row.level, row.degraded, row.craft]);
  const latest = new Map<string, Alert>();
  for (const alert of input.alerts) latest.set(alert.id, alert);
  const data = {
    bounds,
    cells,
    ticks,
    anomalous,
    land: clipRings(input.land, bounds).map((ring) => Array.from(ring, round)),
    alerts: [...latest.values()].map((a) => ({
      id: a.id,
      kind: a.kind,
      severity: a.severity,
      score: a.score,
      startedAt: a.startedAt,
      endedAt: a.endedAt ?? null,
      center: a.area.center,
      radiusKm: a.area.radiusKm,
      emitter: a.emitter ?? null,
      affected: a.affected,
      observed: a.observed,
      evidence: a.evidence,
    })),
  };
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const summary = Object.entries(input.summary)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(String(v))}</dd>`)
    .join('');
  return PAGE.replace('__TITLE__', escapeHtml(input.title)).replace('__SUMMARY__', summary).replace('__DATA__', json);
}

function boundsOf(centres: Array<{ lat: number; lon: number }>, alerts: Alert[]): Bounds {
  const lats = [...centres.map((c) => c.lat), ...alerts.map((a) => a.area.center.lat)];
  const lons = [...centres.map((c) => c.lon), ...alerts.map((a) => a.area.center.lon)];
  if (lats.length === 0) return { south: -60, north: 75, west: -180, east: 180 };
  return {
    south: Math.max(-85, Math.min(...lats) - MARGIN_DEG),
    north: Math.min(85, Math.max(...lats) + MARGIN_DEG),
    west: Math.max(-180, Math.min(...lons) - MARGIN_DEG),
    east: Math.min(180, Math.max(...lons) + MARGIN_DEG),
  };
}

/** Keeps the rings whose bounding box meets the view (the browser clips the rest of each ring). */
function clipRings(rings: Ring[], b: Bounds): Ring[] {
  return rings.filter((ring) => {
    let south = 90;
    let north = -90;
    let west = 180;
    let east = -180;
    for (let i = 0; i < ring.length; i += 2) {
      const lon = ring[i]!;
      const lat = ring[i + 1]!;
      if (lat < south) south = lat;
      if (lat > north) north = lat;
      if (lon < west) west = lon;
      if (lon > east) east = lon;
    }
    return north >= b.south && south <= b.north && east >= b.west && west <= b.east;
  });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>__TITLE__</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px system-ui,sans-serif;margin:0;background:#0f1720;color:#e5e7eb}
header{padding:12px 20px;border-bottom:1px solid #263241}h1{font-size:18px;margin:0 0 6px}
dl{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0}dt{color:#9ca3af}dd{margin:0 8px 0 -12px}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(320px,2fr);gap:0}
#map{width:100%;height:calc(100vh - 140px);background:#14324a}
.land{fill:#2b3a2e;stroke:#4b5d4e;stroke-width:.5}
.observed{fill:#9ca3af;opacity:.25}
.l1{fill:#facc15}.l2{fill:#fb923c}.l3{fill:#ef4444}
.area{fill:none;stroke-width:1.5;stroke-dasharray:4 3}.jamming{stroke:#f87171}.spoofing{stroke:#c084fc}
.emitter{fill:#fff;stroke:#000}.err{fill:rgba(255,255,255,.08);stroke:#fff;stroke-width:.8}
#side{padding:10px 16px;overflow:auto;height:calc(100vh - 140px)}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #263241;padding:4px;text-align:left;vertical-align:top}
.controls{padding:8px 20px;display:flex;gap:12px;align-items:center}#slider{flex:1}
.sev-high{color:#ef4444}.sev-medium{color:#fb923c}.sev-low{color:#facc15}small{color:#9ca3af}
</style></head><body>
<header><h1>__TITLE__</h1><dl>__SUMMARY__</dl></header>
<div class="controls"><label for="slider">Time</label><input id="slider" type="range" min="0" value="0" step="1"><span id="time"></span><span id="count"></span></div>
<main><svg id="map" preserveAspectRatio="xMidYMid meet"></svg><section id="side"><h2>Alerts</h2><table id="alerts"><thead><tr><th>alert</th><th>when</th><th>craft</th><th>evidence</th></tr></thead><tbody></tbody></table></section></main>
<script id="data" type="application/json">__DATA__</script>
<script>
const D = JSON.parse(document.getElementById('data').textContent);
const svg = document.getElementById('map');
const b = D.bounds, k = Math.cos((b.south + b.north) / 2 * Math.PI / 180);
const W = (b.east - b.west) * k * 100, H = (b.north - b.south) * 100;
svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
const x = lon => (lon - b.west) * k * 100, y = lat => (b.north - lat) * 100, km = v => v / 111.2 * 100;
const NS = 'http://www.w3.org/2000/svg';
function el(name, attrs, parent) { const e = document.createElementNS(NS, name); for (const a in attrs) e.setAttribute(a, attrs[a]); (parent || svg).appendChild(e); return e; }
for (const ring of D.land) { let d = ''; for (let i = 0; i < ring.length; i += 2) d += (i ? 'L' : 'M') + x(ring[i]).toFixed(1) + ' ' + y(ring[i + 1]).toFixed(1); el('path', { d: d + 'Z', class: 'land' }); }
const r = 14;
for (const [lat, lon] of D.cells) el('circle', { cx: x(lon), cy: y(lat), r: r * 0.6, class: 'observed' });
const live = el('g', {});
const areas = el('g', {});
for (const a of D.alerts) {
  const g = el('g', { 'data-id': a.id }, areas);
  el('circle', { cx: x(a.center.lon), cy: y(a.center.lat), r: km(a.radiusKm), class: 'area ' + a.kind }, g);
  if (a.emitter) { el('circle', { cx: x(a.emitter.lon), cy: y(a.emitter.lat), r: Math.max(km(a.emitter.errorKm), 3), class: 'err' }, g); el('circle', { cx: x(a.emitter.lon), cy: y(a.emitter.lat), r: 5, class: 'emitter' }, g); }
}
const slider = document.getElementById('slider');
slider.max = Math.max(0, D.ticks.length - 1);
function show(i) {
  live.replaceChildren();
  const t = D.ticks[i];
  let n = 0;
  for (const [ti, ci, level, degraded, craft] of D.anomalous) {
    if (ti !== +i) continue; n++;
    const [lat, lon] = D.cells[ci];
    const c = el('circle', { cx: x(lon), cy: y(lat), r: r, class: 'cell l' + level }, live);
    el('title', {}, c).textContent = degraded + ' of ' + craft + ' craft affected, level ' + level;
  }
  for (const g of areas.children) {
    const a = D.alerts.find(a => a.id === g.dataset.id);
    const on = t !== undefined && Date.parse(a.startedAt) <= t && (!a.endedAt || Date.parse(a.endedAt) >= t);
    g.style.opacity = on ? 1 : 0.15;
  }
  document.getElementById('time').textContent = t === undefined ? 'no anomalous cells' : new Date(t).toISOString().replace('.000Z', 'Z');
  document.getElementById('count').textContent = n + ' anomalous cells';
}
slider.addEventListener('input', () => show(slider.value));
show(0);
const tbody = document.querySelector('#alerts tbody');
for (const a of D.alerts) {
  const tr = document.createElement('tr');
  const ev = a.evidence.map(e => e.text).join('<br>');
  tr.innerHTML = '<td><b class="sev-' + a.severity + '">' + a.kind + ' · ' + a.severity + '</b><br><small>' + a.id + '</small><br>score ' + a.score.toFixed(1) + (a.emitter ? '<br>emitter ' + a.emitter.lat.toFixed(2) + ', ' + a.emitter.lon.toFixed(2) + ' ± ' + a.emitter.errorKm.toFixed(0) + ' km' : '') + '</td><td>' + a.startedAt.replace('.000Z', 'Z') + '<br>→ ' + (a.endedAt ? a.endedAt.replace('.000Z', 'Z') : 'open') + '</td><td>' + a.affected.aircraft + '/' + a.observed.aircraft + ' aircraft<br>' + a.affected.vessels + '/' + a.observed.vessels + ' vessels</td><td><small>' + ev + '</small></td>';
  tbody.appendChild(tr);
}
</script></body></html>
`;
