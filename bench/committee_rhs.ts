/**
 * Cost of the committee gradient-flow right-hand side (run: `npx tsx bench/committee_rhs.ts`).
 * erf student and teacher, m = m*, random start at d = 1000 (scale 0.5, seed 1). Prints right-hand-side
 * evaluations per second, the time of the O(m³) part (`VelocityOverlaps`: [2G | H]·C, 2m(m + m*)²
 * flops), its FLOP rate, and the peak of the same loop (`gemmNT`) on this machine: a 32×32 product
 * that stays in L1 cache.
 */
import { buildCommitteeProblem, parseCommitteeSpec } from '../src/committee/index.ts';
import { VelocityOverlaps } from '../src/committee/flow.ts';
import { gemmNT } from '../src/linalg/gemmNT.ts';

const WIDTHS = [10, 50, 200];

function timeIt(fn: () => void, minSeconds = 0.5): number {
  fn();
  let reps = 1;
  for (;;) {
    const start = performance.now();
    for (let r = 0; r < reps; r++) fn();
    const seconds = (performance.now() - start) / 1000;
    if (seconds >= minSeconds) return seconds / reps;
    reps *= 2;
  }
}

/** Peak of the loop used by velocityOverlaps (`gemmNT`) on a 32×32 product that stays in L1 cache. */
function loopPeak(n: number): number {
  const A = new Float64Array(n * n).map((_, i) => Math.sin(i));
  const B = new Float64Array(n * n).map((_, i) => Math.cos(i));
  const C = new Float64Array(n * n);
  return (2 * n * n * n) / timeIt(() => gemmNT(A, B, C, n, n, n, n)) / 1e9;
}

const peak = loopPeak(32);
console.log(`peak of the velocityOverlaps loop (32×32, L1-resident): ${peak.toFixed(2)} GFLOP/s`);
console.log(['m = m*', 'unknowns', 'rhs/s', 'µs per rhs', 'O(m³) part µs', 'O(m³) GFLOP/s', 'of loop peak'].join('\t'));
for (const m of WIDTHS) {
  const spec = parseCommitteeSpec({
    model: { activation: 'erf', a: Array(m).fill(1), aStar: Array(m).fill(1) },
    init: { kind: 'random', d: 1000, scale: 0.5, seed: 1 },
    times: [0, 1],
  });
  const problem = buildCommitteeProblem(spec);
  const { layout, risk, rhs, y0 } = problem;
  const dy = new Float64Array(y0.length);
  const perRhs = timeIt(() => rhs(0, y0, dy));
  const G = new Float64Array(m * m).map((_, i) => 1e-3 * Math.sin(i));
  const H = new Float64Array(m * m).map((_, i) => 1e-3 * Math.cos(i));
  const P = new Float64Array(m * m);
  const S = new Float64Array(m * m);
  const velocity = new VelocityOverlaps(layout, risk.T);
  const perCube = timeIt(() => velocity.compute(y0, G, H, P, S));
  const flops = 2 * m * (2 * m) ** 2;
  const rate = flops / perCube / 1e9;
  console.log([m, y0.length, Math.round(1 / perRhs), (perRhs * 1e6).toFixed(1), (perCube * 1e6).toFixed(1), rate.toFixed(2), `${((100 * rate) / peak).toFixed(0)}%`].join('\t'));
}
