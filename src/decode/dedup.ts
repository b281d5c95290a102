/**
 * "The same message heard by several receivers within a second counts once" (DESIGN.md). Receivers that hear one
 * ADS-B or AIS transmission decode the same craft, position and altitude; their clocks, and the order in which merged
 * feeds arrive, differ by well under a second. So a report is a duplicate when a report of the same craft at the
 * same place (or with no position) and the same altitude (altBaro, else altGeom, else none) was kept within
 * DEDUP_WINDOW_MS of it, before or after. The window is anchored at the report that was kept: a craft that really
 * repeats itself (a frozen, possibly spoofed position) still gets one report through per window, so the freeze stays
 * visible downstream.
 *
 * Layout: per craft id, a ring of DEDUP_SLOTS recently kept reports as numbers (time, lat, lon, altitude) in one
 * Float64Array, compared with `===`: no key strings to build (formatting two doubles cost ~0.5 µs a report, more than
 * the rest; see the hand-off figures). Memory: crafts leave once idle for DEDUP_RETAIN_MS of event time, and at most
 * `maxCraft` are held (least recently heard evicted first; a report then only misses an older duplicate).
 */
import { BoundedMap } from '../collections/bounded-map.js';
import type { Report } from '../schema/report.js';

/** DESIGN.md: "within a second". */
export const DEDUP_WINDOW_MS = 1000;
/** A craft is kept for a window after its last report and a window of lateness, so a report 1 s late still matches. */
export const DEDUP_RETAIN_MS = 2 * DEDUP_WINDOW_MS;
/**
 * Kept reports remembered per craft: an aircraft sends about 2 positions a second (DO-260B) plus the odd
 * "no position", MLAT or TIS-B report, so 8 hold more than DEDUP_RETAIN_MS of distinct reports.
 */
export const DEDUP_SLOTS = 8;
/** Default bound: the whole planet's ~25k aircraft and the vessels heard within DEDUP_RETAIN_MS, with headroom. */
export const DEDUP_MAX_CRAFT = 65_536;

/** Stand-ins that no real value takes, so that "no position" and "no altitude" compare equal with `===`. */
const NO_POSITION = 1000;
const NO_ALTITUDE = -1e9;
const FIELDS = 4; // time, lat, lon, altitude

interface RecentReports {
  lastSeen: number;
  next: number;
  /** DEDUP_SLOTS × (time, lat, lon, altitude); time NaN = empty slot. */
  readonly slots: Float64Array;
}

/** The rule: same place (or both without one), same altitude, event times within the window. */
export function isSameReport(
  t: number,
  lat: number,
  lon: number,
  alt: number,
  keptT: number,
  keptLat: number,
  keptLon: number,
  keptAlt: number,
): boolean {
  return lat === keptLat && lon === keptLon && alt === keptAlt && Math.abs(t - keptT) <= DEDUP_WINDOW_MS;
}

export class ReportDeduplicator {
  private readonly crafts: BoundedMap<string, RecentReports>;
  private newest = Number.NEGATIVE_INFINITY;
  /** Reports found to be duplicates since construction. */
  duplicates = 0;

  constructor(maxCraft = DEDUP_MAX_CRAFT) {
    this.crafts = new BoundedMap(maxCraft);
  }

  /** Crafts currently held. */
  get size(): number {
    return this.crafts.size;
  }

  /** Whether `report` repeats one kept within the window; if it does not, it is kept. */
  isDuplicate(report: Report): boolean {
    const t = report.t;
    if (t > this.newest) {
      this.newest = t;
      this.crafts.expireBefore(t - DEDUP_RETAIN_MS);
    }
    const positioned = report.posAvailable !== false && report.lat !== undefined && report.lon !== undefined;
    const lat = positioned ? report.lat! : NO_POSITION;
    const lon = positioned ? report.lon! : NO_POSITION;
    const alt = report.altBaro ?? report.altGeom ?? NO_ALTITUDE;

    let recent = this.crafts.get(report.id);
    if (recent === undefined) {
      recent = { lastSeen: t, next: 0, slots: new Float64Array(DEDUP_SLOTS * FIELDS).fill(Number.NaN) };
      this.crafts.set(report.id, recent);
    } else {
      this.crafts.touch(report.id, recent, Math.max(recent.lastSeen, t));
      const s = recent.slots;
      for (let i = 0; i < s.length; i += FIELDS) {
        if (isSameReport(t, lat, lon, alt, s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!)) {
          this.duplicates++;
          return true;
        }
      }
    }
    const at = recent.next * FIELDS;
    recent.slots[at] = t;
    recent.slots[at + 1] = lat;
    recent.slots[at + 2] = lon;
    recent.slots[at + 3] = alt;
    recent.next = (recent.next + 1) % DEDUP_SLOTS;
    return false;
  }
}
