import { html, raw, type SafeHtml } from '../html.ts';

interface ChartLibraries {
  Plot: typeof import('@observablehq/plot');
  parseHTML: typeof import('linkedom').parseHTML;
}
let libraries: ChartLibraries | null = null;

/** Loads Observable Plot and linkedom on first use: importing them at start-up would cost half a second. */
export async function loadChartLibraries(): Promise<void> {
  if (libraries) return;
  const [Plot, linkedom] = await Promise.all([import('@observablehq/plot'), import('linkedom')]);
  libraries = { Plot, parseHTML: linkedom.parseHTML };
}

/** One bar of a chart. */
export interface ChartDatum {
  x: string;
  y: number;
}

/**
 * A bar chart rendered to SVG on the server by Observable Plot with linkedom as the document. Plot's
 * embedded <style> and style attributes are removed (CSP allows only our stylesheet; site.css styles it).
 */
export function barChartSvg(data: ChartDatum[], label: string, xLabel: string, yLabel: string): SafeHtml {
  if (!libraries) throw new Error('call loadChartLibraries() before rendering a chart');
  const { Plot, parseHTML } = libraries;
  const { document } = parseHTML('<!DOCTYPE html><html><body></body></html>');
  const keyed = data.map((d, i) => ({ ...d, key: `${i + 1}. ${d.x}`.slice(0, 24) }));
  const svg = Plot.plot({
    document,
    width: 760,
    height: 360,
    marginLeft: 70,
    marginBottom: 90,
    x: { label: xLabel, tickRotate: -40, domain: keyed.map((d) => d.key) },
    y: { label: yLabel, grid: true },
    marks: [Plot.barY(keyed, { x: 'key', y: 'y', fill: '#0b4f8a' }), Plot.ruleY([0])],
  } as import('@observablehq/plot').PlotOptions);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  for (const style of svg.querySelectorAll('style')) style.remove();
  for (const el of [svg, ...svg.querySelectorAll('[style]')]) el.removeAttribute('style');
  // The picture is one image with one label; Plot's per-group labels would be ARIA on presentational parts.
  for (const el of svg.querySelectorAll('[aria-label]')) el.removeAttribute('aria-label');
  return raw(svg.outerHTML);
}

/** The chart's numbers as a table (the accessible alternative to the picture). */
export function chartTable(data: ChartDatum[], caption: string, xLabel: string, yLabel: string): SafeHtml {
  return html`<table><caption>${caption}</caption><thead><tr><th scope="col">${xLabel}</th><th scope="col" class="num">${yLabel}</th></tr></thead>
<tbody>${data.map((d) => html`<tr><td>${d.x}</td><td class="num">${d.y.toLocaleString('en-US')}</td></tr>`)}</tbody></table>`;
}
