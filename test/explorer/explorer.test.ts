/**
 * The explorer in a real browser: Debian's chromium driven by playwright-core (nothing downloaded),
 * the site built once into a temporary folder and served on 127.0.0.1. The page's numbers are checked
 * against popflow's engine run here under Node on the same spec.
 * POPFLOW_SCREENSHOT=1 also writes docs/explorer.png (the README's screenshot).
 */
import test from 'ava';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildExplorer, type NodeImport } from '../../explorer/build.ts';
import { serveDirectory } from '../../explorer/serve.ts';
import { DEFAULT_STATE, searchOfState, type ExplorerState } from '../../explorer/state.ts';
import { parseCommitteeSpec, runOde } from '../../src/committee/index.ts';
import { riskFormula } from '../../src/integrals/index.ts';
import { parseSimulationSpec, simulate } from '../../src/simulate/index.ts';
import type { SimReply } from '../../explorer/protocol.ts';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`explorer: browser tests SKIPPED — ${CHROMIUM} is absent (CI installs it: apt-get install -y chromium)`);
const inBrowser = haveChromium ? test.serial : test.skip;

/** What main.ts exposes as window.explorer (the parts read here). */
interface Handle {
  state: () => ExplorerState;
  committeeSpec: () => Record<string, unknown>;
  simulationSpec: (backend: string) => Record<string, unknown>;
  requested: number;
  shown: number;
  ode: { t: number[]; loss: number[]; events: { name: string; t: number }[] } | null;
  sim: SimReply | null;
  riskLatex: string | null;
  firstPlotMs: number | null;
  plotted: () => { x: number; y: number }[];
}
declare const explorer: Handle;

let dir: string;
let nodeImports: NodeImport[];
let server: { url: string; close: () => Promise<void> } | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'popflow-explorer-'));
  nodeImports = await buildExplorer(dir, { allowNodeImports: true });
  if (!haveChromium) return;
  server = await serveDirectory(dir);
  // SwiftShader gives headless chromium WebGL2 without a GPU.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

test.after.always(async () => {
  await browser?.close();
  await server?.close();
  if (process.env.POPFLOW_SCREENSHOT !== '1') await rm(dir, { recursive: true, force: true });
  else console.log(`explorer: build and exports kept in ${dir}`);
});

/** Wait until the final ODE result of the latest request is drawn. */
async function settled(p: Page): Promise<void> {
  await p.waitForFunction(() => explorer.shown > 0 && explorer.shown === explorer.requested, null, { timeout: 30_000 });
}

/** Largest relative difference between two equally long series. */
function maxRelDiff(a: number[], b: number[]): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
  return max;
}

/**
 * The page's ODE result equals runOde under Node on the page's own spec, within the integrator's
 * relative tolerance (the two JavaScript engines may round a library function differently, and the
 * adaptive steps then differ), and the chart draws exactly the page's result.
 */
async function checkAgainstNode(t: import('ava').ExecutionContext, p: Page): Promise<number[]> {
  const { spec, loss, plotted, t: times } = await p.evaluate(() => ({ spec: explorer.committeeSpec(), loss: explorer.ode!.loss, t: explorer.ode!.t, plotted: explorer.plotted() }));
  const parsed = parseCommitteeSpec(spec);
  const node = runOde(parsed);
  t.is(loss.length, node.loss.length);
  const diff = maxRelDiff(loss, node.loss);
  t.log(`browser vs Node ε_g: max relative difference ${diff.toExponential(2)} over ${loss.length} times (rtol ${parsed.solver.rtol})`);
  t.true(diff <= parsed.solver.rtol);
  const shown = times.map((x, i) => ({ x, y: loss[i] })).filter((q) => q.x > 0 && q.y > 0);
  t.deepEqual(plotted, shown);
  return loss;
}

test.serial('no popflow module in the browser bundle imports a Node built-in', (t) => {
  t.deepEqual(nodeImports, []);
});

inBrowser('the page plots ε_g of the default spec, equal to the Node engine, with events marked', async (t) => {
  await page.goto(server!.url);
  await settled(page);
  t.log(`first plot ${(await page.evaluate(() => explorer.firstPlotMs))!.toFixed(0)} ms after navigation (m = 2, online SGD)`);
  await checkAgainstNode(t, page);
  const events = await page.evaluate(() => explorer.ode!.events.map((e) => e.name));
  t.true(events.includes('plateau-entry') && events.includes('specialised-0') && events.includes('loss<0.001'), events.join(', '));
  t.true((await page.locator('#events li').count()) >= 4);
});

inBrowser('moving a slider with the keyboard re-integrates; the numbers follow the Node engine and the URL', async (t) => {
  const before = await page.evaluate(() => explorer.ode!.loss);
  await page.focus('#lr');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await settled(page);
  t.is((await page.evaluate(() => explorer.state())).lr, 0.55);
  const after = await checkAgainstNode(t, page);
  t.true(maxRelDiff(after, before) > 1e-3, 'ε_g changed with η');
  // The URL carries the state: a fresh page on it shows the same configuration.
  const state = await page.evaluate(() => explorer.state());
  const again = await browser!.newPage();
  await again.goto(page.url());
  await settled(again);
  t.deepEqual(await again.evaluate(() => explorer.state()), state);
  await again.close();
});

inBrowser('a formula typed as the activation shows the LaTeX of its risk', async (t) => {
  await page.selectOption('#dynamics', 'gradient-flow');
  await page.fill('#activation', 'x^3 - 3*x');
  await page.fill('#teacherActivation', 'x^3 - 3*x');
  const expected = riskFormula({ activation: 'x^3 - 3*x', teacherActivation: 'x^3 - 3*x', a: [1, 1], aStar: [1, 1] }, { latex: true }).risk;
  await page.waitForFunction((e) => explorer.riskLatex === e, expected, { timeout: 20_000 });
  t.is(await page.getAttribute('#risk-latex', 'data-latex'), expected);
  // KaTeX keeps the source it typeset in an annotation.
  const tex = await page.locator('#risk-latex annotation').textContent();
  t.is(tex, `\\varepsilon_g = ${expected}`);
  t.is(await page.locator('#spec-error').textContent(), '');
  await settled(page);
  await checkAgainstNode(t, page);
});

inBrowser('"Simulate" on WebGL agrees with the ODE within 5/√d and with the Node simulation to float32 accuracy', async (t) => {
  const state: ExplorerState = { ...DEFAULT_STATE, d: 100, end: 2, seeds: 2 };
  await page.goto(server!.url + searchOfState(state));
  await settled(page);
  await page.selectOption('#backend', 'webgl');
  await page.click('#simulate');
  await page.waitForFunction(() => explorer.sim !== null, null, { timeout: 60_000 });
  const sim = (await page.evaluate(() => explorer.sim))!;
  if (!sim.ok) return t.fail(sim.error);
  t.is(sim.backend, 'webgl');
  t.log(`webgl: ${sim.runs.length} seeds × ${Math.round(state.end * state.d)} steps in ${sim.wallSeconds.toFixed(2)} s (${Math.round(sim.stepsPerSecond)} steps/s)`);
  // ODE from the simulation's own start: the tolerance of compareOdeAndSimulation, K/√d with K = 5.
  t.is(sim.deviation.tolerance, 5 / Math.sqrt(state.d));
  t.log(`max |Δε_g|/ε_g against the ODE: ${sim.deviation.maxRel.toExponential(2)} (tolerance ${sim.deviation.tolerance})`);
  t.true(sim.deviation.within);
  // The same spec on Node's float32 cpu backend: same seeds, same samples, same initial weights.
  const spec = await page.evaluate(() => explorer.simulationSpec('cpu'));
  const node = await simulate(parseSimulationSpec(spec));
  t.deepEqual(sim.t, node.t);
  // float32 rounding (u = 2⁻²⁴) of k updates accumulates to at most about k·u relative in the weights;
  // ε_g is computed from them in float64. Allow k·u (k the steps of one run).
  const steps = node.steps[node.steps.length - 1];
  const tolerance = steps * 2 ** -24;
  const diffs = sim.runs.map((run, s) => maxRelDiff(run, node.runs[s].loss));
  t.log(`webgl vs Node cpu per seed: max relative ε_g difference ${diffs.map((d) => d.toExponential(2)).join(', ')} (allowed ${tolerance.toExponential(2)})`);
  for (const d of diffs) t.true(d <= tolerance);

  const shot = process.env.POPFLOW_SCREENSHOT === '1' ? join(process.cwd(), 'docs/explorer.png') : join(dir, 'explorer.png');
  await page.locator('#play').focus();
  await page.screenshot({ path: shot, fullPage: true });
  // Not blank: the ODE's blue and the simulation's vermillion are both drawn.
  const img = await loadImage(await readFile(shot));
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const { blue, vermillion } = countColours(ctx.getImageData(0, 0, img.width, img.height).data);
  t.true(blue > 500 && vermillion > 200, `blue ${blue}, vermillion ${vermillion} pixels in ${shot}`);
});

inBrowser('the spec exports as JSON that the engine accepts', async (t) => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const json = JSON.parse(await readFile((await download.path())!, 'utf8'));
  t.deepEqual(json, await page.evaluate(() => explorer.committeeSpec()));
  t.notThrows(() => parseCommitteeSpec(json));
});

inBrowser('the figure exports as PNG and as SVG, each showing the ODE and the simulation', async (t) => {
  const saved: Record<string, Buffer> = {};
  for (const kind of ['png', 'svg']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#export-${kind}`)]);
    saved[kind] = await readFile((await download.path())!);
  }
  const svg = saved.svg.toString('utf8');
  t.true(svg.startsWith('<svg') && svg.includes('stroke="#0072B2"') && svg.includes('fill="#D55E00"'));
  for (const [kind, bytes] of Object.entries(saved)) {
    const img = await loadImage(bytes);
    const c = createCanvas(img.width, img.height);
    c.getContext('2d').drawImage(img, 0, 0);
    const { blue, vermillion } = countColours(c.getContext('2d').getImageData(0, 0, img.width, img.height).data);
    t.true(blue > 200 && vermillion > 50, `${kind}: blue ${blue}, vermillion ${vermillion} pixels`);
    if (process.env.POPFLOW_SCREENSHOT === '1') await writeFile(join(dir, `export.${kind}.png`), await c.encode('png'));
  }
  t.deepEqual(pageErrors, []);
});

/** Pixels close to the ODE's blue (#0072B2) and to the simulation's vermillion (#D55E00). */
function countColours(px: Uint8ClampedArray): { blue: number; vermillion: number } {
  let blue = 0;
  let vermillion = 0;
  for (let i = 0; i < px.length; i += 4) {
    if (Math.abs(px[i] - 0x00) < 20 && Math.abs(px[i + 1] - 0x72) < 20 && Math.abs(px[i + 2] - 0xb2) < 20) blue++;
    if (Math.abs(px[i] - 0xd5) < 20 && Math.abs(px[i + 1] - 0x5e) < 20 && Math.abs(px[i + 2] - 0x00) < 20) vermillion++;
  }
  return { blue, vermillion };
}
