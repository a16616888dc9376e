import { xmlParser } from '../platform/lazy-libraries.ts';
import { geometryToWkt } from './wkt.ts';

/** Records turned into a header and rows of text cells. */
export interface RecordTable {
  labels: string[];
  rows: string[][];
  format: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The shallowest array of objects in `v` (the longest among equally shallow ones): CKAN's result.results, not its resources. */
function findRecords(v: Json): JsonObject[] | null {
  let level: Json[] = [v];
  for (let depth = 0; depth < 8 && level.length > 0; depth++) {
    let best: JsonObject[] | null = null;
    const next: Json[] = [];
    for (const x of level) {
      if (Array.isArray(x)) {
        const objs = x.filter(isObject);
        if (objs.length > 0 && objs.length >= x.length / 2 && (!best || objs.length > best.length))
          best = objs;
      } else if (isObject(x)) {
        for (const y of Object.values(x)) next.push(y);
      }
    }
    if (best) return best;
    level = next.slice(0, 10_000);
  }
  return null;
}

/** Text of a value: strings as is, numbers/booleans printed, nested values as JSON, null as empty. */
function text(v: Json | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function tabulate(
  records: readonly JsonObject[],
  cell: (r: JsonObject, k: string) => string,
): { labels: string[]; rows: string[][] } {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  return { labels: keys, rows: records.map((r) => keys.map((k) => cell(r, k))) };
}

/**
 * Reads JSON: an array of records, an object holding one (the longest list of objects is taken, e.g.
 * CKAN's result.results or data.gov.tw's {"Record": [...]}), or a GeoJSON FeatureCollection (properties
 * plus the geometry as WKT and as GeoJSON text).
 */
export function jsonRecords(source: string): RecordTable | null {
  const doc = JSON.parse(source) as Json;
  if (isObject(doc) && doc.type === 'FeatureCollection' && Array.isArray(doc.features)) {
    const feats = doc.features.filter(isObject);
    const props = feats.map((f) => (isObject(f.properties) ? f.properties : {}));
    const t = tabulate(props, (r, k) => text(r[k]));
    return {
      labels: [...t.labels, 'geometry', 'geometry_geojson'],
      rows: t.rows.map((row, i) => {
        const g = feats[i]?.geometry ?? null;
        return [...row, isObject(g) ? geometryToWkt(g) : '', g === null ? '' : JSON.stringify(g)];
      }),
      format: 'geojson',
    };
  }
  const records = findRecords(doc);
  if (!records) return null;
  return { ...tabulate(records, (r, k) => text(r[k])), format: 'json' };
}

/** An XML element's value: its text, or the text of a single wrapping child (`<value><![CDATA[..]]></value>`). */
function xmlText(v: Json | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return v.map(xmlText).join(';');
  const keys = Object.keys(v).filter((k) => !k.startsWith('@_'));
  if (keys.length === 1) return xmlText(v[keys[0]!]);
  if (keys.length === 0) return '';
  if ('#text' in v) return xmlText(v['#text']);
  return JSON.stringify(v);
}

/** Reads an XML record list: the most repeated element becomes the rows, its child elements the columns. */
export function xmlRecords(source: string): RecordTable | null {
  const parser = new (xmlParser().XMLParser)({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
  });
  const doc = parser.parse(source) as Json;
  let records = findRecords(doc);
  if (!records && isObject(doc)) {
    // A single record: the innermost object whose children are all values.
    let x: Json = doc;
    while (isObject(x) && Object.keys(x).length === 1) x = Object.values(x)[0] ?? null;
    if (isObject(x)) records = [x];
  }
  if (!records) return null;
  return { ...tabulate(records, (r, k) => xmlText(r[k])), format: 'xml' };
}
