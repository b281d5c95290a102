import { BoundedMap } from '../../collections/bounded-map.js';
import type { CellSample } from '../../schema/cell.js';
import { type CraftStatus, type Domain, EVIDENCE, type Observation } from '../../schema/observation.js';
import { type CraftGroup, craftGroup, GROUP_COUNT } from './craft-group.js';

/**
 * The sliding window of one cell: the latest observation of each distinct craft, so that a craft seen 300 times in
 * five minutes counts once. An older observation never replaces a newer one (late data). Entries are mutated in place
 * on the hot path (no allocation per observation once a craft is known).
 */
export interface CraftEntry {
  /** Event time of the craft's latest observation in this cell (the BoundedMap's eviction clock). */
  lastSeen: number;
  id: string;
  domain: Domain;
  status: CraftStatus;
  group: CraftGroup;
  lat: number;
  lon: number;
  alt: number;
  evidence: number;
  spoofLat: number | undefined;
  spoofLon: number | undefined;
  edgeLat: number | undefined;
  edgeLon: number | undefined;
  edgeAlt: number | undefined;
  edgeT: number | undefined;
}

const FLAG_COUNT = Object.keys(EVIDENCE).length;

/** Counts of a window at one tick, reused across cells (typed arrays, no allocation per tick). */
export class WindowTally {
  readonly craft = new Int32Array(GROUP_COUNT);
  readonly affected = new Int32Array(GROUP_COUNT);
  readonly degraded = new Int32Array(GROUP_COUNT);
  readonly spoofed = new Int32Array(GROUP_COUNT);
  /** Craft whose position jumped (EVIDENCE.JUMP). */
  readonly jumps = new Int32Array(GROUP_COUNT);
  /** Craft per EVIDENCE bit, in bit order. */
  readonly flags = new Int32Array(FLAG_COUNT);
  total = 0;
  totalAffected = 0;
  totalSpoofed = 0;

  reset(): void {
    this.craft.fill(0);
    this.affected.fill(0);
    this.degraded.fill(0);
    this.spoofed.fill(0);
    this.jumps.fill(0);
    this.flags.fill(0);
    this.total = 0;
    this.totalAffected = 0;
    this.totalSpoofed = 0;
  }

  /** Sum of `counts` over `groups`. */
  static sum(counts: Int32Array, groups: readonly number[]): number {
    let total = 0;
    for (const g of groups) total += counts[g]!;
    return total;
  }
}

export class CellWindow {
  readonly craft: BoundedMap<string, CraftEntry>;

  constructor(maxCraft: number) {
    this.craft = new BoundedMap(maxCraft);
  }

  get size(): number {
    return this.craft.size;
  }

  /** Keep the observation if it is the craft's latest. */
  put(obs: Observation, altitudeBandFt: number): void {
    const entry = this.craft.get(obs.id);
    if (entry === undefined) {
      this.craft.set(obs.id, {
        lastSeen: obs.t,
        id: obs.id,
        domain: obs.domain,
        status: obs.status,
        group: craftGroup(obs.domain, obs.alt, altitudeBandFt),
        lat: obs.lat,
        lon: obs.lon,
        alt: obs.alt,
        evidence: obs.evidence,
        spoofLat: obs.spoofLat,
        spoofLon: obs.spoofLon,
        edgeLat: obs.edgeLat,
        edgeLon: obs.edgeLon,
        edgeAlt: obs.edgeAlt,
        edgeT: obs.edgeT,
      });
      return;
    }
    if (obs.t < entry.lastSeen) return;
    entry.domain = obs.domain;
    entry.status = obs.status;
    entry.group = craftGroup(obs.domain, obs.alt, altitudeBandFt);
    entry.lat = obs.lat;
    entry.lon = obs.lon;
    entry.alt = obs.alt;
    entry.evidence = obs.evidence;
    entry.spoofLat = obs.spoofLat;
    entry.spoofLon = obs.spoofLon;
    entry.edgeLat = obs.edgeLat;
    entry.edgeLon = obs.edgeLon;
    entry.edgeAlt = obs.edgeAlt;
    entry.edgeT = obs.edgeT;
    this.craft.touch(obs.id, entry, obs.t);
  }

  /** Drop craft last seen at or before `cutoff` and count the rest into `tally`. */
  expireAndTally(cutoff: number, tally: WindowTally): void {
    tally.reset();
    // The map is in touch order, so the expired craft are (nearly all) at its front: dropping them first lets the
    // count iterate values, without a [key, value] pair per craft per tick. A late observation can leave one behind.
    this.craft.expireBefore(cutoff + 1);
    for (const entry of this.craft.values()) {
      if (entry.lastSeen <= cutoff) {
        this.craft.delete(entry.id);
        continue;
      }
      const g = entry.group;
      tally.craft[g]!++;
      tally.total++;
      if (entry.status !== 'good') {
        tally.affected[g]!++;
        tally.totalAffected++;
        if (entry.status === 'spoofed') {
          tally.spoofed[g]!++;
          tally.totalSpoofed++;
        } else tally.degraded[g]!++;
      }
      let bits = entry.evidence;
      if (bits !== 0) {
        if ((bits & EVIDENCE.JUMP) !== 0) tally.jumps[g]!++;
        for (let bit = 0; bits !== 0; bit++, bits >>>= 1) if ((bits & 1) !== 0) tally.flags[bit]!++;
      }
    }
  }

  /**
   * A bounded, deterministic sample of the window for the event stage: affected and unaffected craft, each side
   * given at least half of the budget when it has that many, picked at even strides in window order.
   */
  sample(maxSamples: number): CellSample[] {
    const affected: CraftEntry[] = [];
    const unaffected: CraftEntry[] = [];
    for (const entry of this.craft.values()) (entry.status === 'good' ? unaffected : affected).push(entry);
    const half = Math.ceil(maxSamples / 2);
    const takeAffected = Math.min(affected.length, Math.max(half, maxSamples - unaffected.length));
    const takeUnaffected = Math.min(unaffected.length, maxSamples - takeAffected);
    const out: CellSample[] = [];
    pickEvenly(affected, takeAffected, out);
    pickEvenly(unaffected, takeUnaffected, out);
    return out;
  }
}

function pickEvenly(from: readonly CraftEntry[], count: number, out: CellSample[]): void {
  for (let i = 0; i < count; i++) out.push(toSample(from[Math.floor((i * from.length) / count)]!));
}

function toSample(entry: CraftEntry): CellSample {
  const sample: CellSample = {
    id: entry.id,
    domain: entry.domain,
    status: entry.status,
    lat: entry.lat,
    lon: entry.lon,
    alt: entry.alt,
  };
  if (entry.spoofLat !== undefined && entry.spoofLon !== undefined) {
    sample.spoofLat = entry.spoofLat;
    sample.spoofLon = entry.spoofLon;
  }
  if (entry.edgeLat !== undefined && entry.edgeLon !== undefined) {
    sample.edgeLat = entry.edgeLat;
    sample.edgeLon = entry.edgeLon;
    sample.edgeAlt = entry.edgeAlt ?? entry.alt;
    if (entry.edgeT !== undefined) sample.edgeT = entry.edgeT;
  }
  return sample;
}
