import type { Alert } from '../../schema/alert.js';
import type { CellRow } from '../../schema/cell.js';

/**
 * The InfluxDB time series of DESIGN.md as line protocol, written directly as strings (cheaper than Point objects
 * at thousands of cells per tick). Times are in ms (the writer's precision). Points are idempotent: the same tags
 * and time overwrite, so a replay after a crash does not double-count.
 */
const TAG_ESCAPE = /[,= ]/g;
const FIELD_STRING_ESCAPE = /["\\]/g;

function tag(value: string): string {
  return value.replace(TAG_ESCAPE, '\\$&');
}

function str(value: string): string {
  return `"${value.replace(FIELD_STRING_ESCAPE, '\\$&')}"`;
}

function int(value: number): string {
  return `${Math.round(value)}i`;
}

function float(value: number): string {
  return Number.isFinite(value) ? String(value) : '0';
}

export function cellLine(row: CellRow): string {
  return (
    `gnss_cell,cell=${tag(row.cell)},res=${row.res},src=${row.src} ` +
    `lat=${float(row.lat)},lon=${float(row.lon)},craft=${int(row.craft)},degraded=${int(row.degraded)},` +
    `jumps=${int(row.jumps)},ratio=${float(row.ratio)},score=${float(row.score)},level=${int(row.level)},` +
    `gpsjam_ratio=${float(row.gpsjamRatio)} ${row.t}`
  );
}

/**
 * Each message is a point at the time it was published (`updatedAt`), so the points of one alert are in the order of
 * its messages and its latest point is its current state. Not at `endedAt`: updates keep coming while the cells of an
 * ending event expire, so a resolved point at the last anomalous tick sorted before them and the alert read as open
 * for good; nor at `startedAt`: an event that reopens under its id would overwrite its first open point.
 */
export function alertLine(alert: Alert): string {
  const t = Date.parse(alert.updatedAt);
  const emitter = alert.emitter
    ? `,emitter_lat=${float(alert.emitter.lat)},emitter_lon=${float(alert.emitter.lon)},error_km=${float(alert.emitter.errorKm)}`
    : '';
  const target = alert.spoofTarget
    ? `,target_lat=${float(alert.spoofTarget.lat)},target_lon=${float(alert.spoofTarget.lon)}`
    : '';
  return (
    `gnss_alert,id=${tag(alert.id)},kind=${alert.kind},severity=${alert.severity} ` +
    `lat=${float(alert.area.center.lat)},lon=${float(alert.area.center.lon)},radius_km=${float(alert.area.radiusKm)}` +
    `${emitter}${target},score=${float(alert.score)},aircraft=${int(alert.affected.aircraft)},vessels=${int(alert.affected.vessels)},` +
    `cells=${str(alert.area.cells.join(','))},status=${str(alert.status)} ${t}`
  );
}

export interface FeedCounts {
  src: string;
  topic: string;
  reports: number;
  invalid: number;
  lag: number;
  t: number;
}

export function feedLine(counts: FeedCounts): string {
  return (
    `jamwatch_feed,src=${tag(counts.src)},topic=${tag(counts.topic)} ` +
    `reports=${int(counts.reports)},invalid=${int(counts.invalid)},lag=${int(counts.lag)} ${counts.t}`
  );
}
