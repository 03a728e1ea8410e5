import test from 'ava';
import { Writable } from 'node:stream';
import { createProgress, formatDuration } from '../../reports/progress.ts';

/** A stream that records what is written; `isTTY` as asked. */
function sink(isTTY: boolean): Writable & { isTTY: boolean; text: () => string; columns: number } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  }) as Writable & { isTTY: boolean; text: () => string; columns: number; cursorTo: () => boolean; clearLine: () => boolean };
  w.isTTY = isTTY;
  w.columns = 120;
  w.cursorTo = () => true;
  w.clearLine = () => true;
  w.text = () => chunks.join('');
  return w;
}

test('plain mode writes at most one line per interval, with model time and a linear ETA, and a last line on stop', (t) => {
  const out = sink(false);
  let clock = 0;
  const p = createProgress('ode', { stream: out, intervalMs: 1000, now: () => clock });
  // 50 updates 100 ms apart over 5 s: model time 2 per update, end time 100.
  for (let i = 1; i <= 50; i++) {
    clock = 100 * i;
    p.update(2 * i, 100);
  }
  p.stop();
  const lines = out.text().trim().split('\n');
  // The first line waits one interval, then one every ≥ 1 s: 1, 2, 3, 4, 5 s (the last state, so stop adds nothing).
  t.is(lines.length, 5);
  t.is(lines[0], 'ode: t = 20 / 100 (20%), elapsed 1s, ETA 4s');
  t.is(lines[4], 'ode: t = 100 / 100 (100%), elapsed 5s, ETA 0s');
});

test('stop writes nothing more when the last update was already written', (t) => {
  const out = sink(false);
  const p = createProgress('x', { stream: out, intervalMs: 1000, now: () => 0 });
  p.update(1, 2);
  p.stop();
  t.is(out.text().trim().split('\n').length, 1);
});

test('terminal mode draws a bar with the model time reached', (t) => {
  const out = sink(true);
  const p = createProgress('ode', { stream: out });
  p.update(25, 100);
  p.update(50, 100);
  p.stop();
  t.regex(out.text(), /ode \[.*\] \d+% \| t = (25|50) \/ 100 \| ETA/);
});

test('formatDuration', (t) => {
  t.is(formatDuration(12.4), '12s');
  t.is(formatDuration(185), '3m05s');
  t.is(formatDuration(3720), '1h02m');
  t.is(formatDuration(Infinity), '?');
});

test('log lines on a terminal clear the bar, print on their own line and redraw the bar below', (t) => {
  const out = sink(true);
  const p = createProgress('run', { stream: out });
  p.update(25, 100);
  p.log('[run] one finished');
  p.stop();
  const text = out.text();
  const at = text.indexOf('[run] one finished');
  t.true(at > 0);
  t.true(text.slice(0, at).endsWith('\r\x1b[2K'), 'the bar line is cleared before the log line');
  t.true(text.slice(at).includes('t = 25 / 100'), 'the bar is drawn again after the log line');
});

test('log lines without a terminal are plain lines', (t) => {
  const out = sink(false);
  const p = createProgress('run', { stream: out, intervalMs: 1000, now: () => 0 });
  p.log('hello');
  t.is(out.text(), 'hello\n');
});
