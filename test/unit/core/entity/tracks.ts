import { destination, kmAtSpeed } from '../../../../src/core/geodesy.js';
import { REPORT_SCHEMA_ID, type Report } from '../../../../src/schema/report.js';

/** Synthetic straight tracks for the entity-stage tests: one report every `everyMs`, moving at `gs` along `track`. */
export interface TrackSpec {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  readonly t0: number;
  readonly gs: number;
  readonly track: number;
  readonly count: number;
  readonly everyMs: number;
  /** Extra fields per report (integrity, altitude, …); may override position fields. */
  readonly fields?: (i: number) => Partial<Report>;
}

export const T0 = Date.parse('2026-01-06T22:00:00Z');

export function straightTrack(spec: TrackSpec): Report[] {
  const out: Report[] = [];
  const point = { lat: 0, lon: 0 };
  for (let i = 0; i < spec.count; i++) {
    const t = spec.t0 + i * spec.everyMs;
    destination(spec.lat, spec.lon, spec.track, kmAtSpeed(spec.gs, t - spec.t0), point);
    const report: Report = {
      schema: REPORT_SCHEMA_ID,
      src: spec.id.startsWith('mmsi:') ? 'ais' : 'adsb',
      id: spec.id,
      t,
      lat: point.lat,
      lon: point.lon,
      gs: spec.gs,
      track: spec.track,
      ...spec.fields?.(i),
    };
    out.push(report);
  }
  return out;
}

/** A healthy airliner's ADS-B fields: version 2, NIC 8, NACp 10, at FL350 (override per report). */
export function goodAdsb(extra: Partial<Report> = {}): Partial<Report> {
  return { posSource: 'adsb', adsbVersion: 2, nic: 8, nacp: 10, altBaro: 35_000, integrityAge: 1, ...extra };
}

/** Reports of several craft merged in time order, as a partition would see them. */
export function merged(...tracks: Report[][]): Report[] {
  return tracks.flat().sort((a, b) => a.t - b.t);
}
