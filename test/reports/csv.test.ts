import test from 'ava';
import { csvField, tableCsv, toCsv } from '../../reports/csv.ts';

test('numbers at full precision; NaN empty; infinities as inf', (t) => {
  t.is(csvField(0.1 + 0.2), '0.30000000000000004');
  t.is(csvField(NaN), '');
  t.is(csvField(-Infinity), '-inf');
  t.is(csvField('a, "b"'), '"a, ""b"""');
  t.is(toCsv(['x'], [[1], [undefined]]), 'x\r\n1\r\n\r\n');
});

test('text in a numeric table column becomes an empty cell plus a status column', (t) => {
  const csv = tableCsv(
    ['m', 'time', 'note'],
    [
      [2, 10.5, 'ok'],
      [4, 'not reached', 'slow'],
      [8, 'below floor', ''],
    ],
  );
  t.is(csv, 'm,time,time_status,note\r\n2,10.5,,ok\r\n4,,not reached,slow\r\n8,,below floor,\r\n');
});
