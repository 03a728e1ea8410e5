/**
 * The tanh online-SGD ODE at m = m* = 3 (run: `npx tsx bench/tanh_sgd.ts`): σ = σ* = tanh, second layers 1,
 * η = 0.5, random start at d = 1000 (scale 0.5, seed 1). The I3 and I4 integrals are quadratures (no closed
 * form for tanh). Prints the cost of one right-hand side (how many I3 and I4 it evaluates, and the time of
 * one I4 at the default nodes), and estimates the run to α = 1000 as (time of one tanh rhs) × (nfev of the
 * same run with erf, whose integrals are closed forms: a problem of the same shape; auto, rtol 1e-8).
 */
import { loadavg } from 'node:os';
import { solve } from '../solvers/index.ts';
import { buildCommitteeProblem, parseCommitteeSpec } from '../src/committee/index.ts';
import { parseActivation, quadIntegral } from '../src/integrals/index.ts';

const m = 3;
const spec = parseCommitteeSpec({
  model: { activation: 'tanh(x)', a: Array(m).fill(1), aStar: Array(m).fill(1) },
  init: { kind: 'random', d: 1000, scale: 0.5, seed: 1 },
  dynamics: { kind: 'online-sgd', lr: 0.5 },
  times: [0, 2],
});
const problem = buildCommitteeProblem(spec);
const dy = new Float64Array(problem.y0.length);
let start = performance.now();
problem.rhs(0, problem.y0, dy);
const rhsSeconds = (performance.now() - start) / 1000;
const tanh = parseActivation('tanh(x)');
const i4 = quadIntegral(tanh, tanh, tanh);
start = performance.now();
for (let r = 0; r < 5; r++) i4.value(0.3, 0.05, 0.1, 0.02, 0.28, 0.03, 0.12, 1, 0.01, 1);
const i4Seconds = (performance.now() - start) / 5000;
const n = 2 * m;
const i4PerRhs = ((m * (m + 1)) / 2) * ((n * (n + 1)) / 2);
console.log(`\n### tanh online-SGD ODE, m = m* = ${m}; load ${loadavg()[0].toFixed(1)}`);
console.log(`one rhs: ${rhsSeconds.toFixed(2)} s (${i4PerRhs} I4 and ${m * n * n} I3 by quadrature; one I4 at default nodes: ${(i4Seconds * 1000).toFixed(1)} ms)`);
const erfSpec = parseCommitteeSpec({ ...JSON.parse(JSON.stringify(spec)), model: { ...spec.model, activation: 'erf', teacherActivation: 'erf' }, times: [0, 1000] });
const erf = buildCommitteeProblem(erfSpec);
start = performance.now();
const sol = solve({ rhs: erf.rhs, y0: erf.y0, tspan: [0, 1000] }, { method: 'auto', rtol: 1e-8, atol: 1e-10 });
const erfSeconds = (performance.now() - start) / 1000;
console.log(`same ODE with erf (closed forms), α ∈ [0, 1000], auto, rtol 1e-8: ${erfSeconds.toFixed(2)} s, ${sol.stats.nfev} nfev, ${sol.status}`);
console.log(`estimate for tanh to α = 1000: ${sol.stats.nfev} × ${rhsSeconds.toFixed(2)} s ≈ ${((sol.stats.nfev * rhsSeconds) / 3600).toFixed(1)} h (goal: 60 s; not reached, see docs/performance.md)`);
