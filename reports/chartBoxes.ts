/**
 * chart.js layout boxes that typeset their text with the rich-text layer: the title (wrapped, or shrunk
 * when one word is too long: never squeezed), the axis titles and the legend (swatches that show each
 * series' line, dash pattern, point marker, band or bar). Each box measures its text in `update`, so
 * chart.js's layout reserves the space it needs, and records the rectangles it drew in `textRects`
 * for the layout check.
 */
import type { Chart, ChartArea } from 'chart.js';
import { drawRich, measureRich, parseRichText, wrapRich, type RichFont, type TextContext } from './richText.ts';

/** An axis-aligned rectangle on the canvas, in pixels, with the text it holds. */
export interface TextRect {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What chart.js's layout needs of a box (see chart.js `layouts.addBox`), plus the drawn text. */
abstract class TextBox {
  left = 0;
  top = 0;
  right = 0;
  bottom = 0;
  width = 0;
  height = 0;
  fullSize: boolean;
  textRects: TextRect[] = [];
  /** chart.js reads the box's stack options (no stacking here). */
  options = { stack: undefined, stackWeight: 1 };
  constructor(
    protected chart: Chart,
    public position: 'top' | 'bottom' | 'left',
    public weight: number,
    fullSize: boolean,
  ) {
    this.fullSize = fullSize;
  }
  protected get ctx(): TextContext {
    return this.chart.ctx as unknown as TextContext;
  }
  isHorizontal(): boolean {
    return this.position !== 'left';
  }
  abstract update(maxWidth: number, maxHeight: number): void;
  abstract draw(area: ChartArea): void;
}

/** A title is shrunk to stay on one line down to this fraction of its size, and wrapped beyond. */
const TITLE_SHRINK = 0.9;
/** Smallest font a label may be shrunk to, relative to its preset size. */
const MIN_SHRINK = 0.6;

/** The figure title: centred, wrapped at spaces to the canvas width, shrunk only if one word is too wide. */
export class TitleBox extends TextBox {
  private lines: string[] = [];
  private font: RichFont;
  /** `gapBelow` keeps the top tick label of the y axis (centred on the plot's top edge) clear of the title. */
  constructor(chart: Chart, private text: string, private baseFont: RichFont, private padding: number, private gapBelow: number) {
    super(chart, 'top', 2000, true);
    this.font = baseFont;
  }
  update(maxWidth: number): void {
    const avail = maxWidth - 2 * this.padding;
    const oneLine = measureRich(this.ctx, parseRichText(this.text), this.baseFont).width;
    // A title a little too wide is set a little smaller on one line; a longer one wraps into balanced lines.
    this.font = oneLine > avail && oneLine * TITLE_SHRINK <= avail ? { ...this.baseFont, size: (this.baseFont.size * avail) / oneLine } : this.baseFont;
    this.lines = wrapRich(this.ctx, this.text, this.font, avail);
    const widest = Math.max(...this.lines.map((l) => measureRich(this.ctx, parseRichText(l), this.font).width));
    if (widest > avail) {
      this.font = { ...this.baseFont, size: this.baseFont.size * Math.max(MIN_SHRINK, avail / widest) };
      this.lines = wrapRich(this.ctx, this.text, this.font, avail);
    }
    this.width = maxWidth;
    this.height = this.lines.reduce((h, l) => h + lineHeight(this.ctx, l, this.font), 0) + 2 * this.padding + this.gapBelow;
  }
  draw(area: ChartArea): void {
    this.textRects = [];
    let y = this.top + this.padding;
    for (const l of this.lines) {
      const runs = parseRichText(l);
      const m = measureRich(this.ctx, runs, this.font);
      const cx = centreOver(area, m.width, this.left + this.padding, this.right - this.padding);
      const box = drawRich(this.ctx, runs, this.font, cx, y + m.ascent, 'center');
      this.textRects.push({ text: l, ...box });
      y += m.ascent + m.descent;
    }
  }
}

/** The x that centres a width over the plot area, moved inwards as far as needed to stay within [left, right]. */
const centreOver = (area: ChartArea, width: number, left: number, right: number): number =>
  Math.min(Math.max((area.left + area.right) / 2, left + width / 2), right - width / 2);

const lineHeight = (ctx: TextContext, src: string, font: RichFont): number => {
  const m = measureRich(ctx, parseRichText(src), font);
  return m.ascent + m.descent;
};

/** An axis title outside its scale: below the x axis, or left of the y axis and rotated, centred on the plot. */
export class AxisTitleBox extends TextBox {
  private font: RichFont;
  constructor(chart: Chart, private axis: 'x' | 'y', private text: string, private baseFont: RichFont, private padding: number) {
    super(chart, axis === 'x' ? 'bottom' : 'left', 1, false);
    this.font = baseFont;
  }
  update(maxWidth: number, maxHeight: number): void {
    const length = this.axis === 'x' ? maxWidth : maxHeight;
    const m = measureRich(this.ctx, parseRichText(this.text), this.baseFont);
    this.font = m.width > length ? { ...this.baseFont, size: this.baseFont.size * Math.max(MIN_SHRINK, length / m.width) } : this.baseFont;
    const thick = lineHeight(this.ctx, this.text, this.font) + this.padding;
    if (this.axis === 'x') {
      this.width = maxWidth;
      this.height = thick;
    } else {
      this.width = thick;
      this.height = maxHeight;
    }
  }
  draw(): void {
    const runs = parseRichText(this.text);
    const m = measureRich(this.ctx, runs, this.font);
    const ctx = this.chart.ctx;
    if (this.axis === 'x') {
      const box = drawRich(this.ctx, runs, this.font, (this.left + this.right) / 2, this.bottom - m.descent, 'center');
      this.textRects = [{ text: this.text, ...box }];
      return;
    }
    // Rotated a quarter turn anticlockwise: the text's baseline runs up the left edge.
    const cx = this.left + m.ascent;
    const cy = (this.top + this.bottom) / 2;
    ctx.save();
    ctx.translate(cx, cy);
    ctx.rotate(-Math.PI / 2);
    drawRich(this.ctx, runs, this.font, 0, 0, 'center');
    ctx.restore();
    this.textRects = [{ text: this.text, left: cx - m.ascent, right: cx + m.descent, top: cy - m.width / 2, bottom: cy + m.width / 2 }];
  }
}

/** How a legend entry's swatch is drawn: the series' own line, dash, marker, band and bar look. */
export interface Swatch {
  colour: string;
  line: boolean;
  dash: number[];
  lineWidth: number;
  point: boolean;
  pointRadius: number;
  band?: string;
  bar?: string;
  errorBar: boolean;
}
/** One legend entry: label (rich text), swatch, and the chart.js dataset that draws its points. */
export interface LegendEntry {
  label: string;
  swatch: Swatch;
  datasetIndex: number;
}

/** The legend above the plot: entries flow into centred rows; each swatch shows how its series is drawn. */
export class LegendBox extends TextBox {
  private rows: { entries: LegendEntry[]; width: number }[] = [];
  private rowHeight = 0;
  constructor(
    chart: Chart,
    public entries: LegendEntry[],
    private font: RichFont,
    /** `gapBelow` keeps the y axis's top tick label clear of the legend. */
    private sizes: { swatch: number; gap: number; spacing: number; padding: number; gapBelow: number },
  ) {
    super(chart, 'top', 1000, true);
  }
  private entryWidth(e: LegendEntry): number {
    return this.sizes.swatch + this.sizes.gap + measureRich(this.ctx, parseRichText(e.label), this.font).width;
  }
  update(maxWidth: number): void {
    const avail = maxWidth - 2 * this.sizes.padding;
    this.rows = [];
    let row: { entries: LegendEntry[]; width: number } | undefined;
    for (const e of this.entries) {
      const w = this.entryWidth(e);
      if (!row || row.width + this.sizes.spacing + w > avail) {
        row = { entries: [e], width: w };
        this.rows.push(row);
      } else {
        row.entries.push(e);
        row.width += this.sizes.spacing + w;
      }
    }
    this.rowHeight = Math.max(0, ...this.entries.map((e) => lineHeight(this.ctx, e.label, this.font)));
    this.width = maxWidth;
    this.height = this.rows.length * this.rowHeight + 2 * this.sizes.padding + this.sizes.gapBelow;
  }
  draw(area: ChartArea): void {
    this.textRects = [];
    const ctx = this.chart.ctx;
    let y = this.top + this.sizes.padding;
    for (const row of this.rows) {
      let x = centreOver(area, row.width, this.left + this.sizes.padding, this.right - this.sizes.padding) - row.width / 2;
      const mid = y + this.rowHeight / 2;
      for (const e of row.entries) {
        drawSwatch(ctx, e.swatch, x, mid, this.sizes.swatch);
        const box = drawRich(this.ctx, parseRichText(e.label), this.font, x + this.sizes.swatch + this.sizes.gap, mid, 'left', 'middle');
        this.textRects.push({ text: e.label, ...box });
        x += this.entryWidth(e) + this.sizes.spacing;
      }
      y += this.rowHeight;
    }
  }
}

/** Draw a legend swatch of width w, centred vertically on y. */
function drawSwatch(ctx: CanvasRenderingContext2D, s: Swatch, x: number, y: number, w: number): void {
  const h = w * 0.45;
  ctx.save();
  if (s.band || s.bar) {
    ctx.fillStyle = (s.band ?? s.bar) as string;
    ctx.fillRect(x, y - h / 2, w, h);
  }
  if (s.bar) {
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = s.lineWidth;
    ctx.strokeRect(x, y - h / 2, w, h);
  }
  if (s.line) {
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = s.lineWidth;
    ctx.setLineDash(s.dash);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + w, y);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (s.errorBar) {
    const e = h * 0.6;
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = s.lineWidth * 0.8;
    ctx.beginPath();
    ctx.moveTo(x + w / 2, y - e);
    ctx.lineTo(x + w / 2, y + e);
    ctx.moveTo(x + w / 2 - e / 2, y - e);
    ctx.lineTo(x + w / 2 + e / 2, y - e);
    ctx.moveTo(x + w / 2 - e / 2, y + e);
    ctx.lineTo(x + w / 2 + e / 2, y + e);
    ctx.stroke();
  }
  if (s.point) {
    ctx.fillStyle = s.colour;
    ctx.beginPath();
    ctx.arc(x + w / 2, y, s.pointRadius, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.restore();
}
