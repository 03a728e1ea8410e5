import test from 'ava';
import { judge, type ErfWidthRun } from '../../experiments/erf-width.ts';

const runs = (wideLearned: boolean[], narrowLoss: (number | null)[]): ErfWidthRun[] => [
  ...wideLearned.map((learned) => ({ m: 2, learned, finalLoss: learned ? null : 0.01 })),
  ...narrowLoss.map((finalLoss) => ({ m: 1, learned: false, finalLoss })),
];
const verdicts = (r: ErfWidthRun[]): string[] => judge(r).map((c) => c.verdict);

test('erf-width judge: supported when wide students learn and the narrow one stalls', (t) => {
  t.deepEqual(verdicts(runs(Array(12).fill(true), [0.03, 0.031, 0.029, 0.03])), ['supported', 'supported']);
});

test('erf-width judge: counter-cases are not supported', (t) => {
  // wide students that never learn; a narrow student that reaches 1e-6 (below the learning threshold)
  t.deepEqual(verdicts(runs(Array(12).fill(false), [1e-6, 2e-6, 1e-6, 1.5e-6])), ['not supported', 'not supported']);
  // a narrow student driven below its resolution floor has learned, not stalled
  t.is(judge(runs([true], [null, null]))[1].verdict, 'inconclusive');
});

test('erf-width judge: too few or too noisy runs are inconclusive', (t) => {
  // 2 of 3 learned: the Wilson interval straddles 0.5; narrow losses spread over decades
  t.deepEqual(verdicts(runs([true, true, false], [1e-1, 1e-6])), ['inconclusive', 'inconclusive']);
});
