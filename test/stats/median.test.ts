/** Median with never-reached events counted as +∞. */
import test from 'ava';
import { median } from '../../src/stats/median.ts';

test('median of odd and even samples, unsorted input left untouched', (t) => {
  const xs = [5, 1, 3];
  t.is(median(xs), 3);
  t.deepEqual(xs, [5, 1, 3]);
  t.is(median([4, 1, 3, 2]), 2.5);
});

test('never-reached (+∞) entries: finite only when more than half are finite', (t) => {
  t.is(median([1, 2, Infinity]), 2);
  t.is(median([1, Infinity]), Infinity);
  t.is(median([Infinity, Infinity]), Infinity);
  t.true(Number.isNaN(median([])));
});
