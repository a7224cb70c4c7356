/**
 * vega-lite spec -> vega spec -> SVG text, in Node with no browser and no canvas
 * (vega's "none" renderer measures text by estimate). vega is imported on first
 * use so commands that draw nothing do not pay for loading it.
 */
import { CHART_CONFIG, type ChartSpec } from './chart-spec.js';
import { vegaTextWidth } from './text-width.js';

export async function renderSvg(spec: ChartSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  // vega lets a caller replace its text measure (vl-convert does); ours lays text out closer to how it renders.
  // vega's types leave textMetrics out; it is a plain exported object.
  (vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;
  // Warnings (such as a dropped zero on a log scale) go nowhere: the chart's own note says what it left out.
  const quiet = vega.logger(vega.None);
  const compiled = vegaLite.compile({ config: CHART_CONFIG, ...spec } as ChartSpec, { logger: quiet }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.None });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
