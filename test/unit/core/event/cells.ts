import { cellCentre, cellsWithin } from '../../../../src/core/region/cells.js';
import { ANOMALOUS_CELL_SCHEMA_ID, type AnomalousCell, type CellSample } from '../../../../src/schema/cell.js';

/** Test anomalous cells: `affected` + `good` aircraft sampled at the cell centre, ids from `prefix`. */
export interface CellSpec {
  kind?: 'jamming' | 'spoofing';
  level?: number;
  score?: number;
  affected?: number;
  good?: number;
  prefix?: string;
  spoofAt?: { lat: number; lon: number };
  /** These samples instead of generated ones (the counts follow them). */
  samples?: CellSample[];
}

export function anomalous(cell: string, t: number, spec: CellSpec = {}): AnomalousCell {
  const centre = cellCentre(cell);
  const level = spec.level ?? 2;
  const samples = spec.samples ?? generatedSamples(cell, spec);
  const count = (domain: 'air' | 'sea', affected: boolean) =>
    samples.filter((s) => s.domain === domain && (!affected || s.status !== 'good')).length;
  const affected = count('air', true) + count('sea', true);
  return {
    schema: ANOMALOUS_CELL_SCHEMA_ID,
    t,
    cell,
    res: centre.res,
    lat: centre.lat,
    lon: centre.lon,
    kind: spec.kind ?? 'jamming',
    score: spec.score ?? [0, 3.5, 6, 12][level]!,
    level,
    observed: { aircraft: count('air', false), vessels: count('sea', false) },
    affected: { aircraft: count('air', true), vessels: count('sea', true) },
    samples,
    evidence: [
      { code: 'AFFECTED_RATIO', text: 'affected', value: affected / samples.length },
      { code: 'BASELINE', text: 'baseline', value: 0.02 },
      { code: 'DEGRADED', text: 'craft with degraded GNSS', value: affected },
    ],
  };
}

/** `affected` + `good` aircraft a little apart near the cell centre. */
function generatedSamples(cell: string, spec: CellSpec): CellSample[] {
  const centre = cellCentre(cell);
  const affected = spec.affected ?? 4;
  const good = spec.good ?? 4;
  const prefix = spec.prefix ?? cell.slice(-9, -7);
  const samples: CellSample[] = [];
  for (let i = 0; i < affected + good; i++) {
    const sample: CellSample = {
      id: `icao:${prefix}${i.toString(16).padStart(4, '0')}`,
      domain: 'air',
      status: i < affected ? (spec.kind === 'spoofing' ? 'spoofed' : 'degraded') : 'good',
      lat: centre.lat + i * 0.01,
      lon: centre.lon,
      alt: 35_000,
    };
    if (spec.spoofAt && i < affected) {
      sample.spoofLat = spec.spoofAt.lat;
      sample.spoofLon = spec.spoofAt.lon;
    }
    samples.push(sample);
  }
  return samples;
}

/** The cells exactly `ring` grid steps from `cell`, sorted. */
export function ringOf(cell: string, ring: number): string[] {
  const inner = new Set(ring > 0 ? cellsWithin(cell, ring - 1) : []);
  return cellsWithin(cell, ring)
    .filter((c) => !inner.has(c))
    .sort();
}
