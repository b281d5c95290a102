import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DATASOURCE,
  type Dashboard,
  dashboardFiles,
  fluxSites,
  formatValue,
  GRAFANA,
  goDuration,
  interpolateFluxMacros,
  interpolateVariables,
  panelsOf,
  provisioningYaml,
  ROOT,
  variableUses,
} from './grafana-model.js';

/** Lint of the provisioned dashboards: what Grafana 11.6 needs to load them and what makes every panel query. */

const files = dashboardFiles();
const dashboards = files.map((f) => f.dashboard);

/** Panel types of Grafana 11.6 core that the dashboards may use. */
const PANEL_TYPES = new Set(['row', 'stat', 'table', 'timeseries', 'state-timeline', 'geomap']);
/** Grafana 11.6 writes schemaVersion 41. */
const SCHEMA_VERSION = 41;
const UID = /^[a-zA-Z0-9_-]{1,40}$/;

function everyDatasourceRef(value: unknown, path: string, out: { path: string; ref: unknown }[] = []) {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) everyDatasourceRef(v, `${path}[${i}]`, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'datasource' || k === 'datasourceUid') out.push({ path: `${path}.${k}`, ref: v });
      everyDatasourceRef(v, `${path}.${k}`, out);
    }
  }
  return out;
}

describe('dashboard files', () => {
  it('are the two dashboards, valid JSON, with unique, stable uids and titles', () => {
    expect(files.map((f) => f.dashboard.uid).sort()).toEqual(['jamwatch-alert', 'jamwatch-overview']);
    expect(new Set(dashboards.map((d) => d.title)).size).toBe(dashboards.length);
    for (const { file, text, dashboard } of files) {
      expect(() => JSON.parse(text), file).not.toThrow();
      expect(dashboard.uid, file).toMatch(UID);
      expect(dashboard.schemaVersion, file).toBe(SCHEMA_VERSION);
      // Provisioned dashboards carry no database id: Grafana assigns one.
      expect((dashboard as unknown as { id?: unknown }).id ?? null, file).toBeNull();
    }
  });

  it('are where the provider and docker-compose.yml look for them', () => {
    const provider = provisioningYaml<{ providers: { options: { path: string } }[] }>('dashboards/jamwatch.yaml');
    expect(provider.providers[0]!.options.path).toBe('/var/lib/grafana/dashboards');
    const compose = readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8');
    expect(compose).toContain('./config/grafana/dashboards:/var/lib/grafana/dashboards');
  });
});

describe.each(dashboards.map((d) => [d.uid, d] as const))('dashboard %s', (_uid, d: Dashboard) => {
  const panels = panelsOf(d);
  const variables = d.templating.list;

  it('references only the provisioned InfluxDB data source', () => {
    const datasource = provisioningYaml<{ datasources: { uid: string; type: string }[] }>('datasources/influxdb.yaml')
      .datasources[0]!;
    expect(datasource).toMatchObject(DATASOURCE);
    const refs = everyDatasourceRef(d, d.uid);
    expect(refs.length).toBeGreaterThan(panels.length);
    for (const { path, ref } of refs) expect(ref, path).toEqual(DATASOURCE);
  });

  it('gives every panel a known type, a unique id, a title, a place on the grid and at least one Flux query', () => {
    const all = d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    for (const p of all) {
      expect(PANEL_TYPES.has(p.type), `${p.title}: ${p.type}`).toBe(true);
      expect(p.title.length, `panel ${p.id}`).toBeGreaterThan(0);
      expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
    }
    expect(panels.length).toBeGreaterThanOrEqual(8);
    for (const p of panels) {
      expect(p.description, p.title).toBeTruthy();
      const targets = p.targets ?? [];
      expect(targets.length, p.title).toBeGreaterThan(0);
      expect(new Set(targets.map((t) => t.refId)).size, p.title).toBe(targets.length);
      for (const t of targets) {
        expect(t.query, `${p.title} ${t.refId}`).toMatch(/from\(bucket: v\.defaultBucket\)/);
      }
    }
  });

  it('lays the panels out without overlaps', () => {
    const cells = new Map<string, string>();
    for (const p of d.panels.flatMap((q) => [q, ...(q.panels ?? [])])) {
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          const taken = cells.get(`${x},${y}`);
          expect(taken, `${p.title} overlaps ${taken}`).toBeUndefined();
          cells.set(`${x},${y}`, p.title);
        }
      }
    }
  });

  it('defines every variable a query uses before the queries that use it, with a format for multi-value ones', () => {
    const defined = new Map<string, number>(variables.map((v, i) => [v.name, i]));
    expect(defined.size).toBe(variables.length);
    for (const site of fluxSites(d)) {
      const own = variables.findIndex((v) => site.where === `variable ${v.name}`);
      for (const use of variableUses(site.query)) {
        const at = defined.get(use.name);
        expect(at, `${site.where} uses undefined $${use.name}`).toBeDefined();
        if (own >= 0) expect(at!, `${site.where} uses ${use.name}, defined after it`).toBeLessThan(own);
        const variable = variables[at!]!;
        if (variable.multi || variable.includeAll) {
          expect(['regex', 'json'], `${site.where}: ${use.name}`).toContain(use.format);
        }
      }
    }
  });

  it('keeps its Flux to what the Grafana data source and InfluxDB 2.7 accept', () => {
    for (const site of fluxSites(d)) {
      expect(site.query.trim().length, site.where).toBeGreaterThan(0);
      // Imports must come first in Flux; v.bucket is not set by the data source (only v.defaultBucket).
      const lines = site.query.split('\n');
      const firstOther = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('import '));
      expect(
        lines.slice(firstOther).some((l) => l.startsWith('import ')),
        site.where,
      ).toBe(false);
      expect(site.query, site.where).not.toMatch(/\bv\.bucket\b/);
      // Every range is the dashboard's (or a look-back from its end).
      for (const line of lines.filter((l) => l.includes('|> range('))) {
        expect(line, site.where).toMatch(/stop: v\.timeRangeStop\)$/);
      }
    }
  });

  it('gives query variables a refresh on time-range change and custom variables their options', () => {
    for (const v of variables) {
      if (v.type === 'query') {
        expect(v.refresh, v.name).toBe(2);
        expect(v.definition, v.name).toBe(typeof v.query === 'string' ? v.query : v.query.query);
      } else {
        expect(v.type, v.name).toBe('custom');
        const values = (v.query as string).split(',');
        expect(
          v.options?.map((o) => o.value),
          v.name,
        ).toEqual(values);
        expect(values, v.name).toContain(v.current?.value);
      }
    }
  });

  it('annotates the alert lifecycle from gnss_alert with time, title, text and tags', () => {
    expect(d.annotations.list.length).toBeGreaterThan(0);
    for (const a of d.annotations.list) {
      expect(a.enable).toBe(true);
      expect(a.target?.query).toMatch(/r\._measurement == "gnss_alert"/);
      expect(Object.keys(a.mappings ?? {}).sort()).toEqual(['tags', 'text', 'time', 'title']);
      for (const column of ['title', 'text', 'tags']) expect(a.target?.query).toContain(`${column}: `);
    }
  });

  it('points geomap layers at queries of the panel and at coordinate fields', () => {
    for (const p of panels.filter((q) => q.type === 'geomap')) {
      const refIds = new Set(p.targets!.map((t) => t.refId));
      const layers = p.options!.layers!;
      expect(layers.length, p.title).toBeGreaterThan(0);
      for (const layer of layers) {
        expect(layer.type).toBe('markers');
        expect(layer.location.mode).toBe('coords');
        expect(refIds.has(layer.filterData!.options), `${p.title}: ${layer.name}`).toBe(true);
        const query = p.targets!.find((t) => t.refId === layer.filterData!.options)!.query!;
        // Geomap needs one row per marker: the Flux pivots fields into columns.
        expect(query, `${p.title}: ${layer.name}`).toMatch(/pivot\(/);
        // The query's last keep() has the layer's coordinates (keep() drops a misspelt column without a word).
        const kept = [...query.matchAll(/keep\(columns: \[([^\]]*)\]/g)].at(-1)?.[1];
        if (kept !== undefined) expect(kept, `${p.title}: ${layer.name}`).toContain(`"${layer.location.latitude}"`);
        // Grafana's own marker shapes (public/img/icons/marker): a misspelt path draws nothing.
        expect(MARKER_SHAPES, `${p.title}: ${layer.name}`).toContain(layer.config.style.symbol?.fixed);
      }
    }
  });

  it('links only to the dashboards that exist', () => {
    const uids = new Set(dashboards.map((x) => x.uid));
    const urls = [
      ...d.links.map((l) => l.url ?? ''),
      ...Array.from(JSON.stringify(d.panels).matchAll(/"url":"([^"]*)"/g), (m) => m[1]!),
    ].filter((u) => u.startsWith('/d/'));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(uids.has(url.split('/')[2]!), url).toBe(true);
  });
});

const MARKER_SHAPES = ['circle', 'square', 'triangle', 'star', 'cross', 'x-mark'].map(
  (s) => `img/icons/marker/${s}.svg`,
);

describe('Grafana interpolation emulated by the integration test', () => {
  it('formats variables as Grafana does for Flux', () => {
    expect(formatValue('a.b', 'regex')).toBe('a\\.b');
    expect(formatValue(['84', '85'], 'regex')).toBe('(84|85)');
    expect(formatValue(['84'], 'regex')).toBe('84');
    expect(formatValue(['a'], 'json')).toBe('["a"]');
    expect(() => formatValue(['a', 'b'], undefined)).toThrow(/needs a format/);
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS template
      interpolateVariables('r.cell =~ /^${cell:regex}$/ and r.src == "$src"', { cell: ['a', 'b'], src: 'all' }),
    ).toBe('r.cell =~ /^(a|b)$/ and r.src == "all"');
  });

  it('replaces the data source macros as pkg/tsdb/influxdb/flux/macros.go does', () => {
    expect(goDuration(15_000)).toBe('15s');
    expect(goDuration(60_000)).toBe('1m0s');
    expect(goDuration(3_600_000)).toBe('1h0m0s');
    expect(goDuration(90_500)).toBe('1m30.5s');
    const flux = interpolateFluxMacros(
      'from(bucket: v.defaultBucket) |> range(start: v.timeRangeStart, stop: v.timeRangeStop) every: v.windowPeriod r.src',
      {
        fromMs: Date.UTC(2020, 0, 1),
        toMs: Date.UTC(2020, 0, 1, 0, 30, 0, 500),
        intervalMs: 60_000,
        bucket: 'jamwatch',
        org: 'jamwatch',
      },
    );
    expect(flux).toBe(
      'from(bucket: "jamwatch") |> range(start: 2020-01-01T00:00:00Z, stop: 2020-01-01T00:30:00.500Z) every: 1m0s r.src',
    );
  });

  it('finds the provisioning folder the compose file mounts', () => {
    expect(GRAFANA).toBe(resolve(ROOT, 'config/grafana'));
  });
});
