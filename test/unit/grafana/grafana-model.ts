import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * The provisioned Grafana files as data, and what Grafana does to a Flux query before InfluxDB sees it: the
 * dashboard variables are replaced in the browser (`${name}`, `${name:regex}`, `${name:json}`), then the InfluxDB
 * data source replaces `v.timeRangeStart`, `v.timeRangeStop`, `v.windowPeriod`, `v.defaultBucket` and
 * `v.organization` on the server (pkg/tsdb/influxdb/flux/macros.go). Shared by the lint (unit) and the run against
 * the real InfluxDB (integration).
 */

export const ROOT = resolve(import.meta.dirname, '../../..');
export const GRAFANA = resolve(ROOT, 'config/grafana');
export const DATASOURCE = { type: 'influxdb', uid: 'jamwatch-influxdb' } as const;

export interface DataSourceRef {
  type?: string;
  uid?: string;
}

export interface Target {
  refId: string;
  query?: string;
  datasource?: DataSourceRef;
}

export interface FieldOverride {
  matcher: { id: string; options: string };
  properties: { id: string; value: unknown }[];
}

export interface MarkerLayer {
  type: string;
  name: string;
  config: {
    style: { color?: { field?: string }; size?: { field?: string }; symbol?: { mode: string; fixed?: string } };
  };
  location: { mode: string; latitude?: string; longitude?: string };
  filterData?: { id: string; options: string };
}

export interface Panel {
  id: number;
  type: string;
  title: string;
  description?: string;
  datasource?: DataSourceRef;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Target[];
  panels?: Panel[];
  fieldConfig?: { defaults: Record<string, unknown> & { displayName?: string }; overrides: FieldOverride[] };
  options?: Record<string, unknown> & {
    layers?: MarkerLayer[];
    reduceOptions?: { fields: string };
  };
  transformations?: { id: string; options: { indexByName?: Record<string, number> } }[];
}

export interface Variable {
  type: string;
  name: string;
  label?: string;
  datasource?: DataSourceRef;
  query: string | { query: string; refId: string };
  definition?: string;
  multi?: boolean;
  includeAll?: boolean;
  current?: { text?: unknown; value?: unknown };
  options?: { text: string; value: string; selected?: boolean }[];
  refresh?: number;
}

export interface Annotation {
  name: string;
  enable: boolean;
  datasource?: DataSourceRef;
  target?: Target;
  mappings?: Record<string, { source: string; value: string }>;
}

export interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: Variable[] };
  annotations: { list: Annotation[] };
  links: { url?: string; type: string }[];
}

export interface DashboardFile {
  file: string;
  text: string;
  dashboard: Dashboard;
}

export function dashboardFiles(): DashboardFile[] {
  const dir = resolve(GRAFANA, 'dashboards');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const text = readFileSync(resolve(dir, file), 'utf8');
      return { file, text, dashboard: JSON.parse(text) as Dashboard };
    });
}

export function dashboard(uid: string): Dashboard {
  const found = dashboardFiles().find((d) => d.dashboard.uid === uid);
  if (!found) throw new Error(`no dashboard with uid ${uid} in config/grafana/dashboards`);
  return found.dashboard;
}

export function provisioningYaml<T>(path: string): T {
  return parse(readFileSync(resolve(GRAFANA, 'provisioning', path), 'utf8')) as T;
}

/** Every panel, rows' nested panels included; rows themselves are not panels that query. */
export function panelsOf(d: Dashboard): Panel[] {
  return d.panels.flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
}

export function variableQuery(v: Variable): string {
  return typeof v.query === 'string' ? v.query : v.query.query;
}

/** Every place a dashboard sends Flux: panel targets, query variables, annotations. */
export interface FluxSite {
  where: string;
  query: string;
  datasource: DataSourceRef | undefined;
}

export function fluxSites(d: Dashboard): FluxSite[] {
  const sites: FluxSite[] = [];
  for (const p of panelsOf(d)) {
    for (const t of p.targets ?? []) {
      sites.push({
        where: `panel "${p.title}" ${t.refId}`,
        query: t.query ?? '',
        datasource: t.datasource ?? p.datasource,
      });
    }
  }
  for (const v of d.templating.list) {
    if (v.type === 'query')
      sites.push({ where: `variable ${v.name}`, query: variableQuery(v), datasource: v.datasource });
  }
  for (const a of d.annotations.list) {
    sites.push({ where: `annotation "${a.name}"`, query: a.target?.query ?? '', datasource: a.datasource });
  }
  return sites;
}

/** Grafana's variable syntax: `$name` or `${name}` / `${name:format}`, as in its template service. */
const VARIABLE = /\$(\w+)|\$\{(\w+)(?::(\w+))?\}/g;

export interface VariableUse {
  name: string;
  format: string | undefined;
}

export function variableUses(text: string): VariableUse[] {
  return [...text.matchAll(VARIABLE)].map((m) => ({ name: (m[1] ?? m[2])!, format: m[3] }));
}

const REGEX_SPECIAL = /[\\^$*+?.()|{}[\]/]/g;

/** Grafana's formats for the values a query needs: raw text, `regex` (alternation, escaped) and `json`. */
export function formatValue(value: string | string[], format: string | undefined): string {
  if (format === 'json') return JSON.stringify(value);
  if (format === 'regex') {
    if (typeof value === 'string') return value.replace(REGEX_SPECIAL, '\\$&');
    const escaped = value.map((v) => v.replace(REGEX_SPECIAL, '\\$&'));
    return escaped.length === 1 ? escaped[0]! : `(${escaped.join('|')})`;
  }
  if (format !== undefined) throw new Error(`variable format ${format} is not emulated`);
  if (Array.isArray(value)) throw new Error('a multi-value variable needs a format (regex or json) in Flux');
  return value;
}

export function interpolateVariables(query: string, values: Record<string, string | string[]>): string {
  return query.replace(VARIABLE, (whole, plain: string | undefined, braced: string | undefined, format) => {
    const name = (plain ?? braced)!;
    const value = values[name];
    if (value === undefined) throw new Error(`no value for variable ${name} in ${whole}`);
    return formatValue(value, format as string | undefined);
  });
}

/** Go's time.Duration.String(), which is how the data source writes v.windowPeriod ("15s", "1m0s", "2h0m0s"). */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** Go's RFC3339Nano: no fractional part when it is zero. */
function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export interface FluxContext {
  fromMs: number;
  toMs: number;
  intervalMs: number;
  bucket: string;
  org: string;
}

const FLUX_MACRO = /([a-zA-Z]+)\.([a-zA-Z]+)/g;

export function interpolateFluxMacros(query: string, c: FluxContext): string {
  const macros: Record<string, string> = {
    timeRangeStart: rfc3339Nano(c.fromMs),
    timeRangeStop: rfc3339Nano(c.toMs),
    windowPeriod: goDuration(c.intervalMs),
    bucket: JSON.stringify(c.bucket),
    defaultBucket: JSON.stringify(c.bucket),
    organization: JSON.stringify(c.org),
  };
  return query.replace(FLUX_MACRO, (whole, _object: string, name: string) => macros[name] ?? whole);
}
