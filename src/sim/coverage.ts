import { distanceKm } from '../core/geodesy.js';
import { radioHorizonKm } from '../core/radio-horizon.js';
import type { Scenario } from '../schema/scenario.js';

/**
 * Which receivers hear a craft: one whose nominal range and radio horizon (its antenna height and the craft's)
 * both reach the craft, unless the craft is inside a coverage hole below the hole's ceiling, or outside the
 * scenario area.
 */
interface CompiledReceiver {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  readonly rangeKm: number;
  readonly antennaM: number;
}

const KM_PER_DEG_LAT = 111.2;

export class Coverage {
  private readonly receivers: CompiledReceiver[];
  private readonly holes: Scenario['coverageHoles'];
  private readonly area: Scenario['area'];
  /** Nearest and second-nearest receivers found by the last `hear` call. */
  readonly heard: [CompiledReceiver | undefined, CompiledReceiver | undefined] = [undefined, undefined];

  constructor(scenario: Scenario, domain: 'adsb' | 'ais') {
    this.receivers = scenario.receivers.filter((r) => r.domain === domain);
    this.holes = scenario.coverageHoles;
    this.area = scenario.area;
  }

  /** How many receivers hear a craft at this place (0, 1 or 2: the two nearest are kept in `heard`). */
  hear(lat: number, lon: number, heightM: number, altFt: number): number {
    this.heard[0] = undefined;
    this.heard[1] = undefined;
    const a = this.area;
    if (lat < a.south || lat > a.north || lon < a.west || lon > a.east) return 0;
    for (const h of this.holes) {
      if (altFt < h.belowFt && Math.abs(lat - h.lat) * KM_PER_DEG_LAT < h.radiusKm) {
        if (distanceKm(lat, lon, h.lat, h.lon) < h.radiusKm) return 0;
      }
    }
    let d0 = Number.POSITIVE_INFINITY;
    let d1 = Number.POSITIVE_INFINITY;
    let count = 0;
    for (const r of this.receivers) {
      if (Math.abs(lat - r.lat) * KM_PER_DEG_LAT > r.rangeKm) continue;
      const d = distanceKm(lat, lon, r.lat, r.lon);
      if (d > r.rangeKm || d > radioHorizonKm(r.antennaM, heightM)) continue;
      count++;
      if (d < d0) {
        this.heard[1] = this.heard[0];
        d1 = d0;
        this.heard[0] = r;
        d0 = d;
      } else if (d < d1) {
        this.heard[1] = r;
        d1 = d;
      }
    }
    return Math.min(count, 2);
  }
}
