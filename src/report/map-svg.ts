import type { Ring } from '../core/land/topojson.js';
import type { AlertState, AlertTrack } from './alert-tracks.js';
import { cellOutline } from './cell-outline.js';
import { clipRing } from './clip-ring.js';
import type { Bounds, LatLon, MapView } from './map-view.js';
import { escapeHtml } from './page-text.js';

/**
 * The report's map as static SVG: sea, Natural Earth land, a graticule, every cell the run observed (`data-cell`,
 * its `data-level` set by the page script for the slider's time) and every state of every alert (`.alert-state`
 * with `data-from`/`data-to` in ms: the area circle `.alert-area`, the emitter `.emitter` with its error radius
 * `.emitter-error`, and for spoofing the false position `.spoof-target`). The page script only switches them.
 */
export interface MapContent {
  /** Cell ids, in the order the page data index them. */
  cells: readonly string[];
  land: readonly Ring[];
  tracks: readonly AlertTrack[];
}

/**
 * Sea and land reach this share of the view beyond each side: the page letterboxes the view to fit its box, and
 * the land should run on to the box's edges, with the clipped edges out of sight.
 */
const CLIP_PAD_SHARE = 0.5;
/** Land points closer than this (units) to the previous one are dropped: under a pixel on a 1000 px map. */
const LAND_MIN_STEP = 1;
/** Graticule spacings to choose from (degrees); the smallest giving at most MAX_GRID_LINES lines wins. */
const GRID_STEPS = [0.5, 1, 2, 5, 10, 20, 30];
const MAX_GRID_LINES = 8;
/** Marker sizes in units (a unit is about a pixel on a full-width map). */
const EMITTER_MARK = 6;
const SPOOF_MARK = 5;

export function renderMap(view: MapView, content: MapContent): string {
  const { width, height } = view;
  return [
    `<svg id="map" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMidYMid meet" role="img" aria-label="map of the run">`,
    `<rect class="sea" x="${-width}" y="${-height}" width="${3 * width}" height="${3 * height}"/>`,
    landPath(view, content.land),
    graticule(view),
    '<g id="cells">',
    ...content.cells.map((cell) => cellPath(view, cell)),
    '</g><g id="alert-layer">',
    ...content.tracks.flatMap((track) => track.states.map((state) => alertState(view, track.id, state))),
    '</g></svg>',
  ].join('');
}

/** The view's bounds grown by CLIP_PAD_SHARE on each side. */
function paddedBounds(view: MapView): Bounds {
  const b = view.bounds;
  const padLat = (b.north - b.south) * CLIP_PAD_SHARE;
  const padLon = (b.east - b.west) * CLIP_PAD_SHARE;
  return { south: b.south - padLat, north: b.north + padLat, west: b.west - padLon, east: b.east + padLon };
}

function landPath(view: MapView, land: readonly Ring[]): string {
  const box = paddedBounds(view);
  const parts: string[] = [];
  for (const ring of land) {
    const points = clipRing(ring, box);
    let d = '';
    let lastX = Infinity;
    let lastY = Infinity;
    for (let i = 0; i < points.length; i += 2) {
      const x = view.x(points[i]!);
      const y = view.y(points[i + 1]!);
      if (Math.abs(x - lastX) < LAND_MIN_STEP && Math.abs(y - lastY) < LAND_MIN_STEP) continue;
      d += `${d === '' ? 'M' : 'L'}${x} ${y}`;
      lastX = x;
      lastY = y;
    }
    if (d !== '') parts.push(`${d}Z`);
  }
  return parts.length === 0 ? '' : `<path class="land" fill-rule="evenodd" d="${parts.join('')}"/>`;
}

/** Lines every few degrees over the padded area, labelled where they cross the view's left and bottom sides. */
function graticule(view: MapView): string {
  const b = view.bounds;
  const box = paddedBounds(view);
  const span = Math.max(b.north - b.south, b.east - b.west);
  const step = GRID_STEPS.find((s) => span / s <= MAX_GRID_LINES) ?? 45;
  const [left, right, top, bottom] = [view.x(box.west), view.x(box.east), view.y(box.north), view.y(box.south)];
  let d = '';
  const labels: string[] = [];
  for (let lat = Math.ceil(box.south / step) * step; lat <= box.north; lat += step) {
    const y = view.y(lat);
    d += `M${left} ${y}H${right}`;
    if (lat >= b.south && lat <= b.north) labels.push(`<text x="4" y="${y - 3}">${degrees(lat, 'N', 'S')}</text>`);
  }
  for (let lon = Math.ceil(box.west / step) * step; lon <= box.east; lon += step) {
    const x = view.x(lon);
    d += `M${x} ${top}V${bottom}`;
    if (lon >= b.west && lon <= b.east) {
      labels.push(`<text x="${x + 3}" y="${view.height - 5}">${degrees(lon, 'E', 'W')}</text>`);
    }
  }
  return `<g class="grid"><path d="${d}"/>${labels.join('')}</g>`;
}

function degrees(value: number, positive: string, negative: string): string {
  return `${Math.abs(Math.round(value * 10) / 10)}°${value < 0 ? negative : positive}`;
}

function cellPath(view: MapView, cell: string): string {
  const d = cellOutline(cell)
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${view.x(p.lon)} ${view.y(p.lat)}`)
    .join('');
  return `<path data-cell="${escapeHtml(cell)}" data-level="absent" d="${d}Z"><title>${escapeHtml(cell)}</title></path>`;
}

function alertState(view: MapView, id: string, state: AlertState): string {
  const a = state.alert;
  const to = Number.isFinite(state.to) ? ` data-to="${state.to}"` : '';
  const cx = view.x(a.area.center.lon);
  const cy = view.y(a.area.center.lat);
  const r = Math.max(view.km(a.area.radiusKm), 2);
  const parts = [
    `<g class="alert-state ${a.kind}" data-alert="${escapeHtml(id)}" data-from="${state.from}"${to} data-severity="${a.severity}">`,
    `<circle class="alert-area" cx="${cx}" cy="${cy}" r="${r}"/>`,
    `<text class="alert-label" x="${cx}" y="${Math.round((cy - r - 4) * 10) / 10}">${a.kind} · ${a.severity}</text>`,
  ];
  if (a.spoofTarget !== undefined) parts.push(spoofTarget(view, a.area.center, a.spoofTarget));
  if (a.emitter !== undefined) {
    const ex = view.x(a.emitter.lon);
    const ey = view.y(a.emitter.lat);
    parts.push(
      `<circle class="emitter-error" cx="${ex}" cy="${ey}" r="${view.km(a.emitter.errorKm)}"/>`,
      `<circle class="emitter" cx="${ex}" cy="${ey}" r="${EMITTER_MARK}"><title>emitter ${a.emitter.lat.toFixed(2)}, ${a.emitter.lon.toFixed(2)} ± ${Math.round(a.emitter.errorKm)} km</title></circle>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

/** A line from the affected area to the false position that spoofed craft report, and a cross on it. */
function spoofTarget(view: MapView, from: LatLon, target: LatLon): string {
  const x = view.x(target.lon);
  const y = view.y(target.lat);
  const s = SPOOF_MARK;
  return (
    `<line class="spoof-line" x1="${view.x(from.lon)}" y1="${view.y(from.lat)}" x2="${x}" y2="${y}"/>` +
    `<path class="spoof-target" d="M${x - s} ${y - s}L${x + s} ${y + s}M${x - s} ${y + s}L${x + s} ${y - s}"><title>reported position ${target.lat.toFixed(2)}, ${target.lon.toFixed(2)}</title></path>`
  );
}
