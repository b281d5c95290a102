/**
 * The map's projection: equirectangular with longitudes shrunk by the cosine of the middle latitude, so that a km
 * is about the same length across and up the page over the few hundred km a run covers. SVG units: the view is
 * VIEW_WIDTH units wide, and a degree of latitude is `scale` units tall.
 */
export interface Bounds {
  south: number;
  north: number;
  west: number;
  east: number;
}

export interface LatLon {
  lat: number;
  lon: number;
}

/** Width of the SVG view box in units; coordinates are written with one decimal, a tenth of a pixel on a 1000 px map. */
export const VIEW_WIDTH = 1000;
/** Mean length of a degree of latitude: 6,371 km Earth radius × π / 180. */
const KM_PER_DEG = 111.195;
/** Space around what the run saw, as a share of its extent, so border cells and alert circles are not cut. */
const MARGIN_SHARE = 0.08;
/** Never show less than this many degrees either way, so a single cell still has its coast around it. */
const MIN_SPAN_DEG = 2;
/** Latitudes past which the projection stretches too much to be useful. */
const MAX_ABS_LAT = 80;
/** The inhabited world, when the run saw nothing. */
const WORLD: Bounds = { south: -60, north: 75, west: -180, east: 180 };

/** The box around `points` (cell centres, alert circles' extremes, emitters), with a margin. */
export function boundsAround(points: Iterable<LatLon>): Bounds {
  let south = 90;
  let north = -90;
  let west = 180;
  let east = -180;
  for (const p of points) {
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
    west = Math.min(west, p.lon);
    east = Math.max(east, p.lon);
  }
  if (south > north) return WORLD;
  const latPad = Math.max((north - south) * MARGIN_SHARE, (MIN_SPAN_DEG - (north - south)) / 2);
  const lonPad = Math.max((east - west) * MARGIN_SHARE, (MIN_SPAN_DEG - (east - west)) / 2);
  return {
    south: Math.max(-MAX_ABS_LAT, south - latPad),
    north: Math.min(MAX_ABS_LAT, north + latPad),
    west: Math.max(-180, west - lonPad),
    east: Math.min(180, east + lonPad),
  };
}

/** The points a circle of `radiusKm` reaches north, south, east and west of its centre. */
export function circleExtremes(centre: LatLon, radiusKm: number): LatLon[] {
  const dLat = radiusKm / KM_PER_DEG;
  const dLon = dLat / Math.max(Math.cos((centre.lat * Math.PI) / 180), 0.01);
  return [
    { lat: centre.lat - dLat, lon: centre.lon },
    { lat: centre.lat + dLat, lon: centre.lon },
    { lat: centre.lat, lon: centre.lon - dLon },
    { lat: centre.lat, lon: centre.lon + dLon },
  ];
}

export class MapView {
  readonly width = VIEW_WIDTH;
  readonly height: number;
  /** Units per degree of latitude. */
  private readonly scale: number;
  private readonly shrink: number;

  constructor(readonly bounds: Bounds) {
    this.shrink = Math.cos((((bounds.south + bounds.north) / 2) * Math.PI) / 180);
    this.scale = VIEW_WIDTH / ((bounds.east - bounds.west) * this.shrink);
    this.height = round1((bounds.north - bounds.south) * this.scale);
  }

  x(lon: number): number {
    return round1((lon - this.bounds.west) * this.shrink * this.scale);
  }

  y(lat: number): number {
    return round1((this.bounds.north - lat) * this.scale);
  }

  /** A length on the ground, in units. */
  km(km: number): number {
    return round1((km / KM_PER_DEG) * this.scale);
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
