import type { MapPoint } from '../data/coordinates.ts';
import { html, jsonScriptBody, type SafeHtml } from '../html.ts';

/** Points projected onto an SVG (plate carrée scaled by the mid-latitude): the no-JavaScript map. */
export function pointsSvg(points: MapPoint[], label: string): SafeHtml {
  if (!points.length) return html``;
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  const pad = 0.02;
  const minLon = Math.min(...lons) - pad;
  const maxLon = Math.max(...lons) + pad;
  const minLat = Math.min(...lats) - pad;
  const maxLat = Math.max(...lats) + pad;
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const w = 600;
  const h = Math.max(200, Math.min(900, Math.round((w * (maxLat - minLat)) / ((maxLon - minLon) * kx))));
  const px = (lon: number) => (((lon - minLon) / (maxLon - minLon)) * w).toFixed(1);
  const py = (lat: number) => (((maxLat - lat) / (maxLat - minLat)) * h).toFixed(1);
  return html`<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">${points.map(
    (p) =>
      html`<circle cx="${px(p.lon)}" cy="${py(p.lat)}" r="5"><title>${p.label} (${p.lat.toFixed(5)}, ${p.lon.toFixed(5)})</title></circle>`,
  )}</svg>`;
}

/** The map block: Leaflet enhances the container when scripts run; the SVG and the list work without them. */
export function mapBlock(
  points: MapPoint[],
  heading: string,
  fallbackText: string,
  countText: string,
): SafeHtml {
  return html`<section aria-labelledby="map-h">
<h2 id="map-h">${heading}</h2>
<p>${countText}</p>
<div class="map-box" id="map" data-points="map-points" hidden></div>
<script type="application/json" id="map-points">${jsonScriptBody(points)}</script>
<div class="map-fallback" id="map-fallback"><p class="muted">${fallbackText}</p>${pointsSvg(points, heading)}</div>
</section>`;
}
