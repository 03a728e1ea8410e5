/**
 * The figure check: a pure function over a drawn chart.js chart that lists layout problems a reader
 * would see. Text rectangles come from the chart's layout (title, axis titles and legend boxes record
 * what they drew; tick labels from each scale's label items; marker labels from their plugin):
 * - every text rectangle lies inside the canvas;
 * - no two text rectangles overlap;
 * - every series named in the legend has at least one point inside the plot area;
 * - every log axis carries at least two labelled ticks.
 */
import type { Chart, Scale } from 'chart.js';
import type { LegendEntry, TextRect } from './chartBoxes.ts';

const recorded = new WeakMap<Chart, Map<string, TextRect[]>>();

/** Record the text rectangles a plugin drew on a chart, under a name (replacing earlier ones). */
export function recordText(chart: Chart, name: string, rects: TextRect[]): void {
  let m = recorded.get(chart);
  if (!m) recorded.set(chart, (m = new Map()));
  m.set(name, rects);
}

/** Rectangles of a scale's non-empty tick labels, from chart.js's label items (position, alignment, font). */
function tickRects(chart: Chart, scale: Scale): TextRect[] {
  const ctx = chart.ctx;
  const out: TextRect[] = [];
  for (const item of scale.getLabelItems()) {
    const label = String(item.label ?? '');
    if (!label) continue;
    const opts = item.options as { translation: [number, number]; textAlign: string; textBaseline: string };
    const [x, y] = opts.translation;
    const font = item.font as { string: string; size: number };
    ctx.save();
    ctx.font = font.string;
    const w = ctx.measureText(label).width;
    ctx.restore();
    const h = font.size;
    const left = opts.textAlign === 'left' ? x : opts.textAlign === 'right' ? x - w : x - w / 2;
    // chart.js draws the label's first line at y + textOffset with the given baseline.
    const cy = y + (item.textOffset ?? 0);
    const top = opts.textBaseline === 'top' ? cy : opts.textBaseline === 'bottom' ? cy - h : cy - h / 2;
    out.push({ text: label, left, top, right: left + w, bottom: top + h });
  }
  return out;
}

/** Every text rectangle of a drawn chart, in drawing order. */
export function textRects(chart: Chart): TextRect[] {
  const rects: TextRect[] = [];
  for (const box of chart.boxes as unknown as { textRects?: TextRect[] }[]) rects.push(...(box.textRects ?? []));
  for (const scale of Object.values(chart.scales)) rects.push(...tickRects(chart, scale));
  for (const r of recorded.get(chart)?.values() ?? []) rects.push(...r);
  return rects;
}

const TOLERANCE = 0.5;
const overlap = (a: TextRect, b: TextRect): boolean =>
  a.left < b.right - TOLERANCE && b.left < a.right - TOLERANCE && a.top < b.bottom - TOLERANCE && b.top < a.bottom - TOLERANCE;

/** Layout problems of a drawn chart (empty when it passes); each problem is one line naming the text or series. */
export function checkLayout(chart: Chart): string[] {
  const problems: string[] = [];
  const rects = textRects(chart);
  const { width, height } = chart;
  for (const r of rects) {
    if (r.left < -TOLERANCE || r.top < -TOLERANCE || r.right > width + TOLERANCE || r.bottom > height + TOLERANCE) {
      problems.push(`text "${r.text}" leaves the canvas (${r.left.toFixed(0)}…${r.right.toFixed(0)} × ${r.top.toFixed(0)}…${r.bottom.toFixed(0)} of ${width} × ${height})`);
    }
  }
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      if (overlap(rects[i], rects[j])) problems.push(`text "${rects[i].text}" overlaps "${rects[j].text}"`);
    }
  }
  const legend = (chart.boxes as unknown as { entries?: LegendEntry[] }[]).find((b) => b.entries)?.entries ?? [];
  const area = chart.chartArea;
  for (const e of legend) {
    const drawn = chart
      .getDatasetMeta(e.datasetIndex)
      .data.filter((p) => p.x >= area.left - 1 && p.x <= area.right + 1 && p.y >= area.top - 1 && p.y <= area.bottom + 1);
    if (drawn.length === 0) problems.push(`series "${e.label}" is in the legend but has no point inside the plot`);
  }
  for (const [id, scale] of Object.entries(chart.scales)) {
    if (scale.type !== 'logarithmic') continue;
    const labelled = scale.ticks.filter((t) => t.label !== '' && t.label !== undefined).length;
    if (labelled < 2) problems.push(`log axis ${id} has ${labelled} labelled tick${labelled === 1 ? '' : 's'} (at least 2 needed)`);
  }
  return problems;
}
