import { cellsWithin } from '../region/cells.js';

/**
 * Connected components of anomalous cells: two cells are joined when one lies within `rings` H3 rings of the other
 * (breadth-first search over grid disks). Deterministic: components come out sorted by their smallest cell, each
 * component's cells sorted. Also returns each cell's disk, reused to match components with events.
 */
export interface Components {
  readonly components: string[][];
  readonly disks: Map<string, string[]>;
}

export function connectedCells(cells: Iterable<string>, rings: number): Components {
  const members = new Set(cells);
  const disks = new Map<string, string[]>();
  const seen = new Set<string>();
  const components: string[][] = [];
  for (const start of [...members].sort()) {
    if (seen.has(start)) continue;
    seen.add(start);
    const component = [start];
    for (let i = 0; i < component.length; i++) {
      const cell = component[i]!;
      const disk = cellsWithin(cell, rings);
      disks.set(cell, disk);
      for (const next of disk) {
        if (members.has(next) && !seen.has(next)) {
          seen.add(next);
          component.push(next);
        }
      }
    }
    components.push(component.sort());
  }
  return { components, disks };
}
