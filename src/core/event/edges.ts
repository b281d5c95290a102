import type { CellSample } from '../../schema/cell.js';
import type { EdgePoint } from './event-state.js';
import type { EmitterOptions } from './options.js';

/**
 * The edge memory of one event: for each affected craft, where it was last healthy (observation.ts `edge*`). A craft
 * loses GNSS as it crosses into the emitter's reach, so these points lie on the reach's edge; the 5-min window holds
 * only the latest few, while a fixed emitter is pinned best by every crossing of the event. Kept per craft (the
 * latest), for `edgeMemoryMs` so that a moving emitter is followed, and at most `maxCraft` (the newest).
 * Losses up to `ONSET_MS` after the event started are not kept: a craft already inside the reach when the emitter
 * came on was last healthy deep inside it, not at its edge.
 */
export const ONSET_MS = 60_000;

export function rememberEdges(
  kept: readonly EdgePoint[],
  samples: readonly CellSample[],
  startedAt: number,
  now: number,
  o: Pick<EmitterOptions, 'edgeMemoryMs' | 'maxCraft'>,
): EdgePoint[] {
  const byCraft = new Map<string, EdgePoint>();
  const since = now - o.edgeMemoryMs;
  for (const e of kept) if (e.t >= since) byCraft.set(e.id, e);
  for (const s of samples) {
    if (s.status === 'good' || s.edgeLat === undefined || s.edgeLon === undefined) continue;
    const t = s.edgeT ?? now;
    if (t <= startedAt + ONSET_MS || t < since) continue;
    const held = byCraft.get(s.id);
    if (held !== undefined && held.t > t) continue;
    byCraft.set(s.id, { id: s.id, t, lat: s.edgeLat, lon: s.edgeLon, alt: s.edgeAlt ?? s.alt });
  }
  const out = [...byCraft.values()].sort((a, b) => b.t - a.t || (a.id < b.id ? -1 : 1));
  if (out.length > o.maxCraft) out.length = o.maxCraft;
  return out;
}
