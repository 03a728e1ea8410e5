/**
 * popflow against scipy on the committee ODEs (run: `npx tsx bench/committee.ts [--quick]`).
 *
 * Problem: erf student and teacher, m = m*, second layers fixed at 1, random start at d = 1000 (scale 0.5,
 * seed 1; popflow draws the overlaps and hands the same initial state to python), t ∈ [0, 1000], rtol 1e-8,
 * atol 1e-10, 201 equally spaced output times. Gradient flow at m ∈ {2, 10, 50} (--quick: 2 and 10 only;
 * m = 200 is bench/committee_large.ts, `npm run bench:large`), and the online-SGD ODE (η = 0.5) at m = 10.
 * popflow runs dopri5 and auto in this process (best of 3 after a warm-up for small m, one run for
 * m ≥ 50); scipy's solve_ivp runs DOP853, RK45 and LSODA
 * on a vectorised numpy right-hand side (bench/committee_scipy.py) in a child process in the same run, each
 * capped at CAP seconds. Accuracy: the largest |error| over all outputs against a popflow dopri5 reference
 * at rtol 1e-12 (1e-10 for m ≥ 50), atol 1e-14. Ratio: scipy's best time over popflow's best time.
 * Also the cold command-line time of one case (process start to exit) for both: popflow from source (tsx)
 * and built (dist/, as installed from the package).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { solve, type MethodName, type OdeSolution } from '../solvers/index.ts';
import { buildCommitteeProblem, parseCommitteeSpec } from '../src/committee/index.ts';
import { benchScript, numpyEnv, runPythonJob } from './python.ts';

const quick = process.argv.includes('--quick');
const RTOL = 1e-8;
const ATOL = 1e-10;
const T_END = 1000;
const T_EVAL = Array.from({ length: 201 }, (_, i) => (T_END * i) / 200);
const SCIPY_METHODS = ['DOP853', 'RK45', 'LSODA'];
const POPFLOW_METHODS: MethodName[] = ['dopri5', 'auto'];
const CAP = Number(process.env.BENCH_SCIPY_CAP ?? 300);
const SGD_LR = 0.5;

interface Case {
  kind: 'flow' | 'sgd';
  m: number;
}

function specFor(c: Case) {
  return parseCommitteeSpec({
    model: { activation: 'erf', a: Array(c.m).fill(1), aStar: Array(c.m).fill(1) },
    init: { kind: 'random', d: 1000, scale: 0.5, seed: 1 },
    dynamics: c.kind === 'flow' ? { kind: 'gradient-flow' } : { kind: 'online-sgd', lr: SGD_LR },
    times: T_EVAL,
  });
}

interface Row {
  who: string;
  seconds: number;
  nfev: number | null;
  status: string;
  error: number | null;
  note: string;
}

function maxError(ys: ArrayLike<ArrayLike<number>>, ref: Float64Array[]): number {
  let e = 0;
  for (let k = 0; k < ref.length; k++) for (let i = 0; i < ref[k].length; i++) e = Math.max(e, Math.abs(ys[k][i] - ref[k][i]));
  return e;
}

function runScipy(c: Case, y0: Float64Array, T: number[], repeats: number) {
  const job = {
    kind: c.kind, m: c.m, mStar: c.m, y0: Array.from(y0), T, a: Array(c.m).fill(1), aStar: Array(c.m).fill(1), lr: SGD_LR,
    tEval: T_EVAL, rtol: RTOL, atol: ATOL, methods: SCIPY_METHODS, repeats, capSeconds: CAP,
  };
  return runPythonJob<{
    rhs0: number[];
    methods: Record<string, { seconds: number; nfev: number | null; status: string; y: number[][] | null }>;
  }>('committee_scipy.py', job);
}

function timePopflow(c: Case, method: MethodName, repeats: number): { seconds: number; sol: OdeSolution } {
  const problem = buildCommitteeProblem(specFor(c));
  const run = () => solve({ rhs: problem.rhs, y0: problem.y0, tspan: [0, T_END] }, { method, rtol: RTOL, atol: ATOL, tEval: T_EVAL });
  let sol = repeats > 1 ? run() : (undefined as unknown as OdeSolution);
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    sol = run();
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return { seconds: best, sol };
}

function fmtTime(s: number): string {
  return s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`;
}

function benchCase(c: Case): void {
  const small = c.m <= 10;
  const repeats = small ? 3 : 1;
  const problem = buildCommitteeProblem(specFor(c));
  const T = Array.from(problem.risk.T);
  const refRtol = small ? 1e-12 : 1e-10;
  const reference = solve({ rhs: problem.rhs, y0: problem.y0, tspan: [0, T_END] }, { rtol: refRtol, atol: 1e-14, tEval: T_EVAL });
  const rows: Row[] = [];
  for (const method of POPFLOW_METHODS) {
    const { seconds, sol } = timePopflow(c, method, repeats);
    const used = sol.methods.map((u) => `${u.method}${u.t0 > 0 ? ` from t = ${u.t0.toFixed(1)}` : ''}`).join(', ');
    rows.push({ who: `popflow ${method}`, seconds, nfev: sol.stats.nfev, status: sol.status, error: maxError(sol.y, reference.y), note: method === 'auto' ? used : '' });
  }
  const scipy = runScipy(c, problem.y0, T, repeats);
  const dy = new Float64Array(problem.y0.length);
  problem.rhs(0, problem.y0, dy);
  const rhsMismatch = maxError([scipy.rhs0], [dy]);
  for (const [name, r] of Object.entries(scipy.methods)) {
    rows.push({ who: `scipy ${name}`, seconds: r.seconds, nfev: r.nfev, status: r.status, error: r.y === null ? null : maxError(r.y, reference.y), note: '' });
  }
  const bestScipy = Math.min(...rows.filter((r) => r.who.startsWith('scipy') && r.error !== null).map((r) => r.seconds));
  const bestPopflow = Math.min(...rows.filter((r) => r.who.startsWith('popflow')).map((r) => r.seconds));
  const title = c.kind === 'flow' ? 'gradient flow' : `online-SGD ODE, η = ${SGD_LR}`;
  console.log(`\n### erf committee ${title}, m = m* = ${c.m} (${problem.y0.length} unknowns); load ${loadavg()[0].toFixed(1)}`);
  console.log(`reference: popflow dopri5 at rtol ${refRtol}, atol 1e-14 (${reference.stats.nfev} nfev); numpy rhs vs popflow rhs at y0: max |diff| ${rhsMismatch.toExponential(1)}`);
  console.log('| run | time | nfev | status | max error | scipy best / this | methods |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.who} | ${fmtTime(r.seconds)} | ${r.nfev ?? '–'} | ${r.status} | ${r.error === null ? '–' : r.error.toExponential(1)} | ${(bestScipy / r.seconds).toFixed(2)} | ${r.note} |`);
  }
  console.log(`ratio, scipy's best over popflow's best: ${(bestScipy / bestPopflow).toFixed(1)}×`);
}

/** Cold start to exit of one case on the command line: popflow's CLI (`ode`) and python3 with the same problem. */
function coldCli(m: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'popflow-bench-'));
  const spec = {
    model: { activation: 'erf', a: Array(m).fill(1), aStar: Array(m).fill(1) },
    init: { kind: 'random', d: 1000, scale: 0.5, seed: 1 },
    times: T_EVAL,
    solver: { method: 'auto', rtol: RTOL, atol: ATOL },
  };
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify(spec));
  const root = fileURLToPath(new URL('..', import.meta.url));
  let start = performance.now();
  const cli = spawnSync('npm', ['run', '--silent', 'popflow', '--', 'ode', specPath, '--out', join(dir, 'out.json')], { cwd: root, encoding: 'utf8' });
  const cliSeconds = (performance.now() - start) / 1000;
  // the built command (what `npm install popflow` puts on the path), when `npm run build` has made it
  const built = join(root, 'dist', 'cli', 'main.js');
  start = performance.now();
  const dist = existsSync(built) ? spawnSync(process.execPath, [built, 'ode', specPath, '--out', join(dir, 'out-dist.json')], { encoding: 'utf8' }) : null;
  const distSeconds = (performance.now() - start) / 1000;
  const problem = buildCommitteeProblem(specFor({ kind: 'flow', m }));
  const job = {
    kind: 'flow', m, mStar: m, y0: Array.from(problem.y0), T: Array.from(problem.risk.T), a: Array(m).fill(1), aStar: Array(m).fill(1),
    lr: SGD_LR, tEval: T_EVAL, rtol: RTOL, atol: ATOL, methods: ['DOP853'], repeats: 1, capSeconds: CAP,
  };
  const jobPath = join(dir, 'job.json');
  writeFileSync(jobPath, JSON.stringify(job));
  start = performance.now();
  const py = spawnSync('sh', ['-c', `python3 ${benchScript('committee_scipy.py')} < ${jobPath} > /dev/null`], { encoding: 'utf8', env: numpyEnv() });
  const pySeconds = (performance.now() - start) / 1000;
  console.log(`\n### cold command line, gradient flow m = m* = ${m}: process start to exit`);
  const distText = dist === null ? 'not built' : `${distSeconds.toFixed(2)} s (exit ${dist.status})`;
  console.log(`popflow from source, \`npm run --silent popflow -- ode spec.json\` (auto, through tsx): ${cliSeconds.toFixed(2)} s (exit ${cli.status}); built, \`node dist/cli/main.js ode spec.json\`: ${distText}; python3 + scipy DOP853: ${pySeconds.toFixed(2)} s (exit ${py.status})`);
}

const cases: Case[] = [
  { kind: 'flow', m: 2 },
  { kind: 'flow', m: 10 },
  ...(quick ? [] : [{ kind: 'flow' as const, m: 50 }]),
  { kind: 'sgd', m: 10 },
];
// Each case runs in its own process (as a user runs one problem per process: the JIT then sees one
// right-hand side), `--case kind:m`.
const only = process.argv.indexOf('--case');
if (only >= 0) {
  const [kind, m] = process.argv[only + 1].split(':');
  benchCase({ kind: kind as Case['kind'], m: Number(m) });
} else {
  console.log(`popflow vs scipy on the committee ODEs; rtol ${RTOL}, atol ${ATOL}, t ∈ [0, ${T_END}], ${T_EVAL.length} output times; scipy runs capped at ${CAP} s`);
  for (const c of cases) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--case', `${c.kind}:${c.m}`], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`case ${c.kind}:${c.m} failed`);
  }
  coldCli(10);
}
