/**
 * Benchmark: compiled symbolic integrals versus hand-written JavaScript for the same formula.
 *   - quadratic I4 = E[σ'(u_a) σ'(u_b) σ(u_c) σ(u_e)], σ = u² (Wick polynomial, code-generated)
 *   - erf I4 (closed form of THEORY.md §1b, mathjs expression compiled with common subexpressions hoisted)
 *   - mathjs `evaluate` of the same erf expression, for scale
 * Run: npx tsx bench/integrals.ts   (prints ns per call and the ratio compiled / hand-written)
 */
import * as math from 'mathjs';
import { parseActivation, quadIntegral } from '../src/integrals/index.ts';
import { QUAD_FORMS } from '../src/integrals/closedForms.ts';
import { Rng } from '../src/random.ts';

type I4 = (caa: number, cab: number, cac: number, cae: number, cbb: number, cbc: number, cbe: number, ccc: number, cce: number, cee: number) => number;

/** Hand-written quadratic I4: 4 E[u_a u_b u_c² u_e²] expanded by pairings of u_a. */
const quadraticByHand: I4 = (_caa, cab, cac, cae, _cbb, cbc, cbe, ccc, cce, cee) =>
  4 * (cab * (ccc * cee + 2 * cce * cce) + 2 * cac * (cbc * cee + 2 * cbe * cce) + 2 * cae * (cbe * ccc + 2 * cbc * cce));

/** Hand-written erf I4 (THEORY.md §1b). */
const erfByHand: I4 = (caa, cab, cac, cae, cbb, cbc, cbe, ccc, cce, cee) => {
  const pa = 1 + caa;
  const pb = 1 + cbb;
  const l4 = pa * pb - cab * cab;
  const l0 = l4 * cce - cbc * cbe * pa - cac * cae * pb + cab * cac * cbe + cab * cae * cbc;
  const l1 = l4 * (1 + ccc) - cbc * cbc * pa - cac * cac * pb + 2 * cab * cac * cbc;
  const l2 = l4 * (1 + cee) - cbe * cbe * pa - cae * cae * pb + 2 * cab * cae * cbe;
  return (4 / (Math.PI * Math.PI)) / Math.sqrt(l4) * Math.asin(l0 / Math.sqrt(l1 * l2));
};

const POINTS = 1024;
const rng = new Rng(1);
const args: number[][] = [];
for (let p = 0; p < POINTS; p++) {
  // a random 4×4 covariance B Bᵀ/4, upper triangle
  const b = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => rng.normal()));
  const c = b.map((x) => b.map((y) => x.reduce((s, v, i) => s + v * y[i], 0) / 4));
  args.push(c.flatMap((row, i) => row.slice(i)));
}
const flat = Float64Array.from(args.flat());

/** One timing loop per measured function (compiled separately, so each call site stays monomorphic). */
const LOOP_BODY = `
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < calls; k++) {
    const o = (k % points) * 10;
    sink += f(flat[o], flat[o + 1], flat[o + 2], flat[o + 3], flat[o + 4], flat[o + 5], flat[o + 6], flat[o + 7], flat[o + 8], flat[o + 9]);
  }
  return [Number(process.hrtime.bigint() - t0) / calls, sink];`;

function makeLoop(): (proc: typeof process, f: I4, flat: Float64Array, calls: number, points: number) => [number, number] {
  return new Function('process', 'f', 'flat', 'calls', 'points', LOOP_BODY) as never;
}

/** Best-of-9 ns per call of `a` and `b`, measured alternately so that machine load hits both alike. */
function nsPerCall(a: I4, b: I4, calls: number): [number, number] {
  const [loopA, loopB] = [makeLoop(), makeLoop()];
  let [bestA, bestB] = [Infinity, Infinity];
  for (let rep = 0; rep < 9; rep++) {
    const [nsA, sinkA] = loopA(process, a, flat, calls, POINTS);
    const [nsB, sinkB] = loopB(process, b, flat, calls, POINTS);
    if (!Number.isFinite(sinkA + sinkB)) console.log('(non-finite sum)');
    bestA = Math.min(bestA, nsA);
    bestB = Math.min(bestB, nsB);
  }
  return [bestA, bestB];
}

function agree(f: I4, g: I4): number {
  let worst = 0;
  for (const a of args) {
    const [x, y] = [f(...(a as Parameters<I4>)), g(...(a as Parameters<I4>))];
    if (Number.isFinite(x) || Number.isFinite(y)) worst = Math.max(worst, Math.abs(x - y) / Math.max(1, Math.abs(y)));
  }
  return worst;
}

const quadratic = parseActivation('quadratic');
const erf = parseActivation('erf');
const wickQuadratic = quadIntegral(quadratic, quadratic, quadratic).value as I4;
const compiledErf = quadIntegral(erf, erf, erf).value as I4;
const erfExpr = math.compile(QUAD_FORMS['erf|erf|erf'].expr);
const vars = ['caa', 'cab', 'cac', 'cae', 'cbb', 'cbc', 'cbe', 'ccc', 'cce', 'cee'];
const scope: Record<string, number> = {};
const mathjsErf: I4 = (...c) => {
  vars.forEach((v, i) => (scope[v] = c[i]));
  return erfExpr.evaluate(scope) as number;
};

const rows: [string, I4, I4, number][] = [
  ['quadratic I4 (Wick, generated)', wickQuadratic, quadraticByHand, 5_000_000],
  ['erf I4 (closed form, generated)', compiledErf, erfByHand, 2_000_000],
  ['erf I4 (mathjs evaluate)', mathjsErf, erfByHand, 20_000],
];
console.log('integral                          symbolic ns/call  hand ns/call  ratio  max rel. diff');
for (const [name, sym, hand, calls] of rows) {
  const [ts, th] = nsPerCall(sym, hand, calls);
  console.log(`${name.padEnd(34)}${ts.toFixed(1).padStart(16)}${th.toFixed(1).padStart(14)}${(ts / th).toFixed(2).padStart(7)}  ${agree(sym, hand).toExponential(1)}`);
}
