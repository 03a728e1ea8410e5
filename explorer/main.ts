/**
 * The explorer page: controls ↔ state ↔ URL; the ODE in a Web Worker (a new parameter terminates a
 * run still going and starts a fresh worker); ε_g on log–log axes with events; Q(t) and R(t) as
 * animated heatmaps; "Simulate" in a second worker on tfjs; exports of the spec and the figure.
 */
import { plateauIntervals } from '../src/committee/events.ts';
import { colourLimit, drawHeatmap } from './heatmap.ts';
import { LossChart, lossFigureSvg, type LossFigure, type Marker } from './lossChart.ts';
import { LatestOnlyWorker } from './latestWorker.ts';
import type { FormulaReply, FormulaRequest, OdeCurves, OdeReply, OdeRequest, SimProgress, SimReply } from './protocol.ts';
import { DEFAULT_STATE, committeeSpecJson, searchOfState, simulationSpecJson, stateFromSearch, type DynamicsKind, type ExplorerState } from './state.ts';

performance.mark('main-start');
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** What the page exposes for tests and for the curious (window.explorer). */
interface ExplorerHandle {
  state: () => ExplorerState;
  committeeSpec: () => Record<string, unknown>;
  simulationSpec: (backend: string) => Record<string, unknown>;
  /** Id of the latest ODE request and of the final result shown (equal when the plot is current). */
  requested: number;
  shown: number;
  ode: OdeCurves | null;
  odeMs: number | null;
  sim: SimReply | null;
  riskLatex: string | null;
  /** ms from navigation start to the first drawn ε_g curve. */
  firstPlotMs: number | null;
  /** The ODE curve as drawn: (t, ε_g) points of the chart's first dataset. */
  plotted: () => { x: number; y: number }[];
}

let state: ExplorerState;
const handle: ExplorerHandle = {
  state: () => state,
  committeeSpec: () => committeeSpecJson(state),
  simulationSpec: (backend) => simulationSpecJson(state, backend),
  requested: 0,
  shown: 0,
  ode: null,
  odeMs: null,
  sim: null,
  riskLatex: null,
  firstPlotMs: null,
  plotted: () => (lossChart?.chart.data.datasets[0]?.data ?? []).map((p) => ({ x: p.x, y: p.y })),
};
(window as unknown as { explorer: ExplorerHandle }).explorer = handle;

let lossChart: LossChart | null = null;
/** The loss chart, made on first use (after the first ODE request has gone out). */
function chart(): LossChart {
  lossChart ??= new LossChart($<HTMLCanvasElement>('loss-chart'));
  return lossChart;
}

// ---- controls ---------------------------------------------------------------------------------

const ranges = ['m', 'mStar', 'noise', 'scale', 'd', 'lr', 'end', 'target'] as const;

function formatRange(id: (typeof ranges)[number], v: number): string {
  if (id === 'end' || id === 'target') return `10^${v} = ${Number((10 ** v).toPrecision(3))}`;
  return String(v);
}

function input(id: string): HTMLInputElement {
  return $<HTMLInputElement>(id);
}

/** Show a state in the controls. */
function writeControls(s: ExplorerState): void {
  input('activation').value = s.activation;
  input('teacherActivation').value = s.teacherActivation;
  input('m').value = String(s.a.length);
  input('mStar').value = String(s.aStar.length);
  input('a').value = s.a.join(', ');
  input('aStar').value = s.aStar.join(', ');
  input('trainSecondLayer').checked = s.trainSecondLayer;
  input('noise').value = String(s.noise);
  input('scale').value = String(s.scale);
  input('d').value = String(s.d);
  input('seed').value = String(s.seed);
  $<HTMLSelectElement>('dynamics').value = s.dynamics;
  input('lr').value = String(s.lr);
  input('end').value = String(Math.log10(s.end));
  input('target').value = String(Math.log10(s.target));
  input('seeds').value = String(s.seeds);
  input('n').value = String(s.n);
  for (const id of ranges) $<HTMLOutputElement>(`${id}-value`).value = formatRange(id, Number(input(id).value));
  input('lr').disabled = s.dynamics === 'gradient-flow';
}

/** Second-layer weights from a text field ("1" or "1, 0.5, 0.25"), resized to `units` by repeating the last. */
function weights(text: string, units: number): number[] | null {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '').map(Number);
  if (parts.length === 0 || parts.some((v) => !Number.isFinite(v))) return null;
  return Array.from({ length: units }, (_, i) => parts[Math.min(i, parts.length - 1)]);
}

/** Read the controls into a state; `changed` is the id of the control that moved. */
function readControls(changed: string): ExplorerState | string {
  const units = (field: 'a' | 'aStar', range: 'm' | 'mStar'): number => {
    if (changed === field) {
      const n = input(field).value.split(/[\s,]+/).filter((p) => p !== '').length;
      if (n > 1) input(range).value = String(n);
    }
    return Number(input(range).value);
  };
  const m = units('a', 'm');
  const mStar = units('aStar', 'mStar');
  const a = weights(input('a').value, m);
  const aStar = weights(input('aStar').value, mStar);
  if (a === null) return 'a: numbers separated by commas';
  if (aStar === null) return 'a*: numbers separated by commas';
  if (changed === 'm') input('a').value = a.join(', ');
  if (changed === 'mStar') input('aStar').value = aStar.join(', ');
  for (const id of ranges) $<HTMLOutputElement>(`${id}-value`).value = formatRange(id, Number(input(id).value));
  const dynamics = $<HTMLSelectElement>('dynamics').value as DynamicsKind;
  input('lr').disabled = dynamics === 'gradient-flow';
  return {
    activation: input('activation').value.trim(),
    teacherActivation: input('teacherActivation').value.trim(),
    a,
    aStar,
    scale: Number(input('scale').value),
    d: Number(input('d').value),
    seed: Math.max(0, Math.round(Number(input('seed').value) || 0)),
    dynamics,
    lr: Number(input('lr').value),
    noise: Number(input('noise').value),
    trainSecondLayer: input('trainSecondLayer').checked,
    end: Number((10 ** Number(input('end').value)).toPrecision(6)),
    target: Number((10 ** Number(input('target').value)).toPrecision(6)),
    n: Math.max(1, Math.round(Number(input('n').value) || DEFAULT_STATE.n)),
    seeds: Math.max(1, Math.round(Number(input('seeds').value) || 1)),
  };
}

// ---- the ODE worker -----------------------------------------------------------------------------

const odeWorker = new LatestOnlyWorker<Omit<OdeRequest, 'id'>, OdeReply>(
  new URL('./odeWorker.js', import.meta.url),
  (reply) => {
    performance.mark(reply.ok && !reply.final ? 'ode-preview' : 'ode-reply');
    if (!reply.ok) {
      $('spec-error').textContent = reply.error;
      return;
    }
    handle.ode = reply.result;
    handle.odeMs = reply.ms;
    if (reply.final) handle.shown = reply.id;
    drawOde(reply.final);
  },
  (reply) => !reply.ok || reply.final,
);

/** Integrate the current state; a run still going is abandoned. */
function requestOde(): void {
  handle.requested = odeWorker.request({ spec: committeeSpecJson(state) });
}

const formulaWorker = new LatestOnlyWorker<Omit<FormulaRequest, 'id'>, FormulaReply>(new URL('./formulaWorker.js', import.meta.url), async (reply) => {
  if (!reply.ok) {
    handle.riskLatex = null;
    $('activation-latex').textContent = '';
    $('risk-latex').textContent = '';
    $('risk-latex').dataset.latex = '';
    $('spec-error').textContent = reply.error;
    return;
  }
  const { renderFormulas } = await import('./latex.ts');
  if (reply.id !== formulaWorker.id) return;
  renderFormulas(reply, $('activation-latex'), $('risk-latex'));
  handle.riskLatex = reply.risk;
});

function timeLabel(kind: DynamicsKind): string {
  return kind === 'online-sgd' ? 'α = steps / d' : kind === 'gd' ? 't = kη' : 't';
}

function markers(ode: OdeCurves): Marker[] {
  const out: Marker[] = [];
  for (const p of plateauIntervals(ode.events)) {
    out.push({ t: p.entry, label: 'plateau' });
    if (p.exit !== null) out.push({ t: p.exit, label: 'plateau end' });
  }
  for (const e of ode.events) {
    if (e.name.startsWith('specialised-')) out.push({ t: e.t, label: `specialised ${Number(e.name.slice(12)) + 1}` });
    if (e.name.startsWith('loss<')) out.push({ t: e.t, label: `ε_g < ${e.name.slice(5)}` });
  }
  return out;
}

function figure(): LossFigure {
  const ode = handle.ode;
  const sim = handle.sim?.ok ? handle.sim : null;
  return {
    ode: ode && { t: ode.t, loss: ode.loss },
    sim: sim && { t: sim.t, mean: sim.lossMean, std: sim.lossStd },
    markers: ode ? markers(ode) : [],
    xLabel: timeLabel(state.dynamics),
  };
}

function drawOde(final: boolean): void {
  const ode = handle.ode!;
  chart().update(figure());
  if (handle.firstPlotMs === null) handle.firstPlotMs = performance.now();
  $('spec-error').textContent = '';
  const status = ode.status === 'success' || ode.status === 'event' ? '' : ` — ${ode.status}: ${ode.message}`;
  $('ode-status').textContent = `ODE${final ? '' : ' (preview, computing events…)'}: ${ode.t.length} times in ${handle.odeMs!.toFixed(0)} ms; integrals ${ode.integrals.studentStudent}/${ode.integrals.studentTeacher}/${ode.integrals.teacherTeacher}${status}.`;
  const list = $('events');
  list.replaceChildren(
    ...markers(ode).map((m) => {
      const li = document.createElement('li');
      li.textContent = `${m.label} at ${timeLabel(state.dynamics).split(' ')[0]} = ${m.t.toPrecision(4)}`;
      return li;
    }),
  );
  if (final) startAnimation();
  else drawFrame(ode.t.length - 1);
}

// ---- heatmaps -----------------------------------------------------------------------------------

let frameTimer: number | null = null;

function drawFrame(i: number): void {
  const ode = handle.ode;
  if (!ode) return;
  drawHeatmap($<HTMLCanvasElement>('q-map'), ode.Q[i], colourLimit(ode.Q), 'Q');
  drawHeatmap($<HTMLCanvasElement>('r-map'), ode.R[i], colourLimit(ode.R), 'R');
  $<HTMLOutputElement>('frame-value').value = `${timeLabel(state.dynamics).split(' ')[0]} = ${ode.t[i].toPrecision(3)}`;
}

function stopAnimation(): void {
  if (frameTimer !== null) clearInterval(frameTimer);
  frameTimer = null;
  $('play').setAttribute('aria-pressed', 'false');
  $('play').textContent = 'Play';
}

/** Run the heatmaps through the output times once (about two seconds). */
function startAnimation(): void {
  stopAnimation();
  const ode = handle.ode!;
  const slider = input('frame');
  slider.max = String(ode.t.length - 1);
  let i = 0;
  $('play').setAttribute('aria-pressed', 'true');
  $('play').textContent = 'Pause';
  frameTimer = window.setInterval(() => {
    slider.value = String(i);
    drawFrame(i);
    i += Math.max(1, Math.round(ode.t.length / 80));
    if (i >= ode.t.length) {
      slider.value = String(ode.t.length - 1);
      drawFrame(ode.t.length - 1);
      stopAnimation();
    }
  }, 25);
}

// ---- simulation ---------------------------------------------------------------------------------

let simWorker: Worker | null = null;
let simId = 0;

function simulate(): void {
  simWorker?.terminate();
  simWorker = new Worker(new URL('./simWorker.js', import.meta.url), { type: 'module' });
  const id = ++simId;
  const backend = $<HTMLSelectElement>('backend').value;
  const progress = $<HTMLProgressElement>('sim-progress');
  progress.hidden = false;
  progress.value = 0;
  $('sim-status').textContent = `simulating at d = ${state.d} (${backend})…`;
  handle.sim = null;
  simWorker.onmessage = (e: MessageEvent<SimReply | SimProgress>) => {
    const msg = e.data;
    if (msg.id !== id) return;
    if ('progress' in msg) {
      progress.value = msg.progress;
      return;
    }
    progress.hidden = true;
    handle.sim = msg;
    if (!msg.ok) {
      $('sim-status').textContent = `simulation failed: ${msg.error}`;
      return;
    }
    const dev = msg.deviation;
    $('sim-status').textContent =
      `${msg.backend} (${msg.description}): ${msg.runs.length} seeds in ${msg.wallSeconds.toFixed(2)} s, ${Math.round(msg.stepsPerSecond)} steps/s. ` +
      `max |Δε_g|/ε_g against the ODE from the same start: ${dev.maxRel.toExponential(2)} (tolerance ${dev.tolerance.toExponential(2)}: ${dev.within ? 'within' : 'outside'}).`;
    $('sim-status').dataset.backend = msg.backend;
    chart().update(figure());
  };
  simWorker.postMessage({ id, spec: simulationSpecJson(state, backend), wasmPath: new URL('./', location.href).href });
}

// ---- exports ------------------------------------------------------------------------------------

function download(name: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
}

function exportJson(): void {
  const blob = new Blob([`${JSON.stringify(committeeSpecJson(state), null, 2)}\n`], { type: 'application/json' });
  download('popflow-spec.json', URL.createObjectURL(blob));
}

function exportPng(): void {
  const src = chart().chart.canvas;
  const c = document.createElement('canvas');
  c.width = src.width;
  c.height = src.height;
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.drawImage(src, 0, 0);
  download('popflow-loss.png', c.toDataURL('image/png'));
}

function exportSvg(): void {
  const blob = new Blob([lossFigureSvg(figure())], { type: 'image/svg+xml' });
  download('popflow-loss.svg', URL.createObjectURL(blob));
}

// ---- wiring -------------------------------------------------------------------------------------

function apply(s: ExplorerState): void {
  state = s;
  const search = searchOfState(s);
  history.replaceState(null, '', search);
  $<HTMLAnchorElement>('share').href = search;
  handle.sim = null;
  $('sim-status').textContent = '';
  $('spec-error').textContent = '';
  requestOde();
  formulaWorker.request({ model: { activation: s.activation, teacherActivation: s.teacherActivation, a: s.a, aStar: s.aStar } });
}



try {
  state = stateFromSearch(location.search);
} catch (e) {
  state = { ...DEFAULT_STATE };
  queueMicrotask(() => ($('spec-error').textContent = `the link's spec was not used: ${(e as Error).message}`));
}
writeControls(state);
apply(state);
chart();

$('controls').addEventListener('input', (e) => {
  const id = (e.target as HTMLElement).id;
  if (['seeds', 'n', 'backend'].includes(id)) {
    state = readControls(id) as ExplorerState;
    history.replaceState(null, '', searchOfState(state));
    return;
  }
  const next = readControls(id);
  if (typeof next === 'string') {
    $('spec-error').textContent = next;
    return;
  }
  apply(next);
});
$('simulate').addEventListener('click', simulate);
$('export-json').addEventListener('click', exportJson);
$('export-png').addEventListener('click', exportPng);
$('export-svg').addEventListener('click', exportSvg);
$('play').addEventListener('click', () => (frameTimer === null ? startAnimation() : stopAnimation()));
input('frame').addEventListener('input', () => {
  stopAnimation();
  drawFrame(Number(input('frame').value));
});
