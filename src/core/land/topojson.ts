import { z } from 'zod';

/**
 * The part of TopoJSON (github.com/topojson/topojson-specification) that a land mask needs: polygon and
 * multipolygon geometries whose rings are lists of arc indexes. Arcs are quantised and delta-encoded when the
 * topology has a `transform`: position k is the sum of the first k deltas, scaled and translated. A negative index
 * ~i means arc i reversed; consecutive arcs of a ring share their joining point.
 */
const position = z.array(z.number()).min(2);
const ringArcs = z.array(z.number().int());
const polygonArcs = z.array(ringArcs);

const geometrySchema = z.union([
  z.object({ type: z.literal('Polygon'), arcs: polygonArcs }),
  z.object({ type: z.literal('MultiPolygon'), arcs: z.array(polygonArcs) }),
  z.object({ type: z.string() }),
]);

const objectSchema = z.union([
  z.object({ type: z.literal('GeometryCollection'), geometries: z.array(geometrySchema) }),
  geometrySchema,
]);

export const topologySchema = z.object({
  type: z.literal('Topology'),
  transform: z
    .object({ scale: z.tuple([z.number(), z.number()]), translate: z.tuple([z.number(), z.number()]) })
    .optional(),
  arcs: z.array(z.array(position)),
  objects: z.record(z.string(), objectSchema),
});
export type Topology = z.infer<typeof topologySchema>;

/** One closed ring as interleaved lon, lat pairs (degrees). */
export type Ring = Float64Array;

/** Every ring (outer and holes alike) of the polygons in `objectName`, as absolute lon/lat. */
export function ringsOf(topology: Topology, objectName: string): Ring[] {
  const object = topology.objects[objectName];
  if (object === undefined) throw new RangeError(`topology has no object "${objectName}"`);
  const arcs = topology.arcs.map((arc) => decodeArc(arc, topology.transform));
  const rings: Ring[] = [];
  const geometries = 'geometries' in object ? object.geometries : [object];
  for (const geometry of geometries) {
    if (!('arcs' in geometry)) continue;
    const polygons = geometry.type === 'Polygon' ? [geometry.arcs as number[][]] : (geometry.arcs as number[][][]);
    for (const polygon of polygons) for (const ring of polygon) rings.push(joinArcs(ring, arcs));
  }
  return rings;
}

function decodeArc(arc: number[][], transform: Topology['transform']): Float64Array {
  const out = new Float64Array(arc.length * 2);
  let x = 0;
  let y = 0;
  for (let i = 0; i < arc.length; i++) {
    const p = arc[i]!;
    if (transform === undefined) {
      out[2 * i] = p[0]!;
      out[2 * i + 1] = p[1]!;
      continue;
    }
    x += p[0]!;
    y += p[1]!;
    out[2 * i] = x * transform.scale[0] + transform.translate[0];
    out[2 * i + 1] = y * transform.scale[1] + transform.translate[1];
  }
  return out;
}

function joinArcs(indexes: number[], arcs: Float64Array[]): Ring {
  const coords: number[] = [];
  for (const index of indexes) {
    const arc = arcs[index < 0 ? ~index : index];
    if (arc === undefined) throw new RangeError(`ring refers to missing arc ${index}`);
    const points = arc.length / 2;
    for (let k = coords.length === 0 ? 0 : 1; k < points; k++) {
      const i = index < 0 ? points - 1 - k : k;
      coords.push(arc[2 * i]!, arc[2 * i + 1]!);
    }
  }
  return Float64Array.from(coords);
}
