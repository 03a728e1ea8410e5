import test from 'ava';
import { settleIndex, settleTime } from '../../src/stats/index.ts';

test('settleTime: interpolated last crossing, a re-entry counts from the last exit, censored when the end is above', (t) => {
  t.is(settleTime([0, 1, 2], [1, 0.5, 0], 0.75), 0.5);
  t.is(settleTime([0, 1, 2, 3, 4], [1, 0.1, 0.9, 0.1, 0.1], 0.5), 2.5);
  t.is(settleTime([0, 1, 2], [1, 0.1, 0.9], 0.5), null);
  t.is(settleTime([0, 1], [0.1, 0.2], 0.5), 0);
});

test('settleIndex: first index after which the sequence stays below', (t) => {
  t.is(settleIndex([1, 0.1, 0.9, 0.1, 0.1], 0.5), 3);
  t.is(settleIndex([1, 0.1, 0.9], 0.5), null);
  t.is(settleIndex([0.1], 0.5), 0);
});
