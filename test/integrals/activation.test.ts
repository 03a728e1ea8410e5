import test from 'ava';
import { parseActivation } from '../../src/integrals/index.ts';
import { SpecError } from '../../src/validate.ts';

const erfRef = (x: number) => {
  // independent erf: Taylor series, converges to round-off for |x| < 3
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
};

test('built-in names and their expressions reach the same canonical key', (t) => {
  const same: [string, string[]][] = [
    ['linear', ['x', '1*x']],
    ['quadratic', ['x^2', 'x*x']],
    ['erf', ['erf(x/sqrt(2))', 'erf(0.7071067811865475*x)']],
    ['relu', ['max(x,0)', 'max(0, x)']],
    ['abs', ['abs(x)', 'abs(1*x)']],
  ];
  for (const [name, exprs] of same) {
    t.is(parseActivation(name).key, name);
    for (const e of exprs) t.is(parseActivation(e).key, name, e);
  }
});

test('σ, σ′ and σ″ are compiled correctly, including erf and max (no mathjs derivative rule)', (t) => {
  const phi = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  const cases: [string, (x: number) => number, (x: number) => number, (x: number) => number][] = [
    ['erf', (x) => erfRef(x / Math.SQRT2), (x) => 2 * phi(x), (x) => -2 * x * phi(x)],
    ['relu', (x) => Math.max(x, 0), (x) => (x > 0 ? 1 : 0), () => 0],
    ['tanh(x)', Math.tanh, (x) => 1 - Math.tanh(x) ** 2, (x) => -2 * Math.tanh(x) * (1 - Math.tanh(x) ** 2)],
    ['x*erf(x/sqrt(2))', (x) => x * erfRef(x / Math.SQRT2), (x) => erfRef(x / Math.SQRT2) + 2 * x * phi(x), (x) => 4 * phi(x) - 2 * x * x * phi(x)],
    ['x^3 - 3*x', (x) => x ** 3 - 3 * x, (x) => 3 * x * x - 3, (x) => 6 * x],
    ['min(x, 1) - 1', (x) => Math.min(x, 1) - 1, (x) => (x < 1 ? 1 : 0), () => 0],
  ];
  for (const [spec, f, df, d2f] of cases) {
    const a = parseActivation(spec);
    for (const x of [-2.1, -0.4, 0.3, 1.7, 2.6]) {
      // 1e-13: the references are evaluated differently (series vs mathjs erf, simplified trees)
      t.true(Math.abs(a.f(x) - f(x)) < 1e-13, `${spec} f(${x})`);
      t.true(Math.abs(a.df(x) - df(x)) < 1e-13, `${spec} f'(${x})`);
      t.true(Math.abs(a.d2f(x) - d2f(x)) < 1e-13, `${spec} f''(${x})`);
    }
  }
});

test('polynomial coefficients are found for polynomials only', (t) => {
  t.deepEqual(parseActivation('x^3 - 3*x').polynomial, [0, -3, 0, 1]);
  t.deepEqual(parseActivation('(x + 1)^2').polynomial, [1, 2, 1]);
  t.deepEqual(parseActivation('quadratic').polynomial, [0, 0, 1]);
  t.is(parseActivation('erf').polynomial, null);
  t.is(parseActivation('relu').polynomial, null);
  t.is(parseActivation('tanh(x)').polynomial, null);
});

test('LaTeX uses proper macros for erf and max', (t) => {
  t.regex(parseActivation('erf').latex, /\\operatorname\{erf\}/);
  t.regex(parseActivation('relu').latex, /\\max/);
});

test('bad activations are refused at model.activation with what is allowed', (t) => {
  for (const bad of ['y + x', 'foo(x)', 'x = 2', '[1, 2]', 'x +', '', 'sqrt(x)']) {
    const err = t.throws(() => parseActivation(bad), { instanceOf: SpecError }, bad);
    t.is(err?.path, 'model.activation');
  }
});
