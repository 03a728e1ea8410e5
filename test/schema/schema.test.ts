/** The spec schema: committed JSON Schemas match the zod schemas, examples validate, refusals are one line. */
import { parseSweepSpec } from '../../src/sweep/index.ts';
import test from 'ava';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { normaliseCommitteeSpec, parseCommitteeSpec } from '../../src/committee/spec.ts';
import { parseInitialOverlaps } from '../../src/committee/overlapsFile.ts';
import { readSpecFile } from '../../src/io/readSpec.ts';
import { schemaFileText, specJsonSchemas } from '../../src/schema/jsonSchema.ts';
import { didYouMean } from '../../src/schema/zod.ts';
import { normaliseSimulationSpec } from '../../src/simulate/spec.ts';
import { SpecError } from '../../src/validate.ts';

const root = join(import.meta.dirname, '..', '..');

test('the committed JSON Schemas are the ones generated from the zod schemas (npm run schema)', (t) => {
  for (const [file, schema] of Object.entries(specJsonSchemas())) {
    t.is(readFileSync(join(root, 'schema', file), 'utf8'), schemaFileText(schema), `schema/${file} is stale: run npm run schema`);
  }
});

test('every example names its JSON Schema and validates', (t) => {
  for (const file of readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.json'))) {
    const path = join(root, 'examples', file);
    const json = readSpecFile(path);
    const ref = json.$schema;
    t.is(typeof ref, 'string', `${file} has a $schema`);
    const schemaPath = join(dirname(path), ref as string);
    t.notThrows(() => readFileSync(schemaPath), `${file}: ${ref} exists`);
    if (String(ref).includes('sweep')) t.notThrows(() => parseSweepSpec(json), file);
    else if (String(ref).includes('compare')) t.notThrows(() => normaliseSimulationSpec(json), file);
    else t.notThrows(() => parseCommitteeSpec(json), file);
  }
});

const good = {
  model: { activation: 'erf', a: [1, 1], aStar: [1] },
  init: { Q: [[1, 0.1], [0.1, 1]], R: [[0.1], [0]], T: [[1]] },
  times: [0, 1],
};

test('defaults are filled in by the schema, the teacher activation included', (t) => {
  const n = normaliseCommitteeSpec(good);
  t.deepEqual(n.solver, { method: 'dopri5', rtol: 1e-10, atol: 1e-12, maxSteps: 1_000_000 });
  t.deepEqual(n.dynamics, { kind: 'gradient-flow' });
  t.is(n.model.teacherActivation, 'erf');
  t.is(n.init.kind, 'overlaps');
  t.deepEqual(n.events, { lossBelow: [] });
  // normalising twice changes nothing: the normalised spec is a valid spec
  t.deepEqual(normaliseCommitteeSpec(structuredClone(n)), n);
});

const refusals: [string, (s: any) => void, string][] = [
  ['typo in solver', (s) => (s.solver = { rtoll: 1e-3 }), 'solver.rtoll: unknown key; did you mean rtol? allowed keys: method, rtol, atol, maxSteps'],
  ['typo at the top', (s) => (s.evnts = {}), 'evnts: unknown key; did you mean events?'],
  ['typo in a union branch', (s) => (s.init = { kind: 'random', d: 10, scale: 1, sed: 2 }), 'init.sed: unknown key; did you mean seed?'],
  ['unknown activation name', (s) => (s.model.activation = 'rleu'), 'model.activation: got "rleu"; expected a built-in name (linear, quadratic, erf, relu, abs)'],
  ['a near miss of a built-in', (s) => (s.model.activation = 'rleu'), 'unknown name "rleu" (did you mean relu?)'],
  ['activation in another variable', (s) => (s.model.activation = 'tanh(y)'), 'unknown name "y" (did you mean x?)'],
  ['unknown function', (s) => (s.model.activation = 'softplus(x)'), 'unknown name "softplus"'],
  ['R of the wrong shape', (s) => (s.init.R = [[0.1, 0]]), 'init.R: got [[0.1,0]]; expected a 2×1 matrix (2 rows)'],
  ['non-PSD overlaps', (s) => (s.init.R = [[2], [0]]), 'init: got {"minEigenvalue":'],
  ['wrong kind', (s) => (s.dynamics = { kind: 'adam' }), 'dynamics.kind: got "adam"; expected one of "gradient-flow", "online-sgd", "gd"'],
  ['method', (s) => (s.solver = { method: 'euler' }), 'solver.method: got "euler"; expected one of "dopri5", "odex", "rkc", "rodas3", "auto"'],
  ['an empty init', (s) => (s.init = {}), 'init: got {}; expected {"Q", "R", "T"} (overlaps), {"kind": "random", "d", "scale", "seed"} or {"fromSimulation": file}'],
  ['times of no shape', (s) => (s.times = 3), 'times: got 3; expected a list of output times, or {"end", "points", "spacing", "min"}'],
  ['a missing field of the closest branch', (s) => (s.init = { kind: 'random', scale: 1 }), 'init.d: got nothing; expected an integer ≥ 1'],
];

for (const [name, mutate, text] of refusals) {
  test(`refuses ${name} in one line`, (t) => {
    const spec = structuredClone(good) as any;
    mutate(spec);
    const e = t.throws(() => parseCommitteeSpec(spec), { instanceOf: SpecError });
    t.true(e!.message.includes(text), e!.message);
    t.false(e!.message.includes('\n'));
  });
}

test('did-you-mean only for plausible typos', (t) => {
  t.is(didYouMean('rtoll', ['rtol', 'atol']), 'rtol');
  t.is(didYouMean('RTOL', ['rtol', 'atol']), 'rtol');
  t.is(didYouMean('banana', ['rtol', 'atol']), null);
});

test('bad files: missing, a directory, empty, not JSON (with line:column), not an object', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'popflow-spec-'));
  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const cases: [string, RegExp][] = [
    [join(dir, 'missing.json'), /missing\.json: no such file/],
    [dir, /: is a directory, not a spec file$/],
    [write('empty.json', ' \n'), /empty\.json: is empty/],
    [write('bad.json', '{\n  "a": 1,\n  "b": }\n'), /bad\.json:3:8: not valid JSON: Unexpected token '}'$/],
    [write('trailing.json', '{"a": 1,}'), /trailing\.json:1:9: not valid JSON/],
    [write('array.json', '[1, 2]'), /array\.json: got an array \(\[1,2\]\); expected a JSON object/],
  ];
  for (const [path, message] of cases) {
    const e = t.throws(() => readSpecFile(path), { instanceOf: SpecError });
    t.regex(e!.message, message);
  }
});

test('an initial-overlaps file is checked against its own a and aStar', (t) => {
  const file = { format: 'popflow-initial-overlaps/1', d: 10, scale: 1, seed: 1, Q: [[1]], R: [[0, 0]], T: [[1, 0], [0, 1]], a: [1], aStar: [1, 1] };
  t.notThrows(() => parseInitialOverlaps(file, 'f.json'));
  t.is(t.throws(() => parseInitialOverlaps({ ...file, R: [[0]] }, 'f.json'))!.message, 'f.json: R[0]: got [0]; expected a row of 2 numbers (a 1×2 matrix)');
  t.regex(t.throws(() => parseInitialOverlaps({ ...file, fromat: 1 }, 'f.json'))!.message, /^f\.json: fromat: unknown key; did you mean format\?/);
});
