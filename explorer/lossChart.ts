/**
 * ε_g(t) on log–log axes (chart.js): the ODE as a line, the simulation as points with its seed spread
 * as a band, events as labelled vertical lines; and the same figure written as SVG for export.
 */
import { Chart, registerables, type ChartDataset, type Plugin } from 'chart.js';

/** Okabe & Ito (2008) colour-blind-safe colours used here: ODE, simulation, band, markers. */
export const COLOURS = { ode: '#0072B2', sim: '#D55E00', band: 'rgba(213, 94, 0, 0.18)', marker: '#444444', seed: 'rgba(230, 159, 0, 0.55)' };

export interface Marker {
  t: number;
  label: string;
}

export interface LossFigure {
  ode: { t: number[]; loss: number[] } | null;
  sim: { t: number[]; mean: number[]; std: number[] } | null;
  markers: Marker[];
  xLabel: string;
}

type Point = { x: number; y: number };

/** Points with t > 0 and y > 0 (log axes). */
function positive(t: number[], y: number[]): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < t.length; i++) if (t[i] > 0 && y[i] > 0 && Number.isFinite(y[i])) out.push({ x: t[i], y: y[i] });
  return out;
}

/** Tick labels at 1, 2 and 5 times powers of ten (chart.js puts log ticks at 1…9 × 10^k). */
function decade(value: string | number): string {
  const v = Number(value);
  const k = Math.floor(Math.log10(v) + 1e-9);
  const mantissa = Math.round(v / 10 ** k);
  if (![1, 2, 5].includes(mantissa) || Math.abs(v / 10 ** k - mantissa) > 1e-6) return '';
  return k >= -2 && k <= 3 ? String(Number(v.toPrecision(3))) : `${mantissa}e${k}`;
}

const markerPlugin: Plugin<'scatter'> = {
  id: 'popflowMarkers',
  afterDatasetsDraw(chart) {
    const markers = (chart.options.plugins as { popflowMarkers?: { markers: Marker[] } }).popflowMarkers?.markers ?? [];
    const { ctx, chartArea, scales } = chart;
    ctx.save();
    ctx.strokeStyle = COLOURS.marker;
    ctx.fillStyle = COLOURS.marker;
    ctx.setLineDash([4, 3]);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'right';
    for (const m of markers) {
      const px = scales.x.getPixelForValue(m.t);
      if (!(px >= chartArea.left && px <= chartArea.right)) continue;
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      ctx.save();
      ctx.translate(px - 3, chartArea.top + 4);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText(m.label, 0, 0);
      ctx.restore();
    }
    ctx.restore();
  },
};

Chart.register(...registerables, markerPlugin as Plugin);

/** The chart.js chart of a loss figure on `canvas`; `update` redraws it without animation. */
export class LossChart {
  readonly chart: Chart<'scatter', Point[]>;

  constructor(canvas: HTMLCanvasElement) {
    this.chart = new Chart(canvas, {
      type: 'scatter',
      data: { datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: 't' }, ticks: { callback: decade } },
          y: { type: 'logarithmic', title: { display: true, text: 'ε_g' }, ticks: { callback: decade } },
        },
        plugins: { legend: { position: 'bottom' }, tooltip: { enabled: true } },
      },
    });
  }

  update(fig: LossFigure): void {
    const sets: ChartDataset<'scatter', Point[]>[] = [];
    if (fig.ode) {
      sets.push({ label: 'ODE (d → ∞)', data: positive(fig.ode.t, fig.ode.loss), showLine: true, pointRadius: 0, borderColor: COLOURS.ode, backgroundColor: COLOURS.ode, borderWidth: 2 });
    }
    if (fig.sim) {
      const { t, mean, std } = fig.sim;
      const hi = positive(t, mean.map((v, i) => v + std[i]));
      const lo = positive(t, mean.map((v, i) => Math.max(v - std[i], v * 1e-3)));
      sets.push({ label: 'seed mean ± sd', data: hi, showLine: true, pointRadius: 0, borderWidth: 0, borderColor: COLOURS.band, backgroundColor: COLOURS.band, fill: '+1' } as ChartDataset<'scatter', Point[]>);
      sets.push({ label: '', data: lo, showLine: true, pointRadius: 0, borderWidth: 0, borderColor: COLOURS.band, backgroundColor: COLOURS.band });
      sets.push({ label: 'simulation (finite d)', data: positive(t, mean), pointRadius: 3, pointStyle: 'rect', borderColor: COLOURS.sim, backgroundColor: COLOURS.sim });
    }
    this.chart.data.datasets = sets;
    const opts = this.chart.options;
    (opts.plugins as { popflowMarkers?: { markers: Marker[] } }).popflowMarkers = { markers: fig.markers };
    (opts.scales!.x as { title: { text: string } }).title.text = fig.xLabel;
    opts.plugins!.legend!.labels = { filter: (item) => item.text !== '' };
    this.chart.update();
  }
}

/** The loss figure as a standalone SVG document (log–log axes with decade ticks). */
export function lossFigureSvg(fig: LossFigure, width = 720, height = 440): string {
  const pad = { left: 64, right: 16, top: 16, bottom: 48 };
  const series: Point[][] = [];
  if (fig.ode) series.push(positive(fig.ode.t, fig.ode.loss));
  if (fig.sim) series.push(positive(fig.sim.t, fig.sim.mean.map((v, i) => v + fig.sim!.std[i])), positive(fig.sim.t, fig.sim.mean));
  const all = series.flat();
  if (all.length === 0) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"/>`;
  const lx = all.map((p) => Math.log10(p.x));
  const ly = all.map((p) => Math.log10(p.y));
  const [x0, x1] = [Math.floor(Math.min(...lx)), Math.ceil(Math.max(...lx))];
  const [y0, y1] = [Math.floor(Math.min(...ly)), Math.ceil(Math.max(...ly))];
  const W = width - pad.left - pad.right;
  const H = height - pad.top - pad.bottom;
  const X = (v: number): number => pad.left + ((Math.log10(v) - x0) / Math.max(x1 - x0, 1)) * W;
  const Y = (v: number): number => pad.top + (1 - (Math.log10(v) - y0) / Math.max(y1 - y0, 1)) * H;
  const f = (v: number): string => v.toFixed(1);
  const parts: string[] = [];
  parts.push(`<rect x="${pad.left}" y="${pad.top}" width="${W}" height="${H}" fill="none" stroke="#000"/>`);
  for (let k = x0; k <= x1; k++) {
    const px = f(X(10 ** k));
    parts.push(`<line x1="${px}" x2="${px}" y1="${pad.top + H}" y2="${pad.top + H + 5}" stroke="#000"/><text x="${px}" y="${pad.top + H + 18}" text-anchor="middle">10<tspan dy="-6" font-size="9">${k}</tspan></text>`);
  }
  for (let k = y0; k <= y1; k++) {
    const py = f(Y(10 ** k));
    parts.push(`<line x1="${pad.left - 5}" x2="${pad.left}" y1="${py}" y2="${py}" stroke="#000"/><text x="${pad.left - 8}" y="${py}" text-anchor="end" dominant-baseline="middle">10<tspan dy="-6" font-size="9">${k}</tspan></text>`);
  }
  parts.push(`<text x="${pad.left + W / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(fig.xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${pad.top + H / 2}) rotate(-90)" text-anchor="middle">ε_g</text>`);
  const path = (pts: Point[]): string => pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${f(X(p.x))},${f(Y(p.y))}`).join('');
  if (fig.sim) {
    const hi = series[fig.ode ? 1 : 0];
    const lo = positive(fig.sim.t, fig.sim.mean.map((v, i) => Math.max(v - fig.sim!.std[i], v * 1e-3)));
    parts.push(`<path d="${path(hi)}${path([...lo].reverse()).replace(/^M/, 'L')}Z" fill="${COLOURS.band}" stroke="none"/>`);
    for (const p of series[series.length - 1]) parts.push(`<rect x="${f(X(p.x) - 3)}" y="${f(Y(p.y) - 3)}" width="6" height="6" fill="${COLOURS.sim}"/>`);
  }
  if (fig.ode) parts.push(`<path d="${path(series[0])}" fill="none" stroke="${COLOURS.ode}" stroke-width="2"/>`);
  for (const m of fig.markers) {
    if (!(m.t > 0)) continue;
    const px = X(m.t);
    if (px < pad.left || px > pad.left + W) continue;
    parts.push(`<line x1="${f(px)}" x2="${f(px)}" y1="${pad.top}" y2="${pad.top + H}" stroke="${COLOURS.marker}" stroke-dasharray="4 3"/>`);
    parts.push(`<text transform="translate(${f(px - 3)} ${pad.top + 4}) rotate(-90)" text-anchor="end" font-size="11" fill="${COLOURS.marker}">${escapeXml(m.label)}</text>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
