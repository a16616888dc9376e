type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const pos = (p: Json): string => (Array.isArray(p) ? p.slice(0, 3).map(Number).join(' ') : '');
const ring = (r: Json): string => `(${Array.isArray(r) ? r.map(pos).join(', ') : ''})`;
const poly = (p: Json): string => `(${Array.isArray(p) ? p.map(ring).join(', ') : ''})`;
const list = (v: Json, f: (x: Json) => string): string => (Array.isArray(v) ? v.map(f).join(', ') : '');

/** Well-known text of a GeoJSON geometry ('' for an unknown type). */
export function geometryToWkt(g: { [k: string]: Json }): string {
  const c = g.coordinates ?? null;
  switch (g.type) {
    case 'Point':
      return `POINT (${pos(c)})`;
    case 'MultiPoint':
      return `MULTIPOINT (${list(c, (p) => `(${pos(p)})`)})`;
    case 'LineString':
      return `LINESTRING ${ring(c)}`;
    case 'MultiLineString':
      return `MULTILINESTRING (${list(c, ring)})`;
    case 'Polygon':
      return `POLYGON ${poly(c)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${list(c, poly)})`;
    case 'GeometryCollection': {
      const gs = Array.isArray(g.geometries) ? g.geometries : [];
      const parts = gs.map((x) =>
        typeof x === 'object' && x !== null && !Array.isArray(x) ? geometryToWkt(x) : '',
      );
      return `GEOMETRYCOLLECTION (${parts.join(', ')})`;
    }
    default:
      return '';
  }
}
