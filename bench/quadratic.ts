/**
 * Quadratic networks against numpy/scipy (run: `npx tsx bench/quadratic.ts [--quick]`).
 * 1. One right-hand side of the weight flow at d = 1000, m = 2000, m* = 500 (plain activation,
 *    2d(2m² + 2m m*) = 20 GFLOP): popflow's `matrixFlow` against the same formula in numpy (OpenBLAS).
 *    --quick: d = 500, m = 1000, m* = 250.
 * 2. The extensive-width limit (α = 0.5, α* = 0.25, c* = 1, plain) with 10⁴ angle nodes (Wachter quadrature,
 *    6 Gauss–Legendre nodes per panel), t ∈ [0, 50], rtol 1e-10, atol 1e-12: popflow dopri5 against scipy
 *    DOP853 and RK45 on a vectorised numpy rhs (each the best of 3 runs, as popflow's); final states compared.
 * numpy runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset.
 */
import { loadavg } from 'node:os';
import { solve } from '../solvers/index.ts';
import { Rng } from '../src/random.ts';
import { blockFamilyRhs, extensiveLimit, extensiveStartScale, initialState, matrixFlow } from '../src/quadratic/index.ts';
import { runPythonJob } from './python.ts';

const quick = process.argv.includes('--quick');

const python = (job: object): unknown => runPythonJob('quadratic_numpy.py', job);

function weightFlow(): void {
  const [d, m, mStar] = quick ? [500, 1000, 250] : [1000, 2000, 500];
  const rng = new Rng(1);
  const wStar = rng.fillNormal(new Float64Array(d * mStar), 1 / Math.sqrt(d));
  const w = rng.fillNormal(new Float64Array(d * m), 1 / Math.sqrt(d));
  const { rhs } = matrixFlow({ d, m, mStar, activation: 'plain', wStar });
  const dw = new Float64Array(d * m);
  rhs(0, w, dw);
  let best = Infinity;
  for (let r = 0; r < 2; r++) {
    const start = performance.now();
    rhs(0, w, dw);
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  const flops = 2 * d * (2 * m * m + 2 * m * mStar);
  const np = python({ kind: 'weights', d, m, mStar, seed: 1, repeats: 3 }) as { seconds: number; gflops: number };
  console.log(`\n### quadratic weight flow, one right-hand side, d = ${d}, m = ${m}, m* = ${mStar} (${(flops / 1e9).toFixed(1)} GFLOP); load ${loadavg()[0].toFixed(1)}`);
  console.log('| run | time | GFLOP/s | numpy time / this |');
  console.log('|---|---|---|---|');
  console.log(`| popflow matrixFlow | ${best.toFixed(2)} s | ${(flops / best / 1e9).toFixed(2)} | ${(np.seconds / best).toFixed(3)} |`);
  console.log(`| numpy (OpenBLAS) | ${np.seconds.toFixed(3)} s | ${np.gflops.toFixed(1)} | 1 |`);
}

function extensive(): void {
  const alpha = 0.5;
  const alphaStar = 0.25;
  const cStar = 1;
  // 6 nodes per panel × (graded 64 + 1 + uniform U) panels ≈ 10⁴ nodes
  const family = extensiveLimit(alpha, alphaStar, cStar, 'plain', { nodes: 6, graded: 64, uniform: 1602 });
  const y0 = initialState(family, extensiveStartScale(alpha, alphaStar, 1, cStar, 'plain'));
  const tEnd = 50;
  const opts = { rtol: 1e-10, atol: 1e-12 };
  const rhs = blockFamilyRhs(family);
  solve({ rhs, y0, tspan: [0, tEnd] }, opts);
  let best = Infinity;
  let sol = solve({ rhs, y0, tspan: [0, tEnd] }, opts);
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    sol = solve({ rhs, y0, tspan: [0, tEnd] }, opts);
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  const reference = solve({ rhs, y0, tspan: [0, tEnd] }, { rtol: 1e-13, atol: 1e-15 });
  const py = python({
    kind: 'extensive', cos: Array.from(family.cos), weight: Array.from(family.weight), uOnlyWeight: family.uOnlyWeight, cStar,
    y0: Array.from(y0), tEnd, ...opts, methods: ['DOP853', 'RK45'], repeats: 3,
  }) as { rhs0: number[]; methods: Record<string, { seconds: number; nfev: number; status: number; yFinal: number[] }> };
  const err = (y: ArrayLike<number>) => {
    let e = 0;
    for (let i = 0; i < y.length; i++) e = Math.max(e, Math.abs(y[i] - reference.yFinal[i]));
    return e;
  };
  const dy = new Float64Array(y0.length);
  rhs(0, y0, dy);
  const bestScipy = Math.min(...Object.values(py.methods).map((r) => r.seconds));
  console.log(`\n### extensive-width limit, α = ${alpha}, α* = ${alphaStar}, ${family.cos.length} angle nodes (${y0.length} unknowns), t ∈ [0, ${tEnd}], rtol 1e-10; load ${loadavg()[0].toFixed(1)}`);
  console.log(`reference: popflow dopri5 at rtol 1e-13; numpy rhs vs popflow rhs at y0: max |diff| ${err.length && Math.max(...py.rhs0.map((v, i) => Math.abs(v - dy[i]))).toExponential(1)}`);
  console.log('| run | time | nfev | final max error | scipy best / this |');
  console.log('|---|---|---|---|---|');
  console.log(`| popflow dopri5 | ${(best * 1000).toFixed(1)} ms | ${sol.stats.nfev} | ${err(sol.yFinal).toExponential(1)} | ${(bestScipy / best).toFixed(1)} |`);
  for (const [name, r] of Object.entries(py.methods)) {
    console.log(`| scipy ${name} | ${(r.seconds * 1000).toFixed(1)} ms | ${r.nfev} | ${err(r.yFinal).toExponential(1)} | ${(bestScipy / r.seconds).toFixed(2)} |`);
  }
}

extensive();
weightFlow();
