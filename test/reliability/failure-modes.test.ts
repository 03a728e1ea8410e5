/**
 * One test per numerical failure mode of a committee run: each comes back as a status with the partial
 * result and the state where the run stopped, never as an exception or a silent `success`.
 */
import test from 'ava';
import { parseCommitteeSpec, runOde } from '../../src/committee/index.ts';
import { firstOutsidePsdCone, grewAfterDeparture, offGridWarnings, pairPlateauEvents, psdAllowance } from '../../src/committee/health.ts';
import { simulate } from '../../src/simulate/run.ts';
import { parseSimulationSpec } from '../../src/simulate/spec.ts';

const erf2 = { activation: 'erf', a: [1, 1], aStar: [1] };
const finite = (xs: number[][]): boolean => xs.flat().every(Number.isFinite);

test('non-finite: an activation with a log singularity gives nonFinite, the partial result and the last finite state', (t) => {
  const r = runOde(parseCommitteeSpec({ model: { ...erf2, activation: 'log(abs(x))' }, init: { kind: 'random', d: 50, scale: 0.5 }, times: { end: 100, points: 5 } }));
  t.is(r.status, 'nonFinite');
  t.deepEqual(r.t, [0]);
  t.true(r.final.t > 0 && finite(r.final.Q) && Number.isFinite(r.final.loss), JSON.stringify(r.final));
});

test('step too small while ε_g blows up (x³, online SGD at η = 3): diverged, with the solver reason and the last state', (t) => {
  const r = runOde(parseCommitteeSpec({ model: { ...erf2, activation: 'x^3' }, dynamics: { kind: 'online-sgd', lr: 3 }, init: { kind: 'random', d: 100, scale: 0.5 }, times: { end: 1000, points: 20 } }));
  t.is(r.status, 'diverged');
  t.regex(r.message, /stepTooSmall|nonFinite/);
  t.true(r.final.loss > 1e3 * r.loss[0]);
  t.true(finite(r.final.Q));
});

test('divergence: linear online SGD at η = 5 is diverged; erf GD at η = 50 that leaves the flow and grows is unstable', (t) => {
  const sgd = runOde(parseCommitteeSpec({ model: { ...erf2, activation: 'linear' }, dynamics: { kind: 'online-sgd', lr: 5 }, init: { kind: 'random', d: 100, scale: 0.5 }, times: { end: 1000, points: 20 } }));
  t.is(sgd.status, 'diverged');
  t.true(sgd.final.t > 0);
  const gd = runOde(parseCommitteeSpec({ model: { activation: 'erf', a: [1, 1], aStar: [1, 1] }, dynamics: { kind: 'gd', lr: 50 }, init: { kind: 'random', d: 100, scale: 0.5 }, times: [0, 150, 1000, 5000] }));
  t.is(gd.status, 'unstable');
  t.is(gd.gd!.unstableStep, 1);
  t.true(gd.loss[1] > gd.loss[0], 'ε_g rose');
  // the same GD at a small step follows the flow: success
  const small = runOde(parseCommitteeSpec({ model: { activation: 'erf', a: [1, 1], aStar: [1, 1] }, dynamics: { kind: 'gd', lr: 0.5 }, init: { kind: 'random', d: 100, scale: 0.5 }, times: [0, 5, 10] }));
  t.is(small.status, 'success');
});

test('the growth rule: a rise above the lowest earlier ε_g beyond tolerance and floor, and not otherwise', (t) => {
  t.true(grewAfterDeparture(0.47, 1.01, 1e-16, 1e-3));
  t.false(grewAfterDeparture(0.47, 0.4703, 1e-16, 1e-3));
  t.false(grewAfterDeparture(1e-14, 3e-14, 1e-13, 1e-3), 'rounding noise below the floor is not growth');
});

test('covariance leaving the PSD cone: the rule flags |R| > √(QT) and spares integrator noise', (t) => {
  const T = [[1]];
  const tol = { rtol: 1e-10, atol: 1e-12 };
  const inside = [[[1, 0], [0, 1]]];
  t.is(firstOutsidePsdCone([inside[0], inside[0]], [[[0.5], [0.5]], [[0.9], [0.9]]], T, tol), 1, 'R₁₁² + R₂₁² = 1.62 > 1: outside');
  t.is(firstOutsidePsdCone([inside[0]], [[[0.6], [0.8]]], T, tol), null, 'on the boundary');
  // two identical students (singular Q): an excursion within the integrator's allowance is not flagged
  const eps = 0.5 * psdAllowance(3, 1, { rtol: 1e-6, atol: 1e-6 });
  t.is(firstOutsidePsdCone([[[1, 1], [1, 1 - eps]]], [[[0.5], [0.5]]], T, { rtol: 1e-6, atol: 1e-6 }), null);
  t.is(firstOutsidePsdCone([[[1, 1], [1, 1 - 1e-3]]], [[[0.5], [0.5]]], T, { rtol: 1e-6, atol: 1e-6 }), 0);
});

test('covariance at the edge of the PSD cone: a loose integrator on two identical students stops with that diagnosis', (t) => {
  const json = { model: erf2, init: { Q: [[1, 1], [1, 1]], R: [[0.5], [0.5]], T: [[1]] }, times: { end: 100, points: 5 } };
  const loose = runOde(parseCommitteeSpec({ ...json, solver: { rtol: 1e-2, atol: 1e-2 } }));
  t.not(loose.status, 'success');
  t.regex(loose.message, /edge of the positive semidefinite cone/);
  t.true(finite(loose.final.Q));
  t.is(runOde(parseCommitteeSpec(json)).status, 'success', 'at the default tolerances the same run succeeds');
});

test('plateau events come in pairs: an exit with no entry before it is dropped', (t) => {
  const e = (name: string, time: number) => ({ name, t: time });
  t.deepEqual(
    pairPlateauEvents([e('plateau-exit', 0.035), e('plateau-entry', 3), e('loss<0.1', 4), e('plateau-exit', 36), e('plateau-entry', 50)]),
    [e('plateau-entry', 3), e('loss<0.1', 4), e('plateau-exit', 36), e('plateau-entry', 50)],
  );
});

test('examples/erf-flow: plateau entry before exit; a terminal event puts its time and state in `final`', (t) => {
  const json = {
    model: { activation: 'erf', a: [1, 1, 1], aStar: [1, 1] },
    init: { kind: 'random', d: 1000, scale: 0.5, seed: 1 },
    times: { end: 1000, points: 40, spacing: 'log', min: 0.1 },
    events: { plateauSlope: 0.1 },
    stop: { lossBelow: 1e-3 },
  };
  const r = runOde(parseCommitteeSpec(json));
  const plateau = r.events.filter((e) => e.name.startsWith('plateau'));
  t.true(plateau.length > 0 && plateau[0].name === 'plateau-entry', JSON.stringify(plateau));
  t.is(r.status, 'event');
  const stop = r.events.find((e) => e.name === 'loss<0.001')!;
  t.is(r.final.t, stop.t);
  t.true(Math.abs(r.final.loss - 1e-3) < 1e-9);
  t.true(r.final.t > r.t[r.t.length - 1], 'the stop lies after the last output time');
});

test('GD output times off the step grid are reported where they were taken, with a warning', (t) => {
  const r = runOde(parseCommitteeSpec({ model: erf2, dynamics: { kind: 'gd', lr: 50 }, init: { kind: 'random', d: 100, scale: 0.5 }, times: [0, 125, 200] }));
  t.deepEqual(r.t, [0, 150, 200]);
  t.is(r.warnings.length, 1);
  t.regex(r.warnings[0], /125 → 150/);
  t.deepEqual(offGridWarnings([0, 100], [0, 100], 'η = 50'), []);
});

test('simulation output times off the step grid come back as the times used, with a warning', async (t) => {
  const spec = parseSimulationSpec({ model: erf2, dynamics: { kind: 'online-sgd', lr: 0.5 }, times: [0, 1.01, 2], d: 40, backend: 'js' });
  const r = await simulate(spec);
  t.deepEqual(r.t, [0, 1, 2]);
  t.is(r.warnings.length, 1);
  t.regex(r.warnings[0], /1\.01 → 1\b.*|step 1\/d = 0\.025/);
});
