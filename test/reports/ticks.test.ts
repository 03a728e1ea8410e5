import test from 'ava';
import { formatTick, linearTicks, logTicks } from '../../reports/ticks.ts';

const labelled = (ticks: { value: number; label: string }[]): string[] => ticks.filter((t) => t.label).map((t) => t.label);

test('linear ticks are nice multiples inside the range with one number of decimals', (t) => {
  t.deepEqual(labelled(linearTicks(0, 1.1)), ['0.00', '0.25', '0.50', '0.75', '1.00']);
  t.deepEqual(labelled(linearTicks(1, 1024)), ['200', '400', '600', '800', '1000']);
  t.deepEqual(labelled(linearTicks(-0.52, 0.52)), ['\u22120.50', '\u22120.25', '0.00', '0.25', '0.50']);
  // Never fewer than two, even on a sliver of a range.
  t.true(linearTicks(0.999, 1.001).length >= 2);
  t.deepEqual(labelled(linearTicks(0, 10, 5, [0, 2.5, 11])), ['0.0', '2.5']);
});

test('log ticks: decades when there are two, powers of two at the data, else mantissas; always two labels', (t) => {
  t.deepEqual(labelled(logTicks(0.5, 2000)), ['10⁰', '10¹', '10²', '10³']);
  t.deepEqual(labelled(logTicks(7, 35, [8, 16, 32])), ['8', '16', '32']);
  t.deepEqual(labelled(logTicks(7, 35, [8, 12, 32])), ['10', '20', '30']);
  t.deepEqual(labelled(logTicks(20, 90)), ['20', '30', '40', '50']);
  t.deepEqual(labelled(logTicks(0.009, 0.045)), ['0.01', '0.02', '0.03', '0.04']);
  t.deepEqual(labelled(logTicks(2.1, 2.9)), ['2.1', '2.9']);
  t.deepEqual(labelled(logTicks(1, 100, [], [3, 30])), ['3', '30']);
  // Beyond six decades only the decades are ticks at all.
  t.is(logTicks(1e-14, 1).length, 15);
  for (const [lo, hi] of [[1.5, 1.9], [3, 300], [1e-12, 1e3], [20, 90], [0.11, 0.5]]) {
    t.true(labelled(logTicks(lo, hi)).length >= 2, `${lo}…${hi}`);
  }
});

test('tick numbers: real minus signs, m×10^k outside [1e-4, 1e5)', (t) => {
  t.is(formatTick(-2), '\u22122');
  t.is(formatTick(2e-5), '2×10⁻⁵');
  t.is(formatTick(1e6), '10⁶');
  t.is(formatTick(0.25), '0.25');
});
