import type { Domain } from '../../schema/observation.js';

/**
 * Craft groups tested apart in a cell: vessels, aircraft below the altitude band, aircraft at or above it. A ground
 * jammer's radio horizon is 4.12·(√h_tx + √h_rx) km: ~26 km for a ship, ~85 km at 1,000 ft, ~425 km at FL330, so at
 * the edge of a jammer's reach the high aircraft are hit and the low ones are not, and the groups have different
 * normal rates.
 */
export const GROUP_SEA = 0;
export const GROUP_AIR_LOW = 1;
export const GROUP_AIR_HIGH = 2;
export const GROUP_COUNT = 3;
export type CraftGroup = typeof GROUP_SEA | typeof GROUP_AIR_LOW | typeof GROUP_AIR_HIGH;

export const GROUP_NAMES = ['vessels', 'aircraft below the altitude band', 'aircraft at or above the altitude band'];

export function craftGroup(domain: Domain, altFt: number, altitudeBandFt: number): CraftGroup {
  if (domain === 'sea') return GROUP_SEA;
  return altFt < altitudeBandFt ? GROUP_AIR_LOW : GROUP_AIR_HIGH;
}
