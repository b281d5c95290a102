import type { AnomalousCell, CellSample } from '../../schema/cell.js';

/**
 * Distinct craft of an event, per domain, across its cells. A craft that moved between two cells within the window
 * appears in both: the samples carry craft ids, so sampled craft are counted once (affected when any of its cells
 * saw it affected). Samples are bounded per cell; where a cell saw more craft of a kind than it sampled, the
 * remainder is added as if those craft were seen nowhere else. The result is exact when no cell was cut, and
 * otherwise lies between the true distinct count and the plain sum over cells.
 */
export interface CraftCounts {
  observed: { aircraft: number; vessels: number };
  affected: { aircraft: number; vessels: number };
}

export function distinctCraft(cells: readonly AnomalousCell[]): CraftCounts {
  const seen = new Map<string, { air: boolean; affected: boolean }>();
  let extraAir = 0;
  let extraSea = 0;
  let extraAirAffected = 0;
  let extraSeaAffected = 0;
  for (const cell of cells) {
    let air = 0;
    let sea = 0;
    let airAffected = 0;
    let seaAffected = 0;
    for (const s of cell.samples) {
      const isAir = s.domain === 'air';
      const isAffected = s.status !== 'good';
      if (isAir) {
        air++;
        if (isAffected) airAffected++;
      } else {
        sea++;
        if (isAffected) seaAffected++;
      }
      const known = seen.get(s.id);
      if (known === undefined) seen.set(s.id, { air: isAir, affected: isAffected });
      else if (isAffected) known.affected = true;
    }
    extraAir += Math.max(0, cell.observed.aircraft - air);
    extraSea += Math.max(0, cell.observed.vessels - sea);
    extraAirAffected += Math.max(0, cell.affected.aircraft - airAffected);
    extraSeaAffected += Math.max(0, cell.affected.vessels - seaAffected);
  }
  const counts: CraftCounts = {
    observed: { aircraft: extraAir, vessels: extraSea },
    affected: { aircraft: extraAirAffected, vessels: extraSeaAffected },
  };
  for (const craft of seen.values()) {
    if (craft.air) {
      counts.observed.aircraft++;
      if (craft.affected) counts.affected.aircraft++;
    } else {
      counts.observed.vessels++;
      if (craft.affected) counts.affected.vessels++;
    }
  }
  return counts;
}

/** One sample per craft across cells: from the latest cell that saw it (then the first in cell order). */
export function latestSamples(cells: readonly AnomalousCell[]): CellSample[] {
  const byId = new Map<string, { t: number; sample: CellSample }>();
  for (const cell of cells) {
    for (const sample of cell.samples) {
      const known = byId.get(sample.id);
      if (known === undefined || cell.t > known.t) byId.set(sample.id, { t: cell.t, sample });
    }
  }
  return [...byId.values()].map((entry) => entry.sample);
}
