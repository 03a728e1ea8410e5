import test from 'ava';
import * as math from 'mathjs';
import { pairIntegral, parseActivation, riskFormula } from '../../src/integrals/index.ts';
import { Rng } from '../../src/random.ts';
import { SpecError } from '../../src/validate.ts';
import { monteCarlo } from './gaussian.ts';

/** Overlaps of random weights: student W (m×d), teacher W* (k×d), Q = WWᵀ/d, R = WW*ᵀ/d, T = W*W*ᵀ/d. */
function overlaps(rng: Rng, m: number, k: number, d: number) {
  const w = Array.from({ length: m + k }, () => Array.from({ length: d }, () => rng.normal()));
  const c = w.map((x) => w.map((y) => x.reduce((s, v, i) => s + v * y[i], 0) / d)); // joint covariance of (λ, ν)
  const scope: Record<string, number> = {};
  for (let j = 0; j < m; j++) for (let l = j; l < m; l++) scope[`Q${j + 1}${l + 1}`] = c[j][l];
  for (let j = 0; j < m; j++) for (let n = 0; n < k; n++) scope[`R${j + 1}${n + 1}`] = c[j][m + n];
  for (let n = 0; n < k; n++) for (let p = n; p < k; p++) scope[`T${n + 1}${p + 1}`] = c[m + n][m + p];
  return { c, scope };
}

const KNOWN_MACROS = new Set([
  'frac', 'sqrt', 'arcsin', 'arccos', 'sum', 'left', 'right', 'cdot', 'varepsilon', 'sigma', 'pi', 'begin', 'end',
  'mathbb', 'mathcal', 'quad', 'sim', 'tanh', 'exp', 'max', 'operatorname', '\\',
]);

test('LaTeX risk of a 2-student, 1-teacher quadratic network is structurally sound', (t) => {
  const { document, risk } = riskFormula({ activation: 'quadratic', teacherActivation: 'quadratic', a: [1, 1], aStar: [1] }, { latex: true });
  let depth = 0;
  for (const ch of document) {
    depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
    t.true(depth >= 0, 'a closing brace before its opening one');
  }
  t.is(depth, 0, 'unbalanced braces');
  const macros = [...document.matchAll(/\\([a-zA-Z]+|\\)/g)].map((m) => m[1]);
  for (const m of macros) t.true(KNOWN_MACROS.has(m), `unknown macro \\${m}`);
  t.is((document.match(/\\left/g) ?? []).length, (document.match(/\\right/g) ?? []).length);
  t.is((document.match(/\\begin\{align\*\}/g) ?? []).length, 1);
  // no macro runs into a letter that is not part of it (e.g. "\cdotc_{22}")
  t.notRegex(document, /\\cdot[a-zA-Z]/);
  // every overlap of this network appears, in LaTeX form
  for (const v of ['Q_{11}', 'Q_{12}', 'Q_{22}', 'R_{11}', 'R_{21}', 'T_{11}']) t.true(risk.includes(v), v);
});

test('the text formula evaluates to the population risk: Monte Carlo over the local fields', (t) => {
  const rng = new Rng(131);
  const cases = [
    { activation: 'quadratic', teacherActivation: 'quadratic', a: [1, 1], aStar: [1] },
    { activation: 'erf', teacherActivation: 'erf', a: [1, 0.5], aStar: [1, -0.7] },
    { activation: 'tanh(x)', teacherActivation: 'linear', a: [0.8], aStar: [1.5] },
    { activation: 'x^3 - 3*x', teacherActivation: 'x^2', a: [0.5, 1], aStar: [1] },
  ];
  for (const model of cases) {
    const m = model.a.length;
    const k = model.aStar.length;
    const { c, scope } = overlaps(rng, m, k, 7);
    const s = parseActivation(model.activation);
    const st = parseActivation(model.teacherActivation);
    const fns = {
      I2ss: pairIntegral(s, s).value,
      I2st: pairIntegral(s, st).value,
      I2tt: pairIntegral(st, st).value,
    };
    const { risk } = riskFormula(model, { latex: false });
    const value = math.evaluate(risk, { ...scope, ...fns }) as number;
    const mc = monteCarlo(rng, c, 1_000_000, (u, o) => {
      let y = 0;
      for (let j = 0; j < m; j++) y += model.a[j] * s.f(u[o + j]);
      for (let n = 0; n < k; n++) y -= model.aStar[n] * st.f(u[o + m + n]);
      return 0.5 * y * y;
    });
    t.true(Math.abs(value - mc.mean) < 4 * mc.se, `${model.activation}/${model.teacherActivation}: ${value} vs MC ${mc.mean} ± ${mc.se}`);
  }
});

test('polynomial networks give one exact polynomial; others list the integrals with their paths', (t) => {
  const quad = riskFormula({ activation: 'quadratic', teacherActivation: 'quadratic', a: [1, 1], aStar: [1] }, { latex: false });
  t.is(quad.risk, '3/2*Q11^2 + Q11*Q22 - Q11*T11 + 2*Q12^2 + 3/2*Q22^2 - Q22*T11 - 2*R11^2 - 2*R21^2 + 3/2*T11^2');
  const mixed = riskFormula({ activation: 'tanh(x)', teacherActivation: 'erf', a: [1], aStar: [1] }, { latex: false });
  t.deepEqual(mixed.integrals.map((g) => g.path), ['quadrature', 'quadrature', 'closed-form']);
  t.regex(mixed.risk, /I2ss\(Q11, Q11, Q11\)/);
});

test('bad models are refused with the field path', (t) => {
  const ok = { activation: 'erf', teacherActivation: 'erf', a: [1], aStar: [1] };
  t.is(t.throws(() => riskFormula({ ...ok, activation: 'y' }, { latex: false }), { instanceOf: SpecError })?.path, 'model.activation');
  t.is(t.throws(() => riskFormula({ ...ok, teacherActivation: 'foo(x)' }, { latex: false }), { instanceOf: SpecError })?.path, 'model.teacherActivation');
  t.is(t.throws(() => riskFormula({ ...ok, a: [] }, { latex: false }), { instanceOf: SpecError })?.path, 'model.a');
  t.is(t.throws(() => riskFormula({ ...ok, aStar: ['x'] as unknown as number[] }, { latex: false }), { instanceOf: SpecError })?.path, 'model.aStar[0]');
});
