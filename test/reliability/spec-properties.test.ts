/**
 * Property-based tests of the spec boundary: generated valid specs parse, run briefly and return a
 * status; generated invalid specs (one mutation class per property) are refused with a `SpecError`
 * naming the mutated field in one line, and never with another exception. The counts per class are
 * in docs/bad-input.md.
 */
import { fc, testProp } from '@fast-check/ava';
import type { ExecutionContext } from 'ava';
import { normaliseCommitteeSpec, parseCommitteeSpec } from '../../src/committee/spec.ts';
import { runOde } from '../../src/committee/run.ts';
import { simulate } from '../../src/simulate/run.ts';
import { parseSimulationSpec } from '../../src/simulate/spec.ts';
import { SpecError } from '../../src/validate.ts';
import {
  badActivationArb,
  badTimesArb,
  committeeSpecArb,
  nonPsdArb,
  outOfRangeArb,
  simulationSpecArb,
  unknownKeyArb,
  wrongShapeArb,
  wrongTypeArb,
  type Json,
  type Mutation,
} from './spec-arbitraries.ts';

/** Generated cases per property (docs/bad-input.md quotes these). */
export const RUNS = { validOde: 30, validSimulation: 6, invalid: 50, invalidSimulation: 30 } as const;

const STATUSES = ['success', 'event', 'maxSteps', 'stepTooSmall', 'nonFinite', 'diverged', 'unstable', 'leftPsdCone'];
const seed = 20261130;

testProp(
  'valid committee specs parse, normalise idempotently, run and return a status with the final state',
  [committeeSpecArb],
  (t, json) => {
    const normalised = normaliseCommitteeSpec(structuredClone(json));
    t.deepEqual(normaliseCommitteeSpec(structuredClone(normalised)), normalised);
    const r = runOde(parseCommitteeSpec(json));
    t.true(STATUSES.includes(r.status), r.status);
    t.true(r.t.length >= 1 && Number.isFinite(r.final.t));
    t.notThrows(() => JSON.stringify(r));
  },
  { numRuns: RUNS.validOde, seed },
);

testProp.serial(
  'valid simulation specs parse and simulate to finite learning curves',
  [simulationSpecArb],
  async (t, json) => {
    const r = await simulate(parseSimulationSpec(json));
    t.true(r.lossMean.every(Number.isFinite));
    t.is(r.t.length, 2);
    // GD reports the time of the step it took (t = kη), within half a step of the one asked for
    t.true(Math.abs(r.t[1] - 1) <= json.dynamics.lr / 2, `${r.t[1]}`);
  },
  { numRuns: RUNS.validSimulation, seed },
);

/** The refusal of `json` after `mutation`: a one-line SpecError whose path starts with the mutated field. */
function refused(t: ExecutionContext, json: Json, mutation: Mutation): boolean {
  const spec = structuredClone(json);
  mutation.apply(spec);
  try {
    parseCommitteeSpec(spec);
  } catch (e) {
    if (!(e instanceof SpecError)) {
      t.fail(`${mutation.what}: ${(e as Error).name}: ${(e as Error).message}`);
      return false;
    }
    const ok = (e.path === mutation.path || e.path.startsWith(`${mutation.path}.`) || e.path.startsWith(`${mutation.path}[`)) && !e.message.includes('\n') && e.message.startsWith(e.path);
    t.true(ok, `${mutation.what}: expected a refusal at ${mutation.path}, got "${e.message}"`);
    return ok;
  }
  t.fail(`${mutation.what}: accepted`);
  return false;
}

const classes: [string, fc.Arbitrary<Mutation>][] = [
  ['unknown keys and typos of keys', unknownKeyArb],
  ['values of the wrong type', wrongTypeArb],
  ['numbers out of range', outOfRangeArb],
  ['matrices and lists of the wrong shape', wrongShapeArb],
  ['overlaps outside the PSD cone', nonPsdArb],
  ['activations that are not expressions in x', badActivationArb],
  ['output times out of order', badTimesArb],
];

for (const [name, mutation] of classes) {
  testProp(`invalid specs, ${name}: a SpecError naming the field`, [committeeSpecArb, mutation], (t, json, m) => void refused(t, json, m), {
    numRuns: RUNS.invalid,
    seed,
  });
}

testProp(
  'invalid simulation specs, unknown keys anywhere: a SpecError naming the key',
  [simulationSpecArb, fc.constantFrom('', 'model', 'dynamics', 'init', 'compare'), fc.constantFrom('seed', 'sedes', 'backnd', 'lrr', 'scal', 'tolerance_constant', 'foo')],
  (t, json, where, key) => {
    const spec = structuredClone(json);
    const target = where === '' ? spec : (spec[where] ??= {});
    if (key in target) return;
    target[key] = 1;
    const e = t.throws(() => parseSimulationSpec(spec), { instanceOf: SpecError });
    t.is(e!.path, where === '' ? key : `${where}.${key}`, e!.message);
  },
  { numRuns: RUNS.invalidSimulation, seed },
);

testProp(
  'typos of keys are answered with a did-you-mean',
  [committeeSpecArb, unknownKeyArb.filter((m) => m.what.startsWith('typo'))],
  (t, json, m) => {
    const spec = structuredClone(json);
    m.apply(spec);
    t.regex(t.throws(() => parseCommitteeSpec(spec), { instanceOf: SpecError })!.message, /unknown key; did you mean \w+\?/);
  },
  { numRuns: RUNS.invalid, seed },
);
