import type { AnomalousCell } from '../../schema/cell.js';
import { COUNT_CODES, type Evidence, percent, round4 } from '../region/evidence.js';
import { gpsjamRatio } from '../region/score.js';
import type { CraftCounts } from './craft-counts.js';
import { type EmitterEstimate, isLocated } from './emitter-fit.js';

/**
 * The evidence of an event: its distinct affected share, its size, its strongest cell (score and baseline), the craft
 * counts of the cells summed per code (a craft that crossed a cell edge within the window counts in both), the
 * emitter fit (or why it locates nothing), and gpsjam.org's figure on the same craft for comparison.
 */
export function eventEvidence(
  cells: readonly AnomalousCell[],
  counts: CraftCounts,
  emitter: EmitterEstimate | undefined,
): Evidence[] {
  const observed = counts.observed.aircraft + counts.observed.vessels;
  const affected = counts.affected.aircraft + counts.affected.vessels;
  const out: Evidence[] = [
    {
      code: 'AFFECTED_RATIO',
      text: `${affected} of ${observed} distinct craft affected (${percent(observed ? affected / observed : 0)}) in ${cells.length} cells`,
      value: round4(observed ? affected / observed : 0),
    },
    { code: 'CELLS', text: 'anomalous cells joined into this event', value: cells.length },
  ];
  let peak: AnomalousCell | undefined;
  for (const cell of cells) if (peak === undefined || cell.score > peak.score) peak = cell;
  if (peak) {
    out.push({ code: 'PEAK_SCORE', text: `score of the strongest cell, ${peak.cell}`, value: peak.score });
    const baseline = peak.evidence.find((e) => e.code === 'BASELINE');
    if (baseline) out.push({ ...baseline, text: `${baseline.text}, strongest cell` });
  }
  const sums = new Map<string, Evidence>();
  for (const cell of cells) {
    for (const e of cell.evidence) {
      if (!COUNT_CODES.has(e.code)) continue;
      const sum = sums.get(e.code);
      if (sum) sum.value += e.value;
      else sums.set(e.code, { code: e.code, text: `${e.text}, summed over the cells`, value: e.value });
    }
  }
  out.push(...sums.values());
  if (emitter && !isLocated(emitter)) {
    out.push({
      code: 'EMITTER_UNRESOLVED',
      text: `the craft do not locate the emitter: error radius (km) beyond its fitted reach of ${Math.round(emitter.reachKm)} km`,
      value: Math.round(emitter.errorKm),
    });
  } else if (emitter) {
    out.push({
      code: 'EMITTER_REACH',
      text: 'fitted reach of the emitter (km) for craft above its radio horizon',
      value: Math.round(emitter.reachKm),
    });
    out.push({
      code: 'EMITTER_CRAFT',
      text: `craft in the emitter fit, ${emitter.affected} of them affected`,
      value: emitter.craft,
    });
  }
  out.push({
    code: 'GPSJAM_RATIO',
    text: `gpsjam.org's (bad − 1)/(bad + good) over the event's craft (${percent(gpsjamRatio(affected, observed))})`,
    value: round4(gpsjamRatio(affected, observed)),
  });
  return out;
}
