import type { SlabMap } from '../../collections/slab-map.js';

/**
 * Visit every entry of `map` in its order (stalest first) and drop those `keep` says no to, the others keeping their
 * order and last-seen times: what a loop over a BoundedMap's entries that deletes some of them did. Dropped rows go
 * through the map's onEvict, after the whole visit.
 *
 * SlabMap drops entries only from the front (eviction, expiry), so each kept row moves to the back as it is visited
 * (touched at its own last-seen time) and each dropped one stays, last seen at −∞: after the visit the dropped rows
 * are the front, in front of the kept ones in their old order, and expiring before the lowest finite time takes them
 * alone. Moving a row is a few integer writes, far below what the visit does with it.
 */
export function sweepRows<K>(map: SlabMap<K>, keep: (row: number) => boolean): void {
  let dropped = 0;
  let row = map.first();
  for (let left = map.size; left > 0; left--) {
    const next = map.after(row);
    if (keep(row)) map.touch(row, map.lastSeen(row));
    else {
      map.setLastSeen(row, Number.NEGATIVE_INFINITY);
      dropped++;
    }
    row = next;
  }
  if (dropped > 0) map.expireBefore(-Number.MAX_VALUE);
}
