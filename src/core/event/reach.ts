import { distanceKm } from '../geodesy.js';
import type { EmitterEstimate } from './emitter-fit.js';

/**
 * Joining by reach: a well-located emitter (error radius a small share of its reach) explains every anomalous cell
 * within its reach, however sparse the traffic between them. Adjacency (clusters.ts) alone splits a 300 km jammer
 * over thin traffic into one alert per lit patch (11 alert ids for the Baltic scenario's 2 events).
 */
export interface Anchor {
  readonly lat: number;
  readonly lon: number;
  readonly reachKm: number;
}

/** Whether a fit locates its emitter well enough to anchor its event. */
export function anchors(fit: EmitterEstimate, errorFraction: number): boolean {
  return errorFraction > 0 && fit.errorKm <= errorFraction * fit.reachKm;
}

/**
 * How deep the nearest of `points` lies inside the anchor's reach, as distance / reach (0 at the emitter, 1 at the
 * edge); undefined when none is within it.
 */
export function reachDepth(anchor: Anchor, points: readonly { lat: number; lon: number }[]): number | undefined {
  let best: number | undefined;
  for (const p of points) {
    const depth = distanceKm(anchor.lat, anchor.lon, p.lat, p.lon) / anchor.reachKm;
    if (depth <= 1 && (best === undefined || depth < best)) best = depth;
  }
  return best;
}
