/**
 * readsb's `type` (README-json.md: the best source of the current data) → the report's posSource. Only the ADS-B
 * types carry the craft's own GNSS integrity (DOMAIN.md); MLAT and TIS-B positions are computed on the ground.
 *   adsb_icao, adsb_icao_nt, adsb_other → 'adsb'   adsr_icao, adsr_other → 'adsr'   mlat → 'mlat'
 *   tisb_icao, tisb_other, tisb_trackfile → 'tisb'  adsc, other (SBS input), mode_s, unknown values → 'other'
 */
import type { PosSource } from '../../schema/report.js';

export function posSourceOfType(type: string): PosSource {
  if (type.startsWith('adsb_')) return 'adsb';
  if (type.startsWith('adsr_')) return 'adsr';
  if (type.startsWith('tisb_')) return 'tisb';
  if (type === 'mlat') return 'mlat';
  return 'other';
}

/**
 * Without `type` (dump1090-fa and older readsb), the `mlat` and `tisb` lists name the fields derived from those
 * sources: a position in one of them tells where the position came from. Undefined when neither says.
 */
export function posSourceOfFieldLists(mlat: unknown, tisb: unknown): PosSource | undefined {
  if (Array.isArray(mlat) && mlat.includes('lat')) return 'mlat';
  if (Array.isArray(tisb) && tisb.includes('lat')) return 'tisb';
  return undefined;
}
