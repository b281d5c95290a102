import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DATASOURCE, dashboard, GRAFANA, panelsOf, provisioningYaml, ROOT } from './grafana-model.js';

/** Lint of the provisioned Grafana alerting: the fields Grafana 11.6's file provisioning requires, and their links. */

interface Query {
  refId: string;
  datasourceUid: string;
  relativeTimeRange?: { from: number; to: number };
  model: {
    refId: string;
    query?: string;
    type?: string;
    expression?: string;
    reducer?: string;
    conditions?: { evaluator: { type: string; params: number[] } }[];
  };
}

interface Rule {
  uid: string;
  title: string;
  condition: string;
  data: Query[];
  noDataState: string;
  execErrState: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

interface Rules {
  apiVersion: number;
  groups: { orgId: number; name: string; folder: string; interval: string; rules: Rule[] }[];
}

interface Notifications {
  apiVersion: number;
  contactPoints: {
    orgId: number;
    name: string;
    receivers: { uid: string; type: string; settings: Record<string, string> }[];
  }[];
  policies: { orgId: number; receiver: string; group_by: string[] }[];
}

const DIR = resolve(GRAFANA, 'provisioning/alerting');
const rules = provisioningYaml<Rules>('alerting/rules.yaml');
const notifications = provisioningYaml<Notifications>('alerting/notifications.yaml');
const allRules = rules.groups.flatMap((g) => g.rules);
const DURATION = /^\d+[smhd]$/;

describe('provisioned alerting files', () => {
  it('parse as YAML, version 1', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
    expect(files.sort()).toEqual(['notifications.yaml', 'rules.yaml']);
    for (const f of files)
      expect((parse(readFileSync(resolve(DIR, f), 'utf8')) as { apiVersion: number }).apiVersion).toBe(1);
  });

  it('use a dollar sign only for the webhook URL: Grafana expands it as an environment variable everywhere else', () => {
    for (const f of readdirSync(DIR)) {
      const dollars = readFileSync(resolve(DIR, f), 'utf8').match(/\$\S*/g) ?? [];
      expect(dollars, f).toEqual(f === 'notifications.yaml' ? ['$JAMWATCH_ALERT_WEBHOOK_URL'] : []);
    }
  });
});

describe('alert rules', () => {
  it('are the high-severity jamming rule and the silent-feed rule, in the dashboards folder', () => {
    expect(allRules.map((r) => r.uid).sort()).toEqual([
      'jamwatch-feed-silent',
      'jamwatch-high-jamming',
      'jamwatch-spoofing',
    ]);
    const folder = provisioningYaml<{ providers: { folder: string }[] }>('dashboards/jamwatch.yaml').providers[0]!
      .folder;
    for (const g of rules.groups) {
      expect(g).toMatchObject({ orgId: 1, folder });
      expect(g.name.length).toBeGreaterThan(0);
      expect(g.interval).toMatch(DURATION);
    }
  });

  it.each(allRules.map((r) => [r.uid, r] as const))('%s has what Grafana needs to evaluate it', (_uid, rule) => {
    expect(rule.uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
    expect(rule.title.length).toBeGreaterThan(0);
    expect(['OK', 'NoData', 'Alerting', 'KeepLast']).toContain(rule.noDataState);
    expect(['OK', 'Error', 'Alerting', 'KeepLast']).toContain(rule.execErrState);
    expect(rule.for).toMatch(DURATION);
    expect(rule.annotations.summary).toMatch(/\{\{ \.Labels\.\w+ \}\}/);
    const refIds = rule.data.map((q) => q.refId);
    expect(new Set(refIds).size).toBe(refIds.length);
    expect(refIds).toContain(rule.condition);
    for (const q of rule.data) {
      expect(q.model.refId).toBe(q.refId);
      if (q.datasourceUid === '__expr__') {
        expect(['reduce', 'threshold', 'math']).toContain(q.model.type);
        // An expression reads a query or expression defined before it.
        expect(refIds.indexOf(q.model.expression!)).toBeGreaterThanOrEqual(0);
        expect(refIds.indexOf(q.model.expression!)).toBeLessThan(refIds.indexOf(q.refId));
        if (q.model.type === 'threshold') {
          const evaluator = q.model.conditions![0]!.evaluator;
          expect(['gt', 'lt', 'within_range', 'outside_range']).toContain(evaluator.type);
          expect(evaluator.params.every(Number.isFinite)).toBe(true);
        }
      } else {
        expect(q.datasourceUid).toBe(DATASOURCE.uid);
        expect(q.relativeTimeRange!.from).toBeGreaterThan(q.relativeTimeRange!.to);
        expect(q.model.query).toMatch(
          /from\(bucket: v\.defaultBucket\)\n\s+\|> range\(start: v\.timeRangeStart, stop: v\.timeRangeStop\)/,
        );
      }
    }
    // The condition is the last step and a threshold: Grafana fires per series (per alert id, per feed source).
    const condition = rule.data.find((q) => q.refId === rule.condition)!;
    expect(condition.model.type).toBe('threshold');
  });

  it('link to the overview panels they are about', () => {
    const overview = dashboard('jamwatch-overview');
    const ids = new Set(panelsOf(overview).map((p) => String(p.id)));
    for (const rule of allRules) {
      expect(rule.annotations.__dashboardUid__).toBe(overview.uid);
      expect(ids.has(rule.annotations.__panelId__!), rule.uid).toBe(true);
    }
  });
});

describe('contact point and notification policy', () => {
  it('send to a webhook whose URL docker-compose.yml passes to Grafana', () => {
    const point = notifications.contactPoints[0]!;
    expect(point.receivers[0]).toMatchObject({ type: 'webhook', settings: { url: '$JAMWATCH_ALERT_WEBHOOK_URL' } });
    const compose = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: { grafana: { environment: Record<string, string>; volumes: string[] } };
    };
    expect(compose.services.grafana.environment.JAMWATCH_ALERT_WEBHOOK_URL).toBeTruthy();
    expect(compose.services.grafana.volumes).toContain('./config/grafana/provisioning:/etc/grafana/provisioning:ro');
  });

  it('route every alert to that contact point, one group per rule and alert id or feed source', () => {
    const [policy] = notifications.policies;
    expect(notifications.contactPoints.map((c) => c.name)).toContain(policy!.receiver);
    expect(policy!.group_by).toEqual(expect.arrayContaining(['alertname', 'id', 'src']));
    // Every label a rule's query produces is grouped on: one notification per jamwatch alert or feed.
    expect(allRules.some((r) => r.data.some((q) => q.model.query?.includes('id: r.id')))).toBe(true);
    expect(allRules.some((r) => r.data.some((q) => q.model.query?.includes('src: r.src')))).toBe(true);
  });
});
