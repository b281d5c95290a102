import { ALERT_SCHEMA_ID, type Alert } from '../schema/alert.js';
import type { CellRow } from '../schema/cell.js';
import { distanceKm } from '../sim/geo.js';

/**
 * gpsjam.org's rule turned into alerts, so that `jamwatch eval --input` can score it with the same matcher as
 * jamwatch: a cell is red when (bad − 1)/(bad + good) ≥ 10 % (gpsjam.org's red band, no minimum count) — the
 * `gpsjamRatio` that the region stage writes on every `gnss_cell` row. Red cells of one tick are joined when their
 * centres are close, and joined across ticks while they keep touching; each chain is one jamming alert (gpsjam's
 * rule cannot tell spoofing). gpsjam.org itself colours 24-hour days; here it runs on jamwatch's windows, which is
 * the fairer comparison for latency.
 */
export interface GpsjamRuleOptions {
  /** gpsjam.org's red band starts at 10 %. */
  redRatio: number;
  /** Cells whose centres are this close belong together: about two H3 res-4 cell widths. */
  linkKm: number;
  /** A chain that has no red cell for this long is resolved, minutes. */
  maxGapMin: number;
}

export const DEFAULT_GPSJAM_RULE: GpsjamRuleOptions = { redRatio: 0.1, linkKm: 60, maxGapMin: 15 };

/** Mean circumradius of an H3 resolution-4 cell (edge ≈ 22.6 km), added to the chain's radius. */
const RES4_CELL_RADIUS_KM = 22.6;

interface Chain {
  firstT: number;
  lastT: number;
  firstCell: string;
  res: number;
  last: CellRow[];
  cells: Map<string, CellRow>;
  peakAffected: number;
  peakObserved: number;
  peakRatio: number;
}

/** Alert messages (one `open`, one `resolved` per chain) from gpsjam's rule on the cell rows. */
export function gpsjamAlerts(rows: readonly CellRow[], options: Partial<GpsjamRuleOptions> = {}): Alert[] {
  const o = { ...DEFAULT_GPSJAM_RULE, ...options };
  const src = rows.some((r) => r.src === 'adsb') ? 'adsb' : 'all';
  const red = rows.filter((r) => r.src === src && r.gpsjamRatio >= o.redRatio).sort((a, b) => a.t - b.t);
  const ticks = new Map<number, CellRow[]>();
  for (const r of red) (ticks.get(r.t) ?? ticks.set(r.t, []).get(r.t)!).push(r);
  const open: Chain[] = [];
  const done: Chain[] = [];
  const gapMs = o.maxGapMin * 60_000;
  for (const [t, cells] of ticks) {
    for (let i = open.length - 1; i >= 0; i--) {
      if (open[i]!.lastT < t - gapMs) done.push(...open.splice(i, 1));
    }
    for (const cluster of clusters(cells, o.linkKm)) {
      const touching = open.filter((c) => touches(c.last, cluster, o.linkKm));
      const chain = touching[0] ?? newChain(t, cluster[0]!);
      if (!touching[0]) open.push(chain);
      for (const other of touching.slice(1)) {
        absorb(chain, other);
        open.splice(open.indexOf(other), 1);
      }
      extend(chain, t, cluster);
    }
  }
  done.push(...open);
  return done.sort((a, b) => a.firstT - b.firstT).flatMap(toAlerts);
}

function clusters(cells: readonly CellRow[], linkKm: number): CellRow[][] {
  const groups: CellRow[][] = [];
  for (const cell of cells) {
    const near = groups.filter((g) => g.some((c) => distanceKm(c.lat, c.lon, cell.lat, cell.lon) <= linkKm));
    const target = near[0] ?? [];
    if (!near[0]) groups.push(target);
    for (const g of near.slice(1)) {
      target.push(...g);
      groups.splice(groups.indexOf(g), 1);
    }
    target.push(cell);
  }
  return groups;
}

function touches(a: readonly CellRow[], b: readonly CellRow[], linkKm: number): boolean {
  return a.some((x) => b.some((y) => distanceKm(x.lat, x.lon, y.lat, y.lon) <= linkKm));
}

function newChain(t: number, first: CellRow): Chain {
  return {
    firstT: t,
    lastT: t,
    firstCell: first.cell,
    res: first.res,
    last: [],
    cells: new Map(),
    peakAffected: 0,
    peakObserved: 0,
    peakRatio: 0,
  };
}

function extend(chain: Chain, t: number, cluster: CellRow[]): void {
  chain.last = chain.lastT === t ? [...chain.last, ...cluster] : cluster;
  chain.lastT = t;
  for (const c of cluster) chain.cells.set(c.cell, c);
  chain.peakAffected = Math.max(
    chain.peakAffected,
    sum(chain.last, (c) => c.degraded),
  );
  chain.peakObserved = Math.max(
    chain.peakObserved,
    sum(chain.last, (c) => c.craft),
  );
  chain.peakRatio = Math.max(chain.peakRatio, ...cluster.map((c) => c.gpsjamRatio));
}

function absorb(into: Chain, other: Chain): void {
  into.firstT = Math.min(into.firstT, other.firstT);
  for (const [id, c] of other.cells) into.cells.set(id, c);
  into.peakAffected = Math.max(into.peakAffected, other.peakAffected);
  into.peakObserved = Math.max(into.peakObserved, other.peakObserved);
  into.peakRatio = Math.max(into.peakRatio, other.peakRatio);
}

function sum(rows: readonly CellRow[], f: (r: CellRow) => number): number {
  let s = 0;
  for (const r of rows) s += f(r);
  return s;
}

function toAlerts(chain: Chain): Alert[] {
  const cells = [...chain.cells.values()];
  const lat = sum(cells, (c) => c.lat) / cells.length;
  const lon = sum(cells, (c) => c.lon) / cells.length;
  const radiusKm = Math.max(...cells.map((c) => distanceKm(lat, lon, c.lat, c.lon))) + RES4_CELL_RADIUS_KM;
  const started = new Date(chain.firstT).toISOString();
  const ended = new Date(chain.lastT).toISOString();
  const base: Alert = {
    schema: ALERT_SCHEMA_ID,
    id: `gpsjam:${chain.firstCell}:${started}`,
    kind: 'jamming',
    status: 'open',
    severity: 'medium',
    score: 0,
    startedAt: started,
    updatedAt: started,
    area: { cells: [...chain.cells.keys()], resolution: chain.res, center: { lat, lon }, radiusKm },
    affected: { aircraft: chain.peakAffected, vessels: 0 },
    observed: { aircraft: chain.peakObserved, vessels: 0 },
    evidence: [
      {
        code: 'GPSJAM_RATIO',
        text: "gpsjam.org's (bad − 1)/(bad + good), highest cell",
        value: Math.round(chain.peakRatio * 1e4) / 1e4,
      },
    ],
  };
  return [base, { ...base, status: 'resolved', updatedAt: ended, endedAt: ended }];
}
