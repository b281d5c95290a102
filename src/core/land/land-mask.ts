import { ringsOf, type Topology, topologySchema } from './topojson.js';

/**
 * A land mask on a regular latitude/longitude grid, built from Natural Earth land polygons (public domain; shipped as
 * TopoJSON by the `world-atlas` package: land-110m / land-50m / land-10m). The core cannot read files: a driver loads
 * the JSON and calls `buildLandMask(topology)`.
 *
 * Two bit grids: `land` (the cell centre lies inside a land polygon, even-odd rule) and `inland` (every cell within
 * `marginKm` is land). The margin keeps ports, fjords and archipelagos, which a generalised coastline puts on land,
 * out of "ship on land". A query is two divisions and a bit test, a few nanoseconds.
 */
export interface LandMask {
  /** Inside a land polygon of the mask (the coarse coast). */
  isLand(lat: number, lon: number): boolean;
  /** On land and at least the coastal margin away from any water of the mask. */
  isInland(lat: number, lon: number): boolean;
}

/**
 * Grid step, degrees: 0.05° is 5.6 km of latitude, finer than land-50m's own generalisation (about 1:50 million,
 * a few km) and 2 × 3.2 MB of bits for the world.
 */
export const LAND_GRID_DEG = 0.05;

/**
 * Coastal margin, km: 10 km covers harbours and approaches that the 1:50m coast draws as land, and is still far
 * less than the inland airports and fields where spoofed ships appear.
 */
export const LAND_MARGIN_KM = 10;

const KM_PER_DEG = (6371 * Math.PI) / 180;

export interface LandMaskOptions {
  readonly gridDeg?: number;
  readonly marginKm?: number;
  /** TopoJSON object holding the land polygons; world-atlas calls it `land`. */
  readonly object?: string;
}

export class GridLandMask implements LandMask {
  private readonly width: number;
  private readonly height: number;

  constructor(
    readonly gridDeg: number,
    readonly marginKm: number,
    private readonly land: Uint8Array,
    private readonly inland: Uint8Array,
  ) {
    this.width = Math.round(360 / gridDeg);
    this.height = Math.round(180 / gridDeg);
  }

  isLand(lat: number, lon: number): boolean {
    return bit(this.land, this.index(lat, lon));
  }

  isInland(lat: number, lon: number): boolean {
    return bit(this.inland, this.index(lat, lon));
  }

  private index(lat: number, lon: number): number {
    let row = Math.floor((90 - lat) / this.gridDeg);
    if (row < 0) row = 0;
    else if (row >= this.height) row = this.height - 1;
    let col = Math.floor((lon + 180) / this.gridDeg) % this.width;
    if (col < 0) col += this.width;
    return row * this.width + col;
  }
}

function bit(bits: Uint8Array, index: number): boolean {
  return (bits[index >> 3]! & (1 << (index & 7))) !== 0;
}

/** Build the mask from a TopoJSON topology (validated here: it is data handed in from outside the core). */
export function buildLandMask(topology: unknown, options: LandMaskOptions = {}): GridLandMask {
  const gridDeg = options.gridDeg ?? LAND_GRID_DEG;
  const marginKm = options.marginKm ?? LAND_MARGIN_KM;
  if (!(gridDeg > 0 && gridDeg <= 1)) throw new RangeError(`land grid step must be in (0, 1] degrees, got ${gridDeg}`);
  if (!(marginKm >= 0)) throw new RangeError(`land margin must be ≥ 0 km, got ${marginKm}`);
  const parsed: Topology = topologySchema.parse(topology);
  const width = Math.round(360 / gridDeg);
  const height = Math.round(180 / gridDeg);
  const cells = rasterise(ringsOf(parsed, options.object ?? 'land'), width, height, gridDeg);
  const inland = erode(cells, width, height, gridDeg, marginKm);
  return new GridLandMask(gridDeg, marginKm, pack(cells), pack(inland));
}

/** Scan-line fill, even-odd rule: a cell is land when its centre lies inside an odd number of rings. */
function rasterise(rings: Float64Array[], width: number, height: number, gridDeg: number): Uint8Array {
  const crossings: number[][] = Array.from({ length: height }, () => []);
  for (const ring of rings) {
    const n = ring.length / 2;
    for (let i = 0; i < n; i++) {
      const lon1 = ring[2 * i]!;
      const lat1 = ring[2 * i + 1]!;
      const j = (i + 1) % n;
      const lon2 = ring[2 * j]!;
      const lat2 = ring[2 * j + 1]!;
      if (lat1 === lat2) continue;
      const top = Math.max(lat1, lat2);
      const bottom = Math.min(lat1, lat2);
      // rows whose centre latitude c = 90 − (row + 0.5)·step satisfies bottom ≤ c < top
      const firstRow = Math.max(0, Math.ceil((90 - top) / gridDeg - 0.5));
      const lastRow = Math.min(height - 1, Math.floor((90 - bottom) / gridDeg - 0.5));
      for (let row = firstRow; row <= lastRow; row++) {
        const c = 90 - (row + 0.5) * gridDeg;
        if (c < bottom || c >= top) continue;
        crossings[row]!.push(lon1 + ((c - lat1) * (lon2 - lon1)) / (lat2 - lat1));
      }
    }
  }
  const cells = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) {
    const xs = crossings[row]!.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // cells whose centre lon = −180 + (col + 0.5)·step lies in [xs[k], xs[k+1])
      const from = Math.max(0, Math.ceil((xs[k]! + 180) / gridDeg - 0.5));
      const to = Math.min(width - 1, Math.ceil((xs[k + 1]! + 180) / gridDeg - 0.5) - 1);
      cells.fill(1, row * width + from, row * width + to + 1);
    }
  }
  return cells;
}

/**
 * Box erosion: a cell is inland when every cell within the margin (a box, which contains the disc, so the test is
 * conservative) is land. Separable: along each row with the row's own longitude scale, then along columns. Beyond
 * the grid's edges counts as water, again the conservative side.
 */
function erode(cells: Uint8Array, width: number, height: number, gridDeg: number, marginKm: number): Uint8Array {
  const across = new Uint8Array(cells.length);
  const kLat = Math.ceil(marginKm / (gridDeg * KM_PER_DEG));
  for (let row = 0; row < height; row++) {
    const lat = 90 - (row + 0.5) * gridDeg;
    const kmPerCell = gridDeg * KM_PER_DEG * Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
    const k = Math.min(width, Math.ceil(marginKm / kmPerCell));
    erodeLine(cells, across, row * width, 1, width, k);
  }
  const inland = new Uint8Array(cells.length);
  for (let col = 0; col < width; col++) erodeLine(across, inland, col, width, height, kLat);
  return inland;
}

/** 1-D erosion of `n` cells starting at `start` with `stride`: out = 1 where the k cells on both sides are all 1. */
function erodeLine(src: Uint8Array, out: Uint8Array, start: number, stride: number, n: number, k: number): void {
  // run = length of the run of ones ending at i (from the left); then a right-to-left pass for the other side
  const left = new Int32Array(n);
  let run = 0;
  for (let i = 0; i < n; i++) {
    run = src[start + i * stride] === 1 ? run + 1 : 0;
    left[i] = run;
  }
  run = 0;
  for (let i = n - 1; i >= 0; i--) {
    run = src[start + i * stride] === 1 ? run + 1 : 0;
    out[start + i * stride] = left[i]! > k && run > k ? 1 : 0;
  }
}

function pack(cells: Uint8Array): Uint8Array {
  const bits = new Uint8Array(Math.ceil(cells.length / 8));
  for (let i = 0; i < cells.length; i++) if (cells[i] === 1) bits[i >> 3]! |= 1 << (i & 7);
  return bits;
}
