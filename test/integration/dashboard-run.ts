import type { FluxTableMetaData, QueryApi } from '@influxdata/influxdb-client';
import { expect } from 'vitest';
import { influxFetch } from '../../src/adapters/influx/sink.js';
import type { Config } from '../../src/config/schema.js';
import {
  type Dashboard,
  interpolateFluxMacros,
  interpolateVariables,
  type Panel,
  panelsOf,
  provisioningYaml,
  variableQuery,
} from '../unit/grafana/grafana-model.js';

/**
 * Runs provisioned dashboards against the real InfluxDB as Grafana would, and checks that each panel gets the
 * shape it draws: shared by the test on a hand-made data set (dashboards.test.ts) and the one on a replayed
 * scenario (dashboards-replay.test.ts).
 */

const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// What Grafana makes of a Flux answer (pkg/tsdb/influxdb/flux/builder.go): one frame per table; a table with a
// `_value` column and a time column is a time series (time + value, labelled by its string columns that do not
// start with "_"), any other table is a table of all its columns.

export type Frame =
  | { kind: 'series'; field: string; labels: Record<string, string>; times: string[]; values: unknown[] }
  | { kind: 'table'; fields: Map<string, { type: string; values: unknown[] }>; length: number };

const TIME_TYPES = new Set(['dateTime:RFC3339', 'dateTime:RFC3339Nano']);

export function framesOf(rows: { meta: FluxTableMetaData; values: string[] }[]): Frame[] {
  const frames = new Map<string, Frame>();
  for (const { meta, values } of rows) {
    const record = meta.toObject(values);
    const key = `${record.result}/${record.table}`;
    let frame = frames.get(key);
    if (!frame) {
      const columns = meta.columns.filter((c) => !(c.label === 'result' || c.label === 'table'));
      const hasValue = columns.some((c) => c.label === '_value');
      const hasTime = columns.some((c) => TIME_TYPES.has(c.dataType));
      if (hasValue && hasTime) {
        const labels: Record<string, string> = {};
        for (const c of columns) {
          if (!c.label.startsWith('_') && c.dataType === 'string') labels[c.label] = String(record[c.label]);
        }
        frame = { kind: 'series', field: String(record._field ?? '_value'), labels, times: [], values: [] };
      } else {
        frame = {
          kind: 'table',
          fields: new Map(columns.map((c) => [c.label, { type: c.dataType, values: [] as unknown[] }])),
          length: 0,
        };
      }
      frames.set(key, frame);
    }
    if (frame.kind === 'series') {
      const timeColumn = meta.columns.some((c) => c.label === '_time')
        ? '_time'
        : meta.columns.find((c) => TIME_TYPES.has(c.dataType))!.label;
      frame.times.push(record[timeColumn]);
      frame.values.push(record._value);
    } else {
      for (const [name, field] of frame.fields) field.values.push(record[name]);
      frame.length++;
    }
  }
  return [...frames.values()];
}

export function tables(frames: Frame[]) {
  return frames.filter((f): f is Extract<Frame, { kind: 'table' }> => f.kind === 'table');
}

export function series(frames: Frame[]) {
  return frames.filter((f): f is Extract<Frame, { kind: 'series' }> => f.kind === 'series');
}

/** A table field's non-null values; fails when the field is missing. */
export function column(frames: Frame[], name: string): unknown[] {
  const found = tables(frames).find((t) => t.fields.has(name));
  expect(found, `no column ${name}`).toBeDefined();
  return found!.fields.get(name)!.values.filter((v) => v !== null && v !== undefined && v !== '');
}

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Grafana's frameToMetricFindValue: the first string field of the first frame. */
function variableValues(frames: Frame[]): string[] {
  const first = frames[0];
  if (!first) return [];
  if (first.kind === 'series') return first.values.map(String);
  const field = [...first.fields.values()].find((f) => f.type === 'string');
  return (field?.values ?? []).map(String);
}

/** The shape each panel type needs from its queries, read from the panel's own configuration. */
export function checkPanel(
  panel: Panel,
  byRefId: Map<string, Frame[]>,
  strict: boolean,
  optionalLayers: readonly string[] = [],
) {
  const all = [...byRefId.values()].flat();
  const where = panel.title;
  if (panel.type === 'geomap') {
    for (const layer of panel.options!.layers!) {
      const frames = byRefId.get(layer.filterData!.options)!;
      // Without strictness, and for the layers named optional, a layer may have nothing to show: no row, or no
      // such column at all (a jamming alert has no spoof target), which Geomap draws as an empty layer.
      const present = tables(frames).some((t) => t.fields.has(layer.location.latitude!));
      if ((!strict || optionalLayers.includes(layer.name!)) && !present) continue;
      const lat = column(frames, layer.location.latitude!);
      const lon = column(frames, layer.location.longitude!);
      if (strict) expect(lat.length, `${where}: ${layer.name}`).toBeGreaterThan(0);
      for (const v of lat) expect(isNumber(v) && v >= -90 && v <= 90, `${where}: lat ${v}`).toBe(true);
      for (const v of lon) expect(isNumber(v) && v >= -180 && v <= 180, `${where}: lon ${v}`).toBe(true);
      for (const style of [layer.config.style.color, layer.config.style.size]) {
        if (style?.field) expect(column(frames, style.field).every(isNumber), `${where}: ${style.field}`).toBe(true);
      }
    }
  } else if (panel.type === 'timeseries' || panel.type === 'state-timeline') {
    const lines = series(all);
    expect(lines.length, where).toBeGreaterThan(0);
    expect(tables(all), where).toEqual([]);
    const label = /__field\.labels\.(\w+)/.exec(panel.fieldConfig?.defaults.displayName ?? '')?.[1];
    for (const line of lines) {
      expect(line.times.length, where).toBe(line.values.length);
      expect(line.values.length, where).toBeGreaterThan(0);
      if (panel.type === 'timeseries') expect(line.values.every(isNumber), where).toBe(true);
      if (label) expect(line.labels[label], `${where}: label ${label}`).toBeTruthy();
    }
  } else if (panel.type === 'stat') {
    const pattern = panel.options!.reduceOptions!.fields;
    const wanted = pattern ? new RegExp(pattern.slice(1, -1)) : undefined;
    const fields = tables(all).flatMap((t) => [...t.fields.entries()]);
    const shown = fields.filter(([name, f]) => (wanted ? wanted.test(name) : f.type === 'long' || f.type === 'double'));
    expect(shown.length, where).toBeGreaterThan(0);
    for (const [name, f] of shown) expect(f.values.length, `${where}: ${name}`).toBeGreaterThan(0);
  } else if (panel.type === 'table') {
    const [table, ...rest] = tables(all);
    expect(rest, `${where}: one table`).toEqual([]);
    // Without strictness the table may be empty ("No data": no open alert), and optional fields (an alert's
    // emitter) may be missing altogether, which Grafana's organize step ignores.
    if (!strict) return;
    expect(table, where).toBeDefined();
    expect(table!.length, where).toBeGreaterThan(0);
    const organize = panel.transformations?.find((t) => t.id === 'organize');
    for (const name of Object.keys(organize?.options.indexByName ?? {})) {
      expect(table!.fields.has(name), `${where}: column ${name}`).toBe(true);
    }
    for (const o of panel.fieldConfig!.overrides) {
      if (o.matcher.id === 'byName')
        expect(table!.fields.has(o.matcher.options), `${where}: ${o.matcher.options}`).toBe(true);
    }
  } else {
    throw new Error(`no shape check for panel type ${panel.type}`);
  }
}

/** The plan InfluxDB made for a Flux query (the profiler's `flux/query-plan`, a Graphviz digraph); runs the query. */
export async function queryPlan(query: QueryApi, flux: string): Promise<string> {
  const lines = flux.split('\n');
  const body = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('import '));
  const profiled = [
    ...lines.slice(0, body),
    'import "profiler"',
    'option profiler.enabledProfilers = ["query"]',
    ...lines.slice(body),
  ].join('\n');
  const rows = await query.collectRows<Record<string, unknown>>(profiled);
  return String(rows.find((r) => r._measurement === 'profiler/query')?.['flux/query-plan'] ?? '');
}

/** Storage must apply the filters: no `filter` fed straight by a storage read. */
export async function checkPushdown(query: QueryApi, flux: string, where: string) {
  const plan = await queryPlan(query, flux);
  // Storage reads are named Read… (merged_Read…_filter… when a filter went into the read).
  expect(plan, where).toMatch(/"(merged_)?Read\w+"/);
  expect(plan, `${where}: filter not pushed down to storage\n${plan}`).not.toMatch(/Read\w*" -> "filter\d+"/);
}

export interface Run {
  values: Record<string, string | string[]>;
  panels: Map<Panel, Map<string, Frame[]>>;
  annotations: Frame[][];
  queries: string[];
}

/** What a dashboard's queries run against: the query API and the bucket and org its macros name. */
export function dashboardRunner(query: QueryApi, target: { bucket: string; org: string }) {
  async function frames(flux: string): Promise<Frame[]> {
    return framesOf(await query.collectRows(flux, (values, meta) => ({ meta, values })));
  }

  /**
   * Runs a dashboard as Grafana would for one time range: variables in order (custom ones from `choose` or their
   * default, query ones from their Flux: All for multi-value ones, else `choose` or the first value), then every
   * panel target and annotation with the variables and the data source macros replaced.
   */
  async function runDashboard(
    d: Dashboard,
    fromMs: number,
    toMs: number,
    intervalMs: number,
    choose: Record<string, string> = {},
  ): Promise<Run> {
    const context = { fromMs, toMs, intervalMs, bucket: target.bucket, org: target.org };
    const values: Record<string, string | string[]> = {};
    const queries: string[] = [];
    const flux = (q: string) => {
      const text = interpolateFluxMacros(interpolateVariables(q, values), context);
      queries.push(text);
      return text;
    };
    for (const v of d.templating.list) {
      if (v.type === 'custom') {
        values[v.name] = choose[v.name] ?? String(v.current?.value);
        continue;
      }
      const options = variableValues(await frames(flux(variableQuery(v))));
      expect(options.length, `variable ${v.name}`).toBeGreaterThan(0);
      if (choose[v.name] !== undefined) expect(options, `variable ${v.name}`).toContain(choose[v.name]);
      values[v.name] = v.includeAll ? options : (choose[v.name] ?? options[0]!);
    }
    const panels = new Map<Panel, Map<string, Frame[]>>();
    for (const p of panelsOf(d)) {
      const byRefId = new Map<string, Frame[]>();
      for (const t of p.targets!) byRefId.set(t.refId, await frames(flux(t.query!)));
      panels.set(p, byRefId);
    }
    const annotations: Frame[][] = [];
    for (const a of d.annotations.list) annotations.push(await frames(flux(a.target!.query!)));
    return { values, panels, annotations, queries };
  }

  /**
   * The provisioned alert rules evaluated at `endMs` as Grafana would (their query over their relative range, then
   * reduce to the last value and threshold it, per series): the labels of the series that fire, by rule uid.
   */
  async function firingRules(endMs: number): Promise<Record<string, Record<string, string>[]>> {
    const rules = provisioningYaml<{
      groups: {
        rules: {
          uid: string;
          noDataState: string;
          data: {
            refId: string;
            datasourceUid: string;
            relativeTimeRange?: { from: number };
            model: { query?: string; conditions?: { evaluator: { type: string; params: number[] } }[] };
          }[];
        }[];
      }[];
    }>('alerting/rules.yaml').groups.flatMap((g) => g.rules);
    const firing: Record<string, Record<string, string>[]> = {};
    for (const rule of rules) {
      const source = rule.data.find((q) => q.datasourceUid === 'jamwatch-influxdb')!;
      const context = {
        fromMs: endMs - source.relativeTimeRange!.from * 1000,
        toMs: endMs,
        intervalMs: 60_000,
        bucket: target.bucket,
        org: target.org,
      };
      const result = series(await frames(interpolateFluxMacros(source.model.query!, context)));
      // No series is Grafana's "no data": the rule's noDataState says whether that alerts (one instance, no labels).
      if (result.length === 0) {
        firing[rule.uid] = rule.noDataState === 'Alerting' ? [{}] : [];
        continue;
      }
      const { type, params } = rule.data.find((q) => q.model.conditions)!.model.conditions![0]!.evaluator;
      firing[rule.uid] = result
        .filter((f) => {
          const last = f.values.at(-1) as number;
          return type === 'gt' ? last > params[0]! : last < params[0]!;
        })
        .map((f) => f.labels);
    }
    return firing;
  }
  return { frames, runDashboard, firingRules };
}

export function panel(run: Run, title: string): Map<string, Frame[]> {
  const found = [...run.panels.entries()].find(([p]) => p.title === title);
  expect(found, title).toBeDefined();
  return found![1];
}

export function checkAnnotations(d: Dashboard, run: Run, events: number) {
  d.annotations.list.forEach((a, i) => {
    const [frame, ...rest] = tables(run.annotations[i]!);
    expect(rest).toEqual([]);
    expect(frame!.length).toBe(events);
    for (const { value } of Object.values(a.mappings!)) expect(frame!.fields.has(value), value).toBe(true);
    expect(frame!.fields.get(a.mappings!.time!.value)!.type).toMatch(/^dateTime/);
    for (const key of ['title', 'text', 'tags'])
      expect(frame!.fields.get(a.mappings![key]!.value)!.type).toBe('string');
  });
}

/**
 * The bucket outlives test runs (the servers are cached), and the open-alerts panels look back 7 days: an earlier
 * run's alerts, left open on a day just before this one, were counted with ours (2 open alerts read as 4, seen
 * once in CI). So every point within 8 days either side of the day is deleted before the data set is written.
 */
export async function clearAround(influx: Config['influx'], dayMs: number): Promise<void> {
  const params = new URLSearchParams({ org: influx.org, bucket: influx.bucket });
  const response = await influxFetch(influx, `/api/v2/delete?${params}`, {
    method: 'POST',
    body: { start: new Date(dayMs - 8 * DAY).toISOString(), stop: new Date(dayMs + 9 * DAY).toISOString() },
    timeoutMs: 60_000,
  });
  expect(response.status, await response.text()).toBe(204);
}
