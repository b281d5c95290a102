import type { LandMask } from '../land/land-mask.js';

/**
 * Vessels on land. Natural Earth's coast is coarse and has no rivers or lakes: ports, fjords, archipelagos and inland
 * waterways (Rhine, Elbe to Hamburg, the Great Lakes) lie "on land" in it. So the rule does not flag a vessel for
 * being inland, only for going ashore in one step: its previous position was on open water (off the mask) and this
 * one is deep inland (beyond the mask's coastal margin). A ship sailing up a river passes through the coastal band
 * first and is never flagged; a spoofed position thrown inland is.
 */
export function wentAshore(mask: LandMask, fromLat: number, fromLon: number, lat: number, lon: number): boolean {
  return mask.isInland(lat, lon) && !mask.isLand(fromLat, fromLon);
}
