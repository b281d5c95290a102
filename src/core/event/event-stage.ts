import { BoundedMap } from '../../collections/bounded-map.js';
import type { Alert } from '../../schema/alert.js';
import type { AnomalousCell } from '../../schema/cell.js';
import { distanceKm, meanPosition } from '../geodesy.js';
import type { Evidence } from '../region/evidence.js';
import { type AlertKind, type AlertStatus, alertId, alertMessage } from './alert-message.js';
import { eventArea, spoofTarget } from './area.js';
import { connectedCells } from './clusters.js';
import { distinctCraft, latestSamples } from './craft-counts.js';
import { rememberEdges } from './edges.js';
import { type EmitterEstimate, type FitSample, fitEmitter, isLocated } from './emitter-fit.js';
import {
  type CellRecord,
  type EdgePoint,
  EVENT_SNAPSHOT_SCHEMA_ID,
  type EventSnapshot,
  type EventState,
  eventSnapshotSchema,
  type KnownEmitter,
} from './event-state.js';
import { eventEvidence } from './evidence.js';
import { nextSeverity, type Published, shouldForget, shouldOpen, shouldResolve, updateDue } from './lifecycle.js';
import { type EventOptions, type EventOptionsInput, eventOptionsSchema } from './options.js';
import { hashSeed } from './prng.js';
import { anchors, reachDepth } from './reach.js';

/**
 * Stage 3, one partition for the world: joins anomalous cells into events and runs the alert lifecycle.
 *
 * `process(cell)` holds each anomalous cell's latest report. `advance(streamTime, emit)` evaluates once per new tick
 * boundary (the latest multiple of `tickMs` reached; a driver that advances tick by tick, as the Pipeline does, sees
 * every tick):
 *  1. cells anomalous within `cellHoldMs` are active; per kind, active cells within `joinRings` H3 rings of one
 *     another form components (clusters.ts);
 *  2. a component belongs to every event (pending, open, or resolved within `reopenWithinMs`) that has a cell within
 *     `joinRings` of it; events linked through components merge into the one that is open, then earliest, then first
 *     by id, and a merged open event is resolved with evidence MERGED naming the survivor. An event never splits:
 *     components that came from one event stay in it (no flapping ids when its middle goes quiet). A component
 *     also belongs to the anchored event (reach.ts: its emitter located well) whose reach it lies deepest in, unless
 *     an event it touches explains it by its own reach: one 300 km jammer over sparse traffic stays one event;
 *  3. a component that meets no event starts a pending one: id from kind, first cell and start (alert-message.ts),
 *     the start being when its earliest cell became anomalous. If a remembered emitter (an anchored event's, kept
 *     `emitterMemoryMs` after it) reaches the component, every such component of it starts that one event;
 *  4. events of a kind seen this tick, none anchored and near each other, merge when one fit of them together
 *     anchors and reaches each (mergeByFit): patches too small to locate anything alone;
 *  5. the lifecycle rules of lifecycle.ts decide open / update / resolved.
 * Messages carry the distinct craft counts (craft-counts.ts), the area (area.ts), the evidence (evidence.ts) and, on
 * open and update only, a fresh emitter fit (emitter-fit.ts; a resolved message repeats the last one; a fit whose
 * error radius exceeds its reach does not locate anything and is left out). When the event's anchor locates the
 * emitter better than the fresh fit, the message gives the anchor.
 */
export type EmitAlert = (alert: Alert) => void;

export interface EventCounters {
  cells: number;
  /** Cells older than the hold period at the last evaluation: too late to matter. */
  late: number;
  alerts: number;
}

/** Remembered emitters at most: the world has a few dozen known jammers. */
const MAX_KNOWN_EMITTERS = 200;

interface JoinGroup {
  components: string[][];
  events: Set<EventState>;
  /** The remembered emitter that explains the group's components, when no live event does. */
  known: KnownEmitter | undefined;
}

const PHASE_RANK = { open: 0, pending: 1, resolved: 2 } as const;
const KINDS: readonly AlertKind[] = ['jamming', 'spoofing'];

function byPriority(a: EventState, b: EventState): number {
  return PHASE_RANK[a.phase] - PHASE_RANK[b.phase] || a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1);
}

function byStart(a: EventState, b: EventState): number {
  return a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class EventStage {
  readonly options: EventOptions;
  readonly counters: EventCounters = { cells: 0, late: 0, alerts: 0 };
  private readonly records: BoundedMap<string, CellRecord>;
  private readonly events: BoundedMap<string, EventState>;
  private lastEval = -1;
  private known: KnownEmitter[] = [];

  constructor(options: EventOptionsInput = {}) {
    this.options = eventOptionsSchema.parse(options);
    this.records = new BoundedMap(this.options.maxCells);
    this.events = new BoundedMap(this.options.maxEvents);
  }

  /** True when nothing is held: evaluations have nothing to do. */
  get idle(): boolean {
    return this.records.size === 0 && this.events.size === 0;
  }

  /** Anomalous cells held for joining. */
  get cellCount(): number {
    return this.records.size;
  }

  /** Events held: pending, open and recently resolved. */
  get eventCount(): number {
    return this.events.size;
  }

  process(cell: AnomalousCell): void {
    this.counters.cells++;
    if (this.lastEval >= 0 && cell.t < this.lastEval - this.options.cellHoldMs) {
      this.counters.late++;
      return;
    }
    const key = `${cell.kind}:${cell.cell}`;
    const record = this.records.get(key);
    if (record === undefined) {
      this.records.set(key, { lastSeen: cell.t, firstSeen: cell.t, cell });
    } else if (cell.t >= record.lastSeen) {
      // A gap of more than one tick beyond the hold period starts a new anomalous stretch.
      if (cell.t - record.lastSeen > this.options.cellHoldMs + this.options.tickMs) record.firstSeen = cell.t;
      record.cell = cell;
      this.records.touch(key, record, cell.t);
    }
  }

  advance(streamTimeMs: number, emit: EmitAlert): void {
    const tick = this.options.tickMs;
    const boundary = Math.floor(streamTimeMs / tick) * tick;
    if (boundary <= this.lastEval) return;
    this.lastEval = boundary;
    if (!this.idle) this.evaluate(boundary, emit);
  }

  snapshot(): EventSnapshot {
    // A deep copy through JSON: the snapshot shares nothing with the live state.
    return JSON.parse(
      JSON.stringify({
        schema: EVENT_SNAPSHOT_SCHEMA_ID,
        lastEval: this.lastEval,
        records: [...this.records.values()],
        events: [...this.events.values()],
        known: this.known,
      }),
    ) as EventSnapshot;
  }

  restore(snapshot: EventSnapshot): void {
    const parsed = eventSnapshotSchema.parse(snapshot);
    this.records.clear();
    this.events.clear();
    this.lastEval = parsed.lastEval;
    for (const record of parsed.records) this.records.set(`${record.cell.kind}:${record.cell.cell}`, record);
    for (const event of parsed.events) this.events.set(event.id, event);
    this.known = parsed.known ?? [];
  }

  private evaluate(now: number, emit: EmitAlert): void {
    const active = this.activeRecords(now);
    if (this.known.length > 0) this.known = this.known.filter((k) => k.until > now);
    const observed = new Map<EventState, AnomalousCell[]>();
    for (const kind of KINDS) this.join(kind, active, now, observed, emit);
    const events = [...this.events.values()].sort(byStart);
    for (const event of events) {
      const cells = observed.get(event);
      if (cells) this.observe(event, cells, now);
    }
    for (const kind of KINDS) this.mergeByFit(kind, observed, now, emit);
    for (const event of events) if (this.events.has(event.id)) this.step(event, observed.has(event), now, emit);
  }

  /**
   * Events of one kind seen this tick, none anchored, near each other: when one fit of their craft together anchors
   * (reach.ts) and reaches each of them, they are one emitter's patches and merge (priority as in join). Each patch
   * alone is too small to locate anything; together they pin the emitter.
   */
  private mergeByFit(kind: AlertKind, observed: Map<EventState, AnomalousCell[]>, now: number, emit: EmitAlert): void {
    const o = this.options;
    if (o.fitMergeWithinKm <= 0 || !o.emitter.enabled) return;
    const loose = [...observed.keys()].filter((e) => e.kind === kind && e.anchor === undefined).sort(byPriority);
    const centres = new Map(loose.map((e) => [e, centreOf(e.cells)]));
    for (let i = 0; i < loose.length; i++) {
      const a = loose[i]!;
      for (let j = i + 1; j < loose.length; j++) {
        const b = loose[j]!;
        const ca = centres.get(a)!;
        const cb = centres.get(b)!;
        if (distanceKm(ca.lat, ca.lon, cb.lat, cb.lon) > o.fitMergeWithinKm) continue;
        const cells = [...a.cells, ...b.cells].sort((x, y) => (x.cell < y.cell ? -1 : 1));
        const edges = [...(a.edges ?? []), ...(b.edges ?? [])];
        const fit = fitEmitter(fitSamples(cells, edges), o.emitter, hashSeed(`${a.id}+${b.id}@${now}`));
        if (fit === undefined || !anchors(fit, o.anchorErrorFraction)) continue;
        if (reachDepth(fit, a.cells) === undefined || reachDepth(fit, b.cells) === undefined) continue;
        this.absorb(b, a, now, emit);
        a.cells = cells;
        a.edges = edges;
        a.anchor = fit;
        observed.set(a, cells);
        observed.delete(b);
        loose.splice(j, 1);
        centres.set(a, centreOf(cells));
        j = i;
      }
    }
  }

  /** Records anomalous within the hold period (inclusive), by kind; older ones are dropped. */
  private activeRecords(now: number): Map<string, CellRecord> {
    const cutoff = now - this.options.cellHoldMs;
    const active = new Map<string, CellRecord>();
    for (const [key, record] of this.records.entries()) {
      if (record.lastSeen < cutoff) this.records.delete(key);
      else active.set(key, record);
    }
    return active;
  }

  /** Steps 1–3: components of one kind, matched to events, merged, or new. */
  private join(
    kind: AlertKind,
    active: Map<string, CellRecord>,
    now: number,
    observed: Map<EventState, AnomalousCell[]>,
    emit: EmitAlert,
  ): void {
    const cells: string[] = [];
    for (const record of active.values()) if (record.cell.kind === kind) cells.push(record.cell.cell);
    if (cells.length === 0) return;
    const { components, disks } = connectedCells(cells, this.options.joinRings);
    const joinable = [...this.events.values()].filter(
      (e) => e.kind === kind && !(e.phase === 'resolved' && shouldForget(now, e.endedAt, this.options.reopenWithinMs)),
    );
    const index = new Map<string, EventState[]>();
    for (const event of joinable) {
      for (const cell of event.cells) {
        const list = index.get(cell.cell);
        if (list) list.push(event);
        else index.set(cell.cell, [event]);
      }
    }
    const anchored = joinable.filter((e) => e.anchor !== undefined);
    // Union of components through the events they touch.
    const groups: JoinGroup[] = [];
    const groupOf = new Map<EventState, number>();
    const groupOfKnown = new Map<KnownEmitter, number>();
    for (const component of components) {
      const touched = new Set<EventState>();
      for (const cell of component) {
        for (const near of disks.get(cell) ?? []) for (const event of index.get(near) ?? []) touched.add(event);
      }
      if (anchored.length > 0) {
        const reached = withinReach(
          component.map((cell) => active.get(`${kind}:${cell}`)!.cell),
          anchored,
          touched,
        );
        if (reached !== undefined) touched.add(reached);
      }
      const into = new Set<number>();
      for (const event of touched) {
        const g = groupOf.get(event);
        if (g !== undefined) into.add(g);
      }
      // Nothing live explains it: a remembered emitter may (every such component of it becomes one new event).
      const known =
        touched.size === 0
          ? deepestKnown(
              component.map((cell) => active.get(`${kind}:${cell}`)!.cell),
              this.known.filter((k) => k.kind === kind),
            )
          : undefined;
      if (known !== undefined) {
        const g = groupOfKnown.get(known);
        if (g !== undefined) into.add(g);
      }
      const group: JoinGroup = { components: [component], events: touched, known };
      for (const g of [...into].sort((a, b) => a - b)) {
        const other = groups[g]!;
        group.components.unshift(...other.components);
        for (const event of other.events) group.events.add(event);
        group.known ??= other.known;
        other.components = [];
        other.events = new Set();
      }
      const id = groups.length;
      groups.push(group);
      for (const event of group.events) groupOf.set(event, id);
      if (group.known !== undefined) groupOfKnown.set(group.known, id);
    }
    for (const group of groups) {
      if (group.components.length === 0) continue;
      const records = group.components.flat().map((cell) => active.get(`${kind}:${cell}`)!);
      const members = [...group.events].sort(byPriority);
      let primary = members[0];
      for (const absorbed of members.slice(1)) this.absorb(absorbed, primary!, now, emit);
      if (primary === undefined) {
        primary = this.create(kind, records, now);
        if (group.known !== undefined) primary.anchor = group.known.fit;
      } else if (primary.phase === 'resolved') {
        // Back within the reopen period: pending again under the same id, opened again by the same rule.
        primary.phase = 'pending';
        primary.ticks = 0;
        primary.lastTick = -1;
      }
      observed.set(
        primary,
        records.map((r) => r.cell).sort((a, b) => (a.cell < b.cell ? -1 : 1)),
      );
    }
  }

  private create(kind: AlertKind, records: CellRecord[], now: number): EventState {
    let first = records[0]!;
    for (const r of records) {
      if (r.firstSeen < first.firstSeen || (r.firstSeen === first.firstSeen && r.cell.cell < first.cell.cell))
        first = r;
    }
    const event: EventState = {
      lastSeen: now,
      id: alertId(kind, first.cell.cell, first.firstSeen),
      kind,
      phase: 'pending',
      startedAt: first.firstSeen,
      cells: [],
      ticks: 0,
      lastTick: -1,
      lastAnomalousAt: first.firstSeen,
      level: 0,
      score: 0,
      severity: { severity: 1, lowerSince: -1, lowerMax: 0 },
      endedAt: -1,
      published: null,
      emitter: null,
    };
    this.events.set(event.id, event);
    return event;
  }

  /** A located emitter outlives its event by `emitterMemoryMs` (bounded: the oldest goes first). */
  private remember(kind: AlertKind, fit: EmitterEstimate, now: number): void {
    this.known.push({ kind, fit, until: now + this.options.emitterMemoryMs });
    if (this.known.length > MAX_KNOWN_EMITTERS) this.known.shift();
  }

  /** An event merged into another: gone; if it was published, it is resolved with evidence naming the survivor. */
  private absorb(event: EventState, into: EventState, now: number, emit: EmitAlert): void {
    if (event.edges !== undefined) into.edges = [...(into.edges ?? []), ...event.edges];
    if (into.anchor === undefined && event.anchor !== undefined) into.anchor = event.anchor;
    if (event.phase === 'open') {
      event.endedAt = Math.max(event.lastAnomalousAt, event.startedAt);
      const merged: Evidence = { code: 'MERGED', text: `merged into ${into.id}`, value: 1 };
      this.publish(event, 'resolved', now, emit, merged);
    }
    this.events.delete(event.id);
  }

  private observe(event: EventState, cells: AnomalousCell[], now: number): void {
    let latest = -1;
    let level = 0;
    let score = 0;
    for (const cell of cells) {
      latest = Math.max(latest, cell.t);
      level = Math.max(level, cell.level);
      score = Math.max(score, cell.score);
    }
    event.cells = cells;
    event.level = level;
    event.score = score;
    if (latest > event.lastTick) {
      event.ticks++;
      event.lastTick = latest;
    }
    event.lastAnomalousAt = Math.max(event.lastAnomalousAt, latest);
    this.events.touch(event.id, event, now);
  }

  /** Step 4: the lifecycle. */
  private step(event: EventState, active: boolean, now: number, emit: EmitAlert): void {
    const o = this.options;
    switch (event.phase) {
      case 'pending':
        if (!active) {
          if (event.endedAt >= 0) event.phase = 'resolved';
          else this.events.delete(event.id);
        } else if (shouldOpen(event.ticks, event.level, o)) {
          event.phase = 'open';
          event.endedAt = -1;
          event.severity = { severity: Math.max(1, event.level), lowerSince: -1, lowerMax: 0 };
          this.refit(event, now);
          this.publish(event, 'open', now, emit);
        }
        return;
      case 'open':
        if (active) {
          event.severity = nextSeverity(event.severity, event.level, now, o.severityHoldMs);
          if (event.published && updateDue(event.published, this.published(event, now), o)) {
            this.refit(event, now);
            this.publish(event, 'update', now, emit);
          }
        } else if (shouldResolve(now, event.lastAnomalousAt, o.resolveAfterMs)) {
          event.phase = 'resolved';
          event.endedAt = event.lastAnomalousAt;
          this.publish(event, 'resolved', now, emit);
        }
        return;
      case 'resolved':
        if (shouldForget(now, event.endedAt, o.reopenWithinMs)) {
          this.events.delete(event.id);
          if (event.anchor !== undefined) this.remember(event.kind, event.anchor, now);
        }
        return;
    }
  }

  private published(event: EventState, now: number): Published {
    const counts = distinctCraft(event.cells);
    return {
      at: now,
      severity: event.severity.severity,
      cells: event.cells.map((c) => c.cell),
      affected: counts.affected.aircraft + counts.affected.vessels,
    };
  }

  private refit(event: EventState, now: number): void {
    if (!this.options.emitter.enabled) return;
    const current = latestSamples(event.cells);
    const edges = rememberEdges(event.edges ?? [], current, event.startedAt, now, this.options.emitter);
    event.edges = edges;
    const samples = fitSamples(event.cells, edges);
    const fit: EmitterEstimate | undefined = fitEmitter(samples, this.options.emitter, hashSeed(`${event.id}@${now}`));
    event.emitter = fit ?? null;
    if (fit !== undefined && anchors(fit, this.options.anchorErrorFraction)) {
      if (event.anchor === undefined || fit.errorKm <= event.anchor.errorKm) event.anchor = fit;
    }
  }

  private publish(event: EventState, status: AlertStatus, now: number, emit: EmitAlert, extra?: Evidence): void {
    const counts = distinctCraft(event.cells);
    // The anchor is the same emitter located better (earlier in the event, or by the event before it): say so.
    const latest = event.emitter ?? undefined;
    const fit =
      event.anchor !== undefined && (latest === undefined || event.anchor.errorKm < latest.errorKm)
        ? event.anchor
        : latest;
    const evidence = eventEvidence(event.cells, counts, fit);
    if (extra) evidence.push(extra);
    event.published = this.published(event, now);
    this.counters.alerts++;
    emit(
      alertMessage({
        id: event.id,
        kind: event.kind,
        status,
        severity: event.severity.severity,
        score: event.score,
        startedAt: event.startedAt,
        updatedAt: now,
        endedAt: status === 'resolved' ? event.endedAt : undefined,
        area: eventArea(event.cells),
        emitter: fit !== undefined && isLocated(fit) ? fit : undefined,
        spoofTarget: event.kind === 'spoofing' ? spoofTarget(event.cells) : undefined,
        affected: counts.affected,
        observed: counts.observed,
        evidence,
      }),
    );
  }
}

/**
 * The anchored event a component joins by reach (reach.ts), if any: none when an event it already touches explains
 * it by its own reach; else the one whose emitter it lies deepest inside.
 */
function withinReach(
  cells: readonly AnomalousCell[],
  anchored: readonly EventState[],
  touched: ReadonlySet<EventState>,
): EventState | undefined {
  for (const event of touched) if (event.anchor !== undefined && reachDepth(event.anchor, cells) !== undefined) return;
  let best: EventState | undefined;
  let bestDepth = Number.POSITIVE_INFINITY;
  for (const event of anchored) {
    const depth = reachDepth(event.anchor!, cells);
    if (depth !== undefined && depth < bestDepth) {
      best = event;
      bestDepth = depth;
    }
  }
  return best;
}

/** The emitter fit's points: the latest sample of each craft, and where affected craft were last healthy (edges.ts). */
function fitSamples(cells: readonly AnomalousCell[], edges: readonly EdgePoint[]): FitSample[] {
  const samples: FitSample[] = [];
  for (const s of latestSamples(cells))
    samples.push({ lat: s.lat, lon: s.lon, altFt: s.alt, affected: s.status !== 'good' });
  // unaffected points just outside the reach, pinning its edge
  for (const e of edges) samples.push({ lat: e.lat, lon: e.lon, altFt: e.alt, affected: false });
  return samples;
}

function centreOf(cells: readonly AnomalousCell[]): { lat: number; lon: number } {
  return meanPosition(
    cells.map((c) => c.lat),
    cells.map((c) => c.lon),
  );
}

/** The remembered emitter whose reach the component lies deepest inside, if any. */
function deepestKnown(cells: readonly AnomalousCell[], known: readonly KnownEmitter[]): KnownEmitter | undefined {
  let best: KnownEmitter | undefined;
  let bestDepth = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const depth = reachDepth(k.fit, cells);
    if (depth !== undefined && depth < bestDepth) {
      best = k;
      bestDepth = depth;
    }
  }
  return best;
}
