/**
 * Finds where a table's rows are on a map: latitude/longitude columns, TWD97 X/Y metre columns (converted),
 * or a column of GeoJSON points.
 */
import { twd97ToWgs84 } from './twd97.ts';

/** A located row: WGS84 longitude/latitude and a label. */
export interface MapPoint {
  lon: number;
  lat: number;
  label: string;
}

export type CoordinateSource =
  | { kind: 'lonlat'; lon: number; lat: number }
  | { kind: 'twd97'; x: number; y: number }
  | { kind: 'geojson'; column: number };

const LAT = /^(lat|latitude|緯度|wgs84[_ ]?lat|緯度坐標|緯度座標)$/i;
const LON = /^(lon|lng|long|longitude|經度|wgs84[_ ]?lon|經度坐標|經度座標)$/i;
const X = /^(x|x坐標|x座標|twd97[_ ]?x|座標x|坐標x|x_?97|twd97x坐標)$/i;
const Y = /^(y|y坐標|y座標|twd97[_ ]?y|座標y|坐標y|y_?97|twd97y坐標)$/i;
const GEO = /^(geometry|geojson|geom|the_geom|座標|位置)$/i;

/** Taiwan and its islands, generously: a sanity box for converted points. */
const inTaiwan = (lon: number, lat: number): boolean => lon > 116 && lon < 124 && lat > 20 && lat < 27;

const num = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(/,/g, '')) : Number.NaN;

/** Decides which columns locate rows, looking at labels and, for X/Y, at the values (metres or degrees). */
export function coordinateSource(labels: string[], sample: unknown[][]): CoordinateSource | null {
  const find = (re: RegExp) => labels.findIndex((l) => re.test(l.trim().replace(/\s+/g, '')));
  const lat = find(LAT);
  const lon = find(LON);
  if (lat >= 0 && lon >= 0) return { kind: 'lonlat', lon, lat };
  const x = find(X);
  const y = find(Y);
  if (x >= 0 && y >= 0) {
    const first = sample.find((r) => Number.isFinite(num(r[x])) && Number.isFinite(num(r[y])));
    if (!first) return null;
    const fx = num(first[x]);
    const fy = num(first[y]);
    if (inTaiwan(fx, fy)) return { kind: 'lonlat', lon: x, lat: y };
    if (fx > 100_000 && fx < 400_000 && fy > 2_400_000 && fy < 2_800_000) return { kind: 'twd97', x, y };
    return null;
  }
  const geo = find(GEO);
  if (geo >= 0) return { kind: 'geojson', column: geo };
  return null;
}

function geoPoint(v: unknown): [number, number] | null {
  try {
    const g: unknown = typeof v === 'string' ? JSON.parse(v) : v;
    if (g && typeof g === 'object' && 'type' in g && 'coordinates' in g && g.type === 'Point') {
      const c = g.coordinates;
      if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') return [c[0], c[1]];
    }
  } catch {
    return null;
  }
  return null;
}

/** The located rows (rows without usable coordinates are skipped). */
export function mapPoints(source: CoordinateSource, rows: unknown[][], labelColumn: number): MapPoint[] {
  const out: MapPoint[] = [];
  for (const r of rows) {
    let ll: [number, number] | null = null;
    if (source.kind === 'lonlat') ll = [num(r[source.lon]), num(r[source.lat])];
    else if (source.kind === 'twd97') {
      const x = num(r[source.x]);
      const y = num(r[source.y]);
      ll = Number.isFinite(x) && Number.isFinite(y) ? twd97ToWgs84(x, y) : null;
    } else ll = geoPoint(r[source.column]);
    if (!ll || !Number.isFinite(ll[0]) || !Number.isFinite(ll[1])) continue;
    if (source.kind === 'twd97' ? !inTaiwan(ll[0], ll[1]) : Math.abs(ll[0]) > 180 || Math.abs(ll[1]) > 90)
      continue;
    const label = r[labelColumn];
    out.push({ lon: ll[0], lat: ll[1], label: label === null || label === undefined ? '' : String(label) });
  }
  return out;
}
