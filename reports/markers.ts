/**
 * Vertical event markers: a dashed line at each x with a typeset label written up the line. Each
 * label goes where it covers the least data: candidate positions down the line are scored by the
 * drawn points and line segments they would cover (segment–rectangle test of Liang & Barsky 1984),
 * and a position that overlaps an earlier marker's label is ruled out while any other is free.
 */
import type { Chart, ChartArea, Plugin } from 'chart.js';
import type { TextRect } from './chartBoxes.ts';
import { recordText } from './figureCheck.ts';
import { drawRich, measureRich, parseRichText, type RichFont, type TextContext } from './richText.ts';

/** A vertical event marker at x, labelled (rich text). */
export interface Marker {
  x: number;
  label: string;
}

/** Rectangle in canvas pixels. */
type Rect = Pick<TextRect, 'left' | 'top' | 'right' | 'bottom'>;

/** True when the segment (x0, y0)–(x1, y1) meets the rectangle (Liang–Barsky clipping). */
export function segmentHitsRect(r: Rect, x0: number, y0: number, x1: number, y1: number): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const p = [-dx, dx, -dy, dy];
  const q = [x0 - r.left, r.right - x0, y0 - r.top, r.bottom - y0];
  for (let i = 0; i < 4; i++) {
    if (p[i] === 0) {
      if (q[i] < 0) return false;
    } else {
      const t = q[i] / p[i];
      if (p[i] < 0) {
        if (t > t1) return false;
        t0 = Math.max(t0, t);
      } else {
        if (t < t0) return false;
        t1 = Math.min(t1, t);
      }
    }
  }
  return true;
}

/** Drawn data as segments (a point is a segment of length zero), from the chart's visible datasets. */
function dataSegments(chart: Chart): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  chart.data.datasets.forEach((ds, i) => {
    const pts = chart.getDatasetMeta(i).data.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    if ((ds as { showLine?: boolean }).showLine) {
      for (let k = 1; k < pts.length; k++) out.push([pts[k - 1].x, pts[k - 1].y, pts[k].x, pts[k].y]);
    }
    for (const p of pts) out.push([p.x, p.y, p.x, p.y]);
  });
  return out;
}

const intersects = (a: Rect, b: Rect): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Candidate label positions down the line, from the top of the plot to its bottom. */
const CANDIDATES = 9;

/** The marker plugin: `font` for labels, `unit` = one typographic point in pixels. */
export function eventMarkers(markers: Marker[], font: RichFont, unit: number): Plugin {
  return {
    id: 'eventMarkers',
    afterDatasetsDraw(chart: Chart) {
      const { ctx, chartArea, scales } = chart;
      const tctx = ctx as unknown as TextContext;
      const segments = dataSegments(chart);
      const placed = markers
        .map((m) => ({ m, px: scales.x.getPixelForValue(m.x), runs: parseRichText(m.label) }))
        .filter(({ px }) => px >= chartArea.left && px <= chartArea.right)
        .sort((p, q) => p.px - q.px);
      const rects: TextRect[] = [];
      for (const { m, px, runs } of placed) {
        const metrics = measureRich(tctx, runs, font);
        const height = metrics.ascent + metrics.descent;
        const top = bestTop(chartArea, segments, rects, px - unit - height, px - unit, metrics.width, unit);
        ctx.save();
        ctx.strokeStyle = '#555555';
        ctx.lineWidth = 0.7 * unit;
        ctx.setLineDash([2 * unit, 2 * unit]);
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        // No dash while text is drawn: Skia's PDF backend would emit dashed glyphs as Type 3 fonts.
        ctx.setLineDash([]);
        // Rotated a quarter turn: the text reads upwards, its top edge against the line's left side.
        ctx.translate(px - unit - metrics.descent, top);
        ctx.rotate(-Math.PI / 2);
        ctx.fillStyle = 'rgba(255, 255, 255, 0.8)';
        ctx.fillRect(-metrics.width - unit, -metrics.ascent, metrics.width + 2 * unit, height);
        drawRich(tctx, runs, font, 0, 0, 'right', 'alphabetic', '#333333');
        ctx.restore();
        rects.push({ text: m.label, left: px - unit - height, right: px - unit, top, bottom: top + metrics.width });
      }
      recordText(chart, 'markers', rects);
    },
  };
}

/** The top of a label of the given extent that covers the least data and no earlier label (topmost on ties). */
function bestTop(
  area: ChartArea,
  segments: [number, number, number, number][],
  taken: Rect[],
  left: number,
  right: number,
  length: number,
  unit: number,
): number {
  const first = area.top + 2 * unit;
  const last = Math.max(first, area.bottom - 2 * unit - length);
  // Only segments that reach the label's column can meet it.
  const near = segments.filter(([x0, , x1]) => Math.max(x0, x1) >= left && Math.min(x0, x1) <= right);
  let best = { top: first, score: Infinity };
  for (let k = 0; k < CANDIDATES; k++) {
    const top = first + ((last - first) * k) / (CANDIDATES - 1);
    const r = { left, right, top, bottom: top + length };
    const clash = taken.some((t) => intersects(t, r)) ? 1e9 : 0;
    const score = clash + near.filter((s) => segmentHitsRect(r, ...s)).length;
    if (score < best.score) best = { top, score };
  }
  return best.top;
}
