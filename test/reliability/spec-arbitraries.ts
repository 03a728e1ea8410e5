/**
 * fast-check generators of valid committee and simulation specs, and of the mutations that make them
 * invalid, each with the path of the field the refusal must name.
 */
import { fc } from '@fast-check/ava';
import { METHOD_NAMES } from '../../solvers/types.ts';

export type Json = Record<string, any>;

/** Activations whose integrals are closed forms or Wick polynomials: fast to build and integrate. */
const ACTIVATIONS = ['erf', 'relu', 'linear', 'quadratic', 'x^3 - 3*x'];

const unit = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });

/** Gram matrices of random weights (plus a small ridge), so [[Q, R], [Rᵀ, T]] is positive semidefinite. */
function overlapsArb(m: number, mStar: number) {
  const k = m + mStar + 1;
  return fc.tuple(fc.array(fc.array(unit(-1, 1), { minLength: k, maxLength: k }), { minLength: m + mStar, maxLength: m + mStar })).map(([rows]) => {
    const dot = (u: number[], v: number[]) => u.reduce((s, x, i) => s + x * v[i], 0) / k;
    const W = rows.slice(0, m);
    const V = rows.slice(m);
    const ridge = (i: number, j: number) => (i === j ? 0.05 : 0);
    return {
      Q: W.map((u, i) => W.map((v, j) => dot(u, v) + ridge(i, j))),
      R: W.map((u) => V.map((v) => dot(u, v))),
      T: V.map((u, i) => V.map((v, j) => dot(u, v) + ridge(i, j))),
    };
  });
}

const timesArb = fc.oneof(
  fc.array(unit(0.01, 0.5), { minLength: 1, maxLength: 4 }).map((steps) => steps.reduce((acc, s) => [...acc, acc[acc.length - 1] + s], [0])),
  fc.record({ end: unit(0.1, 2), points: fc.integer({ min: 2, max: 6 }), spacing: fc.constantFrom('linear', 'log') }),
);

/** A valid committee spec that integrates in well under a second. */
export const committeeSpecArb: fc.Arbitrary<Json> = fc
  .record({ m: fc.integer({ min: 1, max: 3 }), mStar: fc.integer({ min: 1, max: 3 }) })
  .chain(({ m, mStar }) =>
    fc.record(
      {
        model: fc.record(
          {
            activation: fc.constantFrom(...ACTIVATIONS),
            a: fc.array(unit(0.2, 1.5), { minLength: m, maxLength: m }),
            aStar: fc.array(unit(0.2, 1.5), { minLength: mStar, maxLength: mStar }),
            noise: unit(0, 0.5),
          },
          { requiredKeys: ['activation', 'a', 'aStar'] },
        ),
        dynamics: fc.oneof(
          fc.constant({ kind: 'gradient-flow' }),
          fc.record({ kind: fc.constant('online-sgd'), lr: unit(0.01, 1) }),
          fc.record({ kind: fc.constant('gd'), lr: unit(0.05, 0.5) }),
        ),
        init: fc.oneof(
          overlapsArb(m, mStar),
          fc.record({ kind: fc.constant('random'), d: fc.integer({ min: Math.max(m, mStar), max: 200 }), scale: unit(0.1, 1), seed: fc.integer({ min: 0, max: 1000 }) }),
        ),
        times: timesArb,
        solver: fc.record({ method: fc.constantFrom(...METHOD_NAMES), rtol: unit(1e-9, 1e-5) }, { requiredKeys: [] }),
        events: fc.record({ lossBelow: fc.array(unit(1e-4, 0.1), { maxLength: 2 }), plateauSlope: unit(0.01, 1), specialisation: unit(0, 1) }, { requiredKeys: [] }),
      },
      { requiredKeys: ['model', 'init', 'times'] },
    ),
  );

/** A valid simulation spec (tiny d, few steps). */
export const simulationSpecArb: fc.Arbitrary<Json> = fc
  .record({ m: fc.integer({ min: 1, max: 2 }), mStar: fc.integer({ min: 1, max: 2 }), gd: fc.boolean() })
  .chain(({ m, mStar, gd }) =>
    fc.record({
      model: fc.record({ activation: fc.constantFrom('erf', 'relu', 'linear'), a: fc.constant(Array(m).fill(1)), aStar: fc.constant(Array(mStar).fill(1)) }),
      dynamics: gd ? fc.record({ kind: fc.constant('gd'), lr: unit(0.05, 0.5) }) : fc.record({ kind: fc.constant('online-sgd'), lr: unit(0.05, 1) }),
      times: fc.constant([0, 1]),
      d: fc.integer({ min: 4, max: 20 }),
      ...(gd ? { n: fc.integer({ min: 10, max: 100 }) } : {}),
      seeds: fc.integer({ min: 1, max: 2 }),
      init: fc.record({ scale: unit(0.1, 1), seed: fc.integer({ min: 0, max: 100 }) }),
      backend: fc.constant('js'),
    }),
  );

/** Every key any spec object knows, so a generated unknown key is surely unknown. */
const KNOWN = new Set(
  ('$schema model dynamics init times solver stop events kind activation teacherActivation a aStar trainSecondLayer noise lr lrSecondLayer ' +
    'weightDecay tolerance Q R T d scale seed fromSimulation end points spacing min method rtol atol maxSteps lossBelow plateauSlope ' +
    'specialisation n batch seeds testSamples backend workers compare toleranceConstant').split(' '),
);

/** The objects of a committee spec where a key can be added, created when absent. */
const OBJECTS = ['', 'model', 'dynamics', 'init', 'solver', 'stop', 'events'];

function objectAt(spec: Json, where: string): Json {
  if (where === '') return spec;
  spec[where] ??= where === 'dynamics' ? { kind: 'gradient-flow' } : {};
  return spec[where];
}

export interface Mutation {
  /** What was done, for the failure report. */
  what: string;
  /** The path the refusal must name (a prefix of its path). */
  path: string;
  apply: (spec: Json) => void;
}

const join = (where: string, key: string) => (where === '' ? key : `${where}.${key}`);

/** Unknown keys: random names, and one-letter typos of the keys of the same object. */
export const unknownKeyArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ where: fc.constantFrom(...OBJECTS), key: fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,11}$/) }).filter(({ key }) => !KNOWN.has(key) && key !== '__proto__').map(({ where, key }) => ({
    what: `unknown key ${key} in ${where || 'the root'}`,
    path: join(where, key),
    apply: (spec: Json) => void (objectAt(spec, where)[key] = 1),
  })),
  fc.record({ where: fc.constantFrom('', 'model', 'solver'), pick: fc.nat(), at: fc.nat(), letter: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz') }).map(({ where, pick, at, letter }) => {
    const keys = { '': ['model', 'times', 'events', 'solver'], model: ['activation', 'aStar', 'noise', 'trainSecondLayer'], solver: ['method', 'rtol', 'atol', 'maxSteps'] }[where]!;
    const key = keys[pick % keys.length];
    const i = at % (key.length + 1);
    const typo = key.slice(0, i) + letter + key.slice(i);
    return { what: `typo ${typo} of ${key}`, path: join(where, typo), apply: (spec: Json) => void (objectAt(spec, where)[typo] = 1) };
  }),
);

const wrongValues = fc.constantFrom<unknown>('0.1', true, null, [], {}, [1, 2]);

/** A field replaced by a value of another type. */
export const wrongTypeArb: fc.Arbitrary<Mutation> = fc
  .record({
    field: fc.constantFrom('model.activation', 'model.a', 'model.aStar', 'model.noise', 'model.trainSecondLayer', 'solver.rtol', 'solver.method', 'stop.lossBelow', 'events.lossBelow', 'events.plateauSlope'),
    value: wrongValues,
  })
  .filter(({ field, value }) => !(field === 'model.a' || field === 'model.aStar' || field === 'events.lossBelow') || !Array.isArray(value))
  .filter(({ field, value }) => !(field === 'model.trainSecondLayer' && typeof value === 'boolean'))
  .map(({ field, value }) => ({
    what: `${field} = ${JSON.stringify(value)}`,
    path: field,
    apply: (spec: Json) => {
      const [obj, key] = field.split('.');
      objectAt(spec, obj)[key] = value;
    },
  }));

/** A number outside its range. */
export const outOfRangeArb: fc.Arbitrary<Mutation> = fc
  .constantFrom<[string, unknown]>(
    ['model.noise', -0.1], ['solver.rtol', 2], ['solver.rtol', 0], ['solver.atol', 0], ['solver.maxSteps', 0.5], ['solver.maxSteps', 0],
    ['stop.lossBelow', 0], ['events.plateauSlope', -1], ['events.specialisation', 1.5], ['dynamics.lr', 0], ['dynamics.lr', -1],
  )
  .chain(([field, base]) => fc.record({ field: fc.constant(field), value: fc.constant(base), scale: fc.constantFrom(1, 10, 1000) }))
  .map(({ field, value, scale }) => {
    const v = typeof value === 'number' && value !== 0 && value !== 0.5 ? value * scale : value;
    return {
      what: `${field} = ${v}`,
      path: field,
      apply: (spec: Json) => {
        const [obj, key] = field.split('.');
        if (obj === 'dynamics') spec.dynamics = { kind: 'online-sgd', lr: v };
        else objectAt(spec, obj)[key] = v;
      },
    };
  });

/** Overlaps of the wrong shape for m and m*, or an empty second layer. */
export const wrongShapeArb: fc.Arbitrary<Mutation> = fc.constantFrom<Mutation>(
  { what: 'Q with an extra row', path: 'init.Q', apply: (s) => void (s.init = { ...square(s), Q: [...square(s).Q, square(s).Q[0]] }) },
  { what: 'R with a short row', path: 'init.R', apply: (s) => void (s.init = { ...square(s), R: square(s).R.map((r: number[]) => r.slice(1)) }) },
  { what: 'T of the wrong size', path: 'init.T', apply: (s) => void (s.init = { ...square(s), T: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]] }) },
  { what: 'empty a', path: 'model.a', apply: (s) => void (s.model.a = []) },
  { what: 'empty aStar', path: 'model.aStar', apply: (s) => void (s.model.aStar = []) },
  { what: 'times with one entry', path: 'times', apply: (s) => void (s.times = [0]) },
);

/** Identity overlaps of the spec's m and m* (a valid start that shape mutations then break). */
function square(s: Json): { Q: number[][]; R: number[][]; T: number[][] } {
  const eye = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const m = s.model.a.length;
  const mStar = s.model.aStar.length;
  return { Q: eye(m), R: Array.from({ length: m }, () => Array(mStar).fill(0)), T: eye(mStar) };
}

/** Overlaps no weights have: R larger than √(Q T) allows, by a factor. */
export const nonPsdArb: fc.Arbitrary<Mutation> = unit(1.5, 100).map((factor) => ({
  what: `R = ${factor.toFixed(2)}·√(Q T) in one entry`,
  path: 'init',
  apply: (s: Json) => {
    const o = square(s);
    o.R[0][0] = factor;
    s.init = o;
  },
}));

/** Activation expressions that are not functions of x with known functions. */
export const badActivationArb: fc.Arbitrary<Mutation> = fc
  .record({ text: fc.constantFrom('tanh(y)', 'x + z', '0.1', 'pi', 'softplus(x)', 'foo(x)', 'rleu', 'x^', '[x, x]', 'a = x', '', 'sigmoid(x)'), teacher: fc.boolean() })
  .map(({ text, teacher }) => ({
    what: `activation ${JSON.stringify(text)}`,
    path: teacher ? 'model.teacherActivation' : 'model.activation',
    apply: (s: Json) => void (s.model[teacher ? 'teacherActivation' : 'activation'] = text),
  }));

/** Output times out of order or negative. */
export const badTimesArb: fc.Arbitrary<Mutation> = fc.constantFrom<Mutation>(
  { what: 'decreasing times', path: 'times', apply: (s) => void (s.times = [0, 2, 1]) },
  { what: 'repeated time', path: 'times', apply: (s) => void (s.times = [0, 1, 1]) },
  { what: 'negative time', path: 'times', apply: (s) => void (s.times = [-1, 1]) },
  { what: 'log range with min above end', path: 'times.min', apply: (s) => void (s.times = { end: 1, points: 4, spacing: 'log', min: 2 }) },
  { what: 'zero points', path: 'times.points', apply: (s) => void (s.times = { end: 1, points: 0 }) },
);
