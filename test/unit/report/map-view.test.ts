import { describe, expect, it } from 'vitest';
import { boundsAround, circleExtremes, MapView, VIEW_WIDTH } from '../../../src/report/map-view.js';

describe('the map view', () => {
  it('frames the points with a margin, at least two degrees either way', () => {
    const b = boundsAround([
      { lat: 54, lon: 18 },
      { lat: 58, lon: 24 },
    ]);
    expect(b.south).toBeLessThan(54);
    expect(b.north).toBeGreaterThan(58);
    expect(b.west).toBeLessThan(18);
    expect(b.east).toBeGreaterThan(24);
    const single = boundsAround([{ lat: 55, lon: 18 }]);
    expect(single.north - single.south).toBeCloseTo(2, 9);
    expect(single.east - single.west).toBeCloseTo(2, 9);
  });

  it('shows the world when there is nothing to frame', () => {
    expect(boundsAround([])).toEqual({ south: -60, north: 75, west: -180, east: 180 });
  });

  it('draws a km the same length across and up the page', () => {
    const view = new MapView({ south: 50, north: 60, west: 10, east: 30 });
    expect(view.x(10)).toBe(0);
    expect(view.x(30)).toBe(VIEW_WIDTH);
    expect(view.y(60)).toBe(0);
    expect(view.y(50)).toBe(view.height);
    const centre = { lat: 55, lon: 20 };
    const [south, north, west, east] = circleExtremes(centre, 100);
    const up = view.y(south!.lat) - view.y(north!.lat);
    const across = view.x(east!.lon) - view.x(west!.lon);
    expect(across / up).toBeCloseTo(1, 1);
    expect(view.km(200)).toBeCloseTo(up, 0);
  });
});
