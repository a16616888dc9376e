/**
 * TWD97 TM2 (the Taiwan main-island grid: GRS80, central meridian 121°E, scale 0.9999, false easting
 * 250,000 m) to WGS84 longitude/latitude. GRS80 and WGS84 differ by well under a millimetre here.
 */
const A = 6378137.0;
const B = 6356752.314245;
const LON0 = (121 * Math.PI) / 180;
const K0 = 0.9999;
const DX = 250000;

/** Converts TWD97 TM2 metres (x east, y north) to [longitude, latitude] in degrees. */
export function twd97ToWgs84(x: number, y: number): [number, number] {
  const e2 = 1 - (B * B) / (A * A);
  const e = Math.sqrt(e2);
  const ep2 = e2 / (1 - e2);
  const m = y / K0;
  const mu = m / (A * (1 - e2 / 4 - (3 * e ** 4) / 64 - (5 * e ** 6) / 256));
  const e1 = (1 - Math.sqrt(1 - e2)) / (1 + Math.sqrt(1 - e2));
  const j1 = (3 * e1) / 2 - (27 * e1 ** 3) / 32;
  const j2 = (21 * e1 ** 2) / 16 - (55 * e1 ** 4) / 32;
  const j3 = (151 * e1 ** 3) / 96;
  const j4 = (1097 * e1 ** 4) / 512;
  const fp =
    mu + j1 * Math.sin(2 * mu) + j2 * Math.sin(4 * mu) + j3 * Math.sin(6 * mu) + j4 * Math.sin(8 * mu);
  const sinFp = Math.sin(fp);
  const cosFp = Math.cos(fp);
  const c1 = ep2 * cosFp ** 2;
  const t1 = Math.tan(fp) ** 2;
  const r1 = (A * (1 - e2)) / (1 - e2 * sinFp ** 2) ** 1.5;
  const n1 = A / Math.sqrt(1 - e2 * sinFp ** 2);
  const d = (x - DX) / (n1 * K0);
  const q1 = (n1 * Math.tan(fp)) / r1;
  const q2 = d ** 2 / 2;
  const q3 = ((5 + 3 * t1 + 10 * c1 - 4 * c1 ** 2 - 9 * ep2) * d ** 4) / 24;
  const q4 = ((61 + 90 * t1 + 298 * c1 + 45 * t1 ** 2 - 3 * c1 ** 2 - 252 * ep2) * d ** 6) / 720;
  const lat = fp - q1 * (q2 - q3 + q4);
  const q6 = ((1 + 2 * t1 + c1) * d ** 3) / 6;
  const q7 = ((5 - 2 * c1 + 28 * t1 - 3 * c1 ** 2 + 8 * ep2 + 24 * t1 ** 2) * d ** 5) / 120;
  const lon = LON0 + (d - q6 + q7) / cosFp;
  return [(lon * 180) / Math.PI, (lat * 180) / Math.PI];
}
