import test from 'ava';
import { createCanvas } from '@napi-rs/canvas';
import { measureRich, parseRichText, plainText, realMinus, wrapRich, type TextContext } from '../../reports/richText.ts';

const ctx = createCanvas(10, 10).getContext('2d') as unknown as TextContext;
const font = { size: 100, family: 'DejaVu Sans' };
const texts = (src: string): string[] => parseRichText(src).map((r) => r.text);

test('sub- and superscripts: one character, a signed number, or a braced group', (t) => {
  t.deepEqual(parseRichText('ε_g'), [
    { text: 'ε', scale: 1, rise: 0 },
    { text: 'g', scale: 0.7, rise: -0.2 },
  ]);
  t.deepEqual(texts('a*_k'), ['a*', 'k']);
  t.deepEqual(texts('t^{-2}'), ['t', '\u22122']);
  t.deepEqual(texts('d^{-1/2}'), ['d', '\u22121/2']);
  t.deepEqual(texts('n^0.45 fit'), ['n', '0.45', ' fit']);
  t.deepEqual(texts('t^-2'), ['t', '\u22122']);
  // Nested: the inner script is smaller again and raised from its parent's baseline.
  const nested = parseRichText('x_{i^2}');
  t.is(nested[2].text, '2');
  t.true(Math.abs(nested[2].scale - 0.49) < 1e-12);
  t.true(Math.abs(nested[2].rise - (-0.2 + 0.7 * 0.36)) < 1e-12);
});

test('escapes, lone carets and unbalanced braces stay literal', (t) => {
  t.deepEqual(texts('loss\\_fixed'), ['loss_fixed']);
  t.deepEqual(texts('a ^ b'), ['a ^ b']);
  t.deepEqual(texts('x_'), ['x_']);
  t.is(plainText('R_{ik} − Q_{ii}'), 'Rik − Qii');
});

test('hyphens become minus signs only where they are signs', (t) => {
  t.is(realMinus('exp(-t)'), 'exp(\u2212t)');
  t.is(realMinus('-0.5'), '\u22120.5');
  t.is(realMinus('x = -1'), 'x = \u22121');
  t.is(realMinus('seed-averaged x-axis'), 'seed-averaged x-axis');
  t.is(realMinus('t - ln d'), 't - ln d');
});

test('scripts are measured smaller than the base and extend the line box', (t) => {
  const plain = measureRich(ctx, parseRichText('t2'), font);
  const sup = measureRich(ctx, parseRichText('t^2'), font);
  t.true(sup.width < plain.width);
  t.true(sup.ascent > plain.ascent);
  const sub = measureRich(ctx, parseRichText('t_2'), font);
  t.true(sub.descent > plain.descent);
});

test('wrapping balances the lines and never breaks at an operator or inside a group', (t) => {
  const src = 'Population gradient flow, erf teacher (m* = 2), d = 1000';
  const full = measureRich(ctx, parseRichText(src), font).width;
  const lines = wrapRich(ctx, src, font, full * 0.7);
  t.is(lines.length, 2);
  t.is(lines.join(' '), src);
  for (const l of lines) t.false(/(^|\s)=$|^=/.test(l.trim()), l);
  const widths = lines.map((l) => measureRich(ctx, parseRichText(l), font).width);
  t.true(Math.max(...widths) < full * 0.62, String(widths));
  t.deepEqual(wrapRich(ctx, 'a^{x y z} b', font, 1), ['a^{x y z}', 'b']);
});
