/**
 * The committee gradient flow at large width (run: `npx tsx bench/committee_large.ts [m] [method] [--scipy M]`,
 * default m = 200, auto): erf, m = m*, random start at d = 1000, t ∈ [0, 1000], rtol 1e-8, atol 1e-10, 201
 * output times, dense output not kept. Prints progress (t reached, evaluations, wall time, resident memory)
 * every 30 s and a final line with time, nfev, the methods used and the peak resident memory. With
 * `--scipy M` it then runs scipy's solve_ivp method M on the same problem and initial state
 * (bench/committee_scipy.py, capped at BENCH_SCIPY_CAP seconds, default 3600) and prints its time, nfev and
 * the largest difference of its final state from popflow's.
 */
import { solve, type MethodName } from '../solvers/index.ts';
import { buildCommitteeProblem, parseCommitteeSpec } from '../src/committee/index.ts';
import { runPythonJob } from './python.ts';

const args = process.argv.slice(2);
const scipyAt = args.indexOf('--scipy');
const scipyMethod = scipyAt >= 0 ? args.splice(scipyAt, 2)[1] : null;
const m = Number(args[0] ?? 200);
const method = (args[1] ?? 'auto') as MethodName;
const spec = parseCommitteeSpec({
  model: { activation: 'erf', a: Array(m).fill(1), aStar: Array(m).fill(1) },
  init: { kind: 'random', d: 1000, scale: 0.5, seed: 1 },
  times: [0, 1000],
});
const problem = buildCommitteeProblem(spec);
const tEval = Array.from({ length: 201 }, (_, i) => 5 * i);
let nfev = 0;
let tNow = 0;
let peakRss = 0;
const start = performance.now();
let lastReport = start;
const rhs = (t: number, y: Float64Array, dy: Float64Array) => {
  problem.rhs(t, y, dy);
  nfev++;
  tNow = Math.max(tNow, t);
  if ((nfev & 63) === 0) {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    const now = performance.now();
    if (now - lastReport > 30_000) {
      lastReport = now;
      console.log(`progress: t = ${tNow.toFixed(2)}, nfev ${nfev}, ${((now - start) / 1000).toFixed(0)} s, rss ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
    }
  }
};
const sol = solve({ rhs, y0: problem.y0, tspan: [0, 1000] }, { method, rtol: 1e-8, atol: 1e-10, tEval, denseOutput: false });
peakRss = Math.max(peakRss, process.memoryUsage.rss());
const seconds = (performance.now() - start) / 1000;
const loss = problem.risk.loss(sol.yFinal, problem.aFixed).value;
console.log(
  JSON.stringify({
    m, unknowns: problem.y0.length, method, status: sol.status, seconds, nfev: sol.stats.nfev, naccept: sol.stats.naccept,
    nreject: sol.stats.nreject, lossFinal: loss, peakRssMiB: peakRss / 2 ** 20,
    methods: sol.methods.map((u) => `${u.method} from t = ${u.t0.toFixed(2)}: ${u.reason}`),
  }),
);

if (scipyMethod !== null) {
  const job = {
    kind: 'flow', m, mStar: m, y0: Array.from(problem.y0), T: Array.from(problem.risk.T), a: Array(m).fill(1), aStar: Array(m).fill(1),
    lr: 0, tEval, rtol: 1e-8, atol: 1e-10, methods: [scipyMethod], repeats: 1, capSeconds: Number(process.env.BENCH_SCIPY_CAP ?? 3600),
    finalOnly: true,
  };
  type Entry = { seconds: number; nfev: number | null; status: string; y: number[][] | null };
  const r = runPythonJob<{ methods: Record<string, Entry> }>('committee_scipy.py', job).methods[scipyMethod];
  const last = r.y?.[r.y.length - 1];
  const diff = last === undefined ? null : Math.max(...last.map((v, i) => Math.abs(v - sol.yFinal[i])));
  console.log(JSON.stringify({ scipy: scipyMethod, seconds: r.seconds, nfev: r.nfev, status: r.status, maxFinalDiffFromPopflow: diff }));
}
