/**
 * Benchmark of popflow's ODE layer against scipy (run: `npx tsx bench/solvers.ts`).
 * Problems: Lorenz (σ = 10, ρ = 28, β = 8/3) on t ∈ [0, 20] at rtol = atol = 1e-10, and a 100-dimensional linear
 * system y' = Ay with A = −I + 0.8·W/√100 (W standard normal, seed 7; spectrum in the disk |λ + 1| ≲ 0.8) on
 * [0, 20] at rtol 1e-8, atol 1e-10. dopri5 and odex are timed here, scipy's DOP853 and RK45 in a python3
 * child process (bench/solvers_scipy.py) in the same run; best of REPEATS wall times, ratio = popflow / scipy.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { solve, type MethodName, type Rhs } from '../solvers/index.ts';
import { Rng } from '../src/random.ts';

const REPEATS = 10;
const N_LINEAR = 100;

interface BenchProblem {
  name: string;
  kind: 'lorenz' | 'linear';
  rhs: Rhs;
  y0: number[];
  T: number;
  rtol: number;
  atol: number;
  A?: number[][];
}

const lorenz: Rhs = (_t, y, d) => {
  d[0] = 10 * (y[1] - y[0]);
  d[1] = y[0] * (28 - y[2]) - y[1];
  d[2] = y[0] * y[1] - (8 / 3) * y[2];
};

function linearProblem(n: number, seed: number): BenchProblem {
  const rng = new Rng(seed);
  const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? -1 : 0) + (0.8 * rng.normal()) / Math.sqrt(n)));
  const flat = Float64Array.from(A.flat());
  const rhs: Rhs = (_t, y, d) => {
    for (let i = 0; i < n; i++) {
      let acc = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) acc += flat[row + j] * y[j];
      d[i] = acc;
    }
  };
  const y0 = Array.from({ length: n }, () => rng.normal());
  return { name: `linear ${n}-D`, kind: 'linear', rhs, y0, T: 20, rtol: 1e-8, atol: 1e-10, A };
}

const problems: BenchProblem[] = [
  { name: 'Lorenz', kind: 'lorenz', rhs: lorenz, y0: [1, 1, 1], T: 20, rtol: 1e-10, atol: 1e-10 },
  linearProblem(N_LINEAR, 7),
];

interface ScipyEntry {
  name: string;
  exact: number[] | null;
  reference?: number[];
  methods: Record<string, { seconds: number; nfev: number; status: number; yFinal: number[] }>;
}

function runScipy(): ScipyEntry[] {
  const job = { repeats: REPEATS, problems: problems.map(({ rhs: _rhs, ...rest }) => rest) };
  const script = fileURLToPath(new URL('./solvers_scipy.py', import.meta.url));
  const child = spawnSync('python3', [script], { input: JSON.stringify(job), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`python3 ${script} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as ScipyEntry[];
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function timeMethod(p: BenchProblem, method: MethodName): { seconds: number; nfev: number; status: string; yFinal: Float64Array } {
  let best = Infinity;
  let last = solve({ rhs: p.rhs, y0: p.y0, tspan: [0, p.T] }, { method, rtol: p.rtol, atol: p.atol }); // warm-up (JIT)
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    last = solve({ rhs: p.rhs, y0: p.y0, tspan: [0, p.T] }, { method, rtol: p.rtol, atol: p.atol });
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return { seconds: best, nfev: last.stats.nfev, status: last.status, yFinal: last.yFinal };
}

const scipy = runScipy();
const fmt = (s: number): string => `${(s * 1000).toFixed(2)} ms`;
for (const p of problems) {
  const ref = scipy.find((e) => e.name === p.name)!;
  const truth = ref.exact ?? ref.reference!;
  const truthLabel = ref.exact ? 'exact expm(AT)·y0' : 'scipy DOP853 at 1e-13';
  console.log(`\n${p.name}: t ∈ [0, ${p.T}], rtol ${p.rtol}, atol ${p.atol}; final-state error against ${truthLabel}`);
  console.log(['method', 'time', 'nfev', 'status', 'max |error|', 'time / DOP853', 'time / RK45'].join('\t'));
  const rows: [string, number, number, string, number][] = [];
  for (const method of ['dopri5', 'odex'] as const) {
    const r = timeMethod(p, method);
    rows.push([method, r.seconds, r.nfev, r.status, maxAbsDiff(r.yFinal, truth)]);
  }
  for (const [name, m] of Object.entries(ref.methods)) rows.push([`scipy ${name}`, m.seconds, m.nfev, m.status === 0 ? 'success' : `status ${m.status}`, maxAbsDiff(m.yFinal, truth)]);
  for (const [name, seconds, nfev, status, err] of rows) {
    const ratios = ['DOP853', 'RK45'].map((m) => (seconds / ref.methods[m].seconds).toFixed(3));
    console.log([name, fmt(seconds), nfev, status, err.toExponential(2), ...ratios].join('\t'));
  }
}
