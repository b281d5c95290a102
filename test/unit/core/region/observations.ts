import { cellAt } from '../../../../src/core/region/cells.js';
import {
  type CraftStatus,
  EVIDENCE,
  OBSERVATION_SCHEMA_ID,
  type Observation,
} from '../../../../src/schema/observation.js';

/** Test observations: a craft in a cell near (lat, lon), with the fields the region stage reads. */
export interface ObsSpec {
  t: number;
  id: string;
  status?: CraftStatus;
  lat?: number;
  lon?: number;
  alt?: number;
  domain?: 'air' | 'sea';
  evidence?: number;
  spoofLat?: number;
  spoofLon?: number;
}

export const T0 = Date.UTC(2026, 0, 7, 6, 0, 0);
export const HELSINKI = { lat: 60.32, lon: 24.83 };

export function obs(spec: ObsSpec): Observation {
  const lat = spec.lat ?? HELSINKI.lat;
  const lon = spec.lon ?? HELSINKI.lon;
  const status = spec.status ?? 'good';
  const o: Observation = {
    schema: OBSERVATION_SCHEMA_ID,
    t: spec.t,
    cell: cellAt(lat, lon, 4),
    id: spec.id,
    domain: spec.domain ?? 'air',
    status,
    lat,
    lon,
    alt: spec.alt ?? (spec.domain === 'sea' ? 0 : 35_000),
    estimated: false,
    evidence: spec.evidence ?? (status === 'degraded' ? EVIDENCE.NACP_LOW : status === 'spoofed' ? EVIDENCE.JUMP : 0),
  };
  if (spec.spoofLat !== undefined) o.spoofLat = spec.spoofLat;
  if (spec.spoofLon !== undefined) o.spoofLon = spec.spoofLon;
  return o;
}

/** `good` + `bad` distinct aircraft in one cell, each seen once at `t`. */
export function crowd(t: number, good: number, bad: number, at = HELSINKI, prefix = 'a'): Observation[] {
  const out: Observation[] = [];
  for (let i = 0; i < good + bad; i++) {
    out.push(
      obs({ t, id: `icao:${prefix}${i.toString(16).padStart(5, '0')}`, status: i < bad ? 'degraded' : 'good', ...at }),
    );
  }
  return out;
}
