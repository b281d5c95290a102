import { describe, expect, it } from 'vitest';
import { EventStage } from '../../../../src/core/event/event-stage.js';
import { eventOptionsSchema } from '../../../../src/core/event/options.js';
import { mulberry32 } from '../../../../src/core/event/prng.js';
import { cellAt, cellsWithin } from '../../../../src/core/region/cells.js';
import { type Alert, alertSchema } from '../../../../src/schema/alert.js';
import type { AnomalousCell } from '../../../../src/schema/cell.js';
import { anomalous, ringOf } from './cells.js';

const TICK = 15_000;
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 7, 6, 0, 0);
const BASE = cellAt(55, 20, 4);
const NEXT = ringOf(BASE, 1)[0]!;
const FAR = cellAt(40, 0, 4);
/** A well-located emitter at 55° N 20° E reaching 200 km. */
const ANCHOR = { lat: 55, lon: 20, errorKm: 10, reachKm: 200, craft: 40, affected: 20 };

/** Run `ticks` ticks from `from`; `cellsAt(t)` gives the anomalous cells of tick t. */
function drive(
  stage: EventStage,
  from: number,
  ticks: number,
  cellsAt: (t: number, i: number) => AnomalousCell[],
  alerts: Alert[] = [],
): Alert[] {
  for (let i = 0; i < ticks; i++) {
    const t = from + i * TICK;
    for (const cell of cellsAt(t, i)) stage.process(cell);
    stage.advance(t, (a) => alerts.push(alertSchema.parse(a)));
  }
  return alerts;
}

const statuses = (alerts: Alert[]) => alerts.map((a) => `${a.id.slice(0, 4)}:${a.status}`);

describe('event stage', () => {
  it('has described defaults', () => {
    const o = eventOptionsSchema.parse({});
    expect(o.joinRings).toBe(3);
    expect(o.cellHoldMs).toBe(300_000);
    expect(o.resolveAfterMs).toBe(600_000);
  });

  it('joins adjacent cells into one event and keeps far ones apart', () => {
    const stage = new EventStage();
    const alerts = drive(stage, T0, 3, (t) => [anomalous(BASE, t), anomalous(NEXT, t), anomalous(FAR, t)]);
    const opened = alerts.filter((a) => a.status === 'open');
    expect(opened).toHaveLength(2);
    const near = opened.find((a) => a.area.cells.includes(BASE))!;
    expect(near.area.cells).toEqual([BASE, NEXT].sort());
    expect(opened.find((a) => a.area.cells.includes(FAR))!.area.cells).toEqual([FAR]);
  });

  it('joins cells three rings apart, not four', () => {
    const three = drive(new EventStage(), T0, 3, (t) => [anomalous(BASE, t), anomalous(ringOf(BASE, 3)[0]!, t)]);
    expect(three.filter((a) => a.status === 'open')).toHaveLength(1);
    const four = drive(new EventStage(), T0, 3, (t) => [anomalous(BASE, t), anomalous(ringOf(BASE, 4)[0]!, t)]);
    expect(four.filter((a) => a.status === 'open')).toHaveLength(2);
  });

  it('opens on the first anomalous tick by default; with openTicks 2 on the second, or at once at the high level', () => {
    const first = drive(new EventStage(), T0, 2, (t, i) => (i === 0 ? [anomalous(BASE, t)] : []));
    expect(first.map((a) => a.status)).toEqual(['open']);
    expect(first[0]!.updatedAt).toBe(new Date(T0).toISOString());
    const once = drive(new EventStage({ openTicks: 2 }), T0, 20, (t, i) => (i === 0 ? [anomalous(BASE, t)] : []));
    expect(once).toEqual([]);
    const twice = drive(new EventStage({ openTicks: 2 }), T0, 3, (t, i) => (i < 2 ? [anomalous(BASE, t)] : []));
    expect(twice.map((a) => a.status)).toEqual(['open']);
    expect(twice[0]!.updatedAt).toBe(new Date(T0 + TICK).toISOString());
    const high = drive(new EventStage({ openTicks: 2 }), T0, 1, (t) => [anomalous(BASE, t, { level: 3 })]);
    expect(high.map((a) => a.status)).toEqual(['open']);
    expect(high[0]!.severity).toBe('high');
  });

  it('gives a stable id from kind, first cell and start time', () => {
    const alerts = drive(new EventStage(), T0, 40, (t, i) =>
      i < 30 ? [anomalous(BASE, t), ...(i > 5 ? [anomalous(NEXT, t)] : [])] : [],
    );
    const ids = new Set(alerts.map((a) => a.id));
    expect(ids).toEqual(new Set([`jam-${BASE}-20260107T060000Z`]));
    expect(alerts.every((a) => a.startedAt === new Date(T0).toISOString())).toBe(true);
  });

  it('does not flap on a noisy on/off input, and resolves once after it goes quiet', () => {
    const random = mulberry32(42);
    const stage = new EventStage();
    // An hour of a cell anomalous on about half the ticks, at a level that wanders between 1 and 2.
    const alerts = drive(stage, T0, 240, (t) =>
      random() < 0.5 ? [anomalous(BASE, t, { level: random() < 0.5 ? 1 : 2 })] : [],
    );
    expect(alerts.filter((a) => a.status === 'open')).toHaveLength(1);
    expect(alerts.filter((a) => a.status === 'resolved')).toHaveLength(0);
    expect(alerts.filter((a) => a.status === 'update').length).toBeLessThanOrEqual(3);
    const after = drive(stage, T0 + 240 * TICK, 60, () => []);
    // the held cell may first lower the severity (an update), then the event resolves once
    expect(after.at(-1)?.status).toBe('resolved');
    expect(after.filter((a) => a.status !== 'update').map((a) => a.status)).toEqual(['resolved']);
    expect(new Set([...alerts, ...after].map((a) => a.id)).size).toBe(1);
  });

  it('resolves after ten quiet minutes, ending at the last anomalous tick', () => {
    const alerts = drive(new EventStage(), T0, 100, (t, i) => (i < 20 ? [anomalous(BASE, t)] : []));
    expect(statuses(alerts)).toEqual(['jam-:open', 'jam-:resolved']);
    const resolved = alerts[1]!;
    const lastAnomalous = T0 + 19 * TICK;
    expect(resolved.endedAt).toBe(new Date(lastAnomalous).toISOString());
    expect(resolved.updatedAt).toBe(new Date(lastAnomalous + 10 * MINUTE).toISOString());
  });

  it('sends no update while nothing changes materially', () => {
    const alerts = drive(new EventStage(), T0, 120, (t) => [anomalous(BASE, t), anomalous(NEXT, t)]);
    expect(statuses(alerts)).toEqual(['jam-:open']);
  });

  it('updates when cells join, holds severity for five minutes before lowering it', () => {
    const alerts = drive(new EventStage(), T0, 80, (t, i) => {
      if (i < 10) return [anomalous(BASE, t, { level: 3 })];
      return [anomalous(BASE, t, { level: 1 }), ...(i >= 50 ? [anomalous(NEXT, t, { level: 1 })] : [])];
    });
    expect(alerts.map((a) => `${a.status}:${a.severity}:${a.area.cells.length}`)).toEqual([
      'open:high:1',
      'update:low:1',
      'update:low:2',
    ]);
    // Level 1 since tick 10; the hold runs from the first lower evaluation.
    expect(alerts[1]!.updatedAt).toBe(new Date(T0 + 10 * TICK + 5 * MINUTE).toISOString());
  });

  it('reopens under the same id when the event comes back soon, with a new id when it comes back late', () => {
    const stage = new EventStage();
    const on = (from: number, ticks: number) => drive(stage, from, ticks, (t) => [anomalous(BASE, t)]);
    const off = (from: number, ticks: number) => drive(stage, from, ticks, () => []);
    const first = [...on(T0, 10), ...off(T0 + 10 * TICK, 60)];
    const soon = [...on(T0 + 70 * TICK, 10), ...off(T0 + 80 * TICK, 200)];
    const late = on(T0 + 280 * TICK, 10);
    expect(statuses(first)).toEqual(['jam-:open', 'jam-:resolved']);
    expect(soon.map((a) => a.status)).toEqual(['open', 'resolved']);
    expect(soon[0]!.id).toBe(first[0]!.id);
    expect(soon[0]!.endedAt).toBeUndefined();
    expect(late.map((a) => a.status)).toEqual(['open']);
    expect(late[0]!.id).not.toBe(first[0]!.id);
  });

  it('merges two events that grow together into the older one', () => {
    const left = BASE;
    const right = ringOf(BASE, 4)[0]!;
    const between = cellsWithin(left, 2).find((c) => cellsWithin(right, 2).includes(c))!;
    const alerts = drive(new EventStage(), T0, 30, (t, i) => {
      const cells = [anomalous(left, t)];
      if (i >= 2) cells.push(anomalous(right, t));
      if (i >= 10) cells.push(anomalous(between, t));
      return cells;
    });
    const older = alerts[0]!.id;
    const younger = alerts.find((a) => a.id !== older)!.id;
    const merged = alerts.find((a) => a.id === younger && a.status === 'resolved')!;
    expect(merged.evidence.find((e) => e.code === 'MERGED')!.text).toBe(`merged into ${older}`);
    const grown = alerts.filter((a) => a.id === older).at(-1)!;
    expect(grown.status).toBe('update');
    expect(grown.area.cells).toEqual([left, right, between].sort());
  });

  it('keeps jamming and spoofing apart, and gives spoofing its target', () => {
    const beirut = { lat: 33.82, lon: 35.49 };
    const alerts = drive(new EventStage(), T0, 3, (t) => [
      anomalous(BASE, t),
      anomalous(NEXT, t, { kind: 'spoofing', spoofAt: beirut }),
    ]);
    expect(alerts.map((a) => a.kind).sort()).toEqual(['jamming', 'spoofing']);
    const spoof = alerts.find((a) => a.kind === 'spoofing')!;
    expect(spoof.id.startsWith(`spoof-${NEXT}-`)).toBe(true);
    expect(spoof.spoofTarget).toEqual(beirut);
    expect(alerts.find((a) => a.kind === 'jamming')!.spoofTarget).toBeUndefined();
  });

  it('counts distinct craft across cells, and reports the area and evidence', () => {
    const alerts = drive(new EventStage(), T0, 2, (t) => [
      anomalous(BASE, t, { affected: 3, good: 5, prefix: 'aa' }),
      anomalous(NEXT, t, { affected: 2, good: 1, prefix: 'bb' }),
    ]);
    const open = alerts[0]!;
    expect(open.affected).toEqual({ aircraft: 5, vessels: 0 });
    expect(open.observed).toEqual({ aircraft: 11, vessels: 0 });
    expect(open.area.resolution).toBe(4);
    expect(open.area.radiusKm).toBeGreaterThan(22);
    expect(open.area.radiusKm).toBeLessThan(70);
    const codes = open.evidence.map((e) => e.code);
    expect(codes).toEqual(
      expect.arrayContaining(['AFFECTED_RATIO', 'CELLS', 'PEAK_SCORE', 'DEGRADED', 'GPSJAM_RATIO']),
    );
    expect(open.evidence.find((e) => e.code === 'DEGRADED')!.value).toBe(5);
    // Affected craft bunched in two cells with no unaffected craft around them do not locate an emitter.
    expect(open.emitter).toBeUndefined();
    expect(open.evidence.find((e) => e.code === 'EMITTER_UNRESOLVED')!.value).toBeGreaterThan(100);
  });

  it('joins a far patch within the reach of its located emitter to the event, not one beyond it', () => {
    const stage = new EventStage();
    const alerts = drive(stage, T0, 2, (t) => [anomalous(BASE, t)]);
    const id = alerts[0]!.id;
    const snapshot = stage.snapshot();
    snapshot.events[0]!.anchor = ANCHOR;
    stage.restore(snapshot);
    const within = cellAt(56.3, 20, 4); // ~145 km north of the emitter, far more than three rings from BASE
    const beyond = cellAt(57.9, 20, 4); // ~320 km
    drive(stage, T0 + 2 * TICK, 4, (t) => [anomalous(BASE, t), anomalous(within, t), anomalous(beyond, t)], alerts);
    const byId = new Map(alerts.map((a) => [a.id, a]));
    expect(byId.size).toBe(2);
    expect(byId.get(id)!.area.cells).toEqual([BASE, within].sort());
    expect([...byId.values()].find((a) => a.id !== id)!.area.cells).toEqual([beyond]);
  });

  it('remembers a located emitter after its event: patches within its reach form one new event with it', () => {
    const stage = new EventStage();
    const snapshot = stage.snapshot();
    snapshot.known = [{ kind: 'jamming', fit: ANCHOR, until: T0 + 3_600_000 }];
    stage.restore(JSON.parse(JSON.stringify(snapshot)));
    const north = cellAt(56.2, 20, 4);
    const south = cellAt(53.8, 20, 4); // ~270 km apart, each ~130 km from the emitter
    const alerts = drive(stage, T0, 3, (t) => [anomalous(north, t), anomalous(south, t)]);
    expect(new Set(alerts.map((a) => a.id)).size).toBe(1);
    expect(alerts[0]!.area.cells).toEqual([north, south].sort());
    // the remembered fit locates it until the event's own craft do better
    expect(alerts[0]!.emitter).toMatchObject({ lat: ANCHOR.lat, lon: ANCHOR.lon, errorKm: ANCHOR.errorKm });
    // …and a remembered emitter past its time, or another kind, joins nothing
    const late = new EventStage();
    late.restore({ ...snapshot, known: [{ kind: 'jamming', fit: ANCHOR, until: T0 - 1 }] });
    expect(new Set(drive(late, T0, 3, (t) => [anomalous(north, t), anomalous(south, t)]).map((a) => a.id)).size).toBe(
      2,
    );
    const spoof = new EventStage();
    spoof.restore({ ...snapshot, known: [{ kind: 'spoofing', fit: ANCHOR, until: T0 + 3_600_000 }] });
    expect(new Set(drive(spoof, T0, 3, (t) => [anomalous(north, t), anomalous(south, t)]).map((a) => a.id)).size).toBe(
      2,
    );
  });

  it('decides the same after a snapshot and restore', () => {
    const input = (t: number, i: number) =>
      i % 7 === 3 ? [] : [anomalous(BASE, t, { level: 1 + (i % 3) }), ...(i > 20 ? [anomalous(NEXT, t)] : [])];
    const straight = new EventStage();
    drive(straight, T0, 30, input);
    const restored = new EventStage();
    restored.restore(JSON.parse(JSON.stringify(straight.snapshot())));
    const rest = (i: number) => (i < 40 ? input(0, i + 30) : []);
    const a = drive(straight, T0 + 30 * TICK, 100, (t, i) => rest(i).map((c) => ({ ...c, t })));
    const b = drive(restored, T0 + 30 * TICK, 100, (t, i) => rest(i).map((c) => ({ ...c, t })));
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('is deterministic: the same input twice gives identical alerts', () => {
    const input = (t: number, i: number) => [
      anomalous(BASE, t, { level: 1 + (i % 3) }),
      ...(i % 5 ? [anomalous(NEXT, t)] : []),
      ...(i > 10 && i < 30 ? [anomalous(FAR, t)] : []),
    ];
    const a = drive(new EventStage(), T0, 100, input);
    const b = drive(new EventStage(), T0, 100, input);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('ignores cells too late to matter and stays bounded', () => {
    const stage = new EventStage({ maxCells: 3 });
    drive(stage, T0, 2, (t) => [anomalous(BASE, t)]);
    stage.process(anomalous(NEXT, T0 - 10 * MINUTE));
    expect(stage.counters.late).toBe(1);
    for (const cell of ringOf(FAR, 2)) stage.process(anomalous(cell, T0 + 2 * TICK));
    expect(stage.cellCount).toBe(3);
    drive(stage, T0 + 2 * TICK, 1, () => []);
    expect(stage.cellCount).toBe(3);
  });
});
