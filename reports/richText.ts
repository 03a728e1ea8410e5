/**
 * Typeset labels: a small rich-text layer for figure titles, axis titles, legends and markers.
 *
 * Markup (a subset of TeX's math notation, written straight into a label):
 * - `a_k`, `a_{k+1}`: subscript; `t^2`, `t^{-2}`, `d^{-1/2}`: superscript; scripts nest (`x_{i^2}`).
 *   Without braces a script takes one character, or a whole signed number (`t^-2`, `n^0.45`, `x_10`).
 * - A hyphen used as a sign (at the start of a script, or after a space, bracket, `=` or operator,
 *   before a digit, letter or bracket) is set as a real minus sign U+2212; hyphens inside words stay.
 * - `\_`, `\^`, `\{`, `\}`, `\\` give the literal character.
 * Greek letters and symbols are written as Unicode (ε, η, ∞); DejaVu Sans carries them.
 *
 * Why not a full LaTeX engine: the figures need only scripts, signs and Unicode symbols. The engines
 * that install from npm (MathJax, KaTeX) lay out for HTML or SVG, not for a canvas, so chart.js's layout
 * could not measure what they draw, and they bring their own fonts that would differ from the tick labels.
 * Measuring and drawing runs with the canvas's own text calls keeps one font, one layout and one code
 * path for PNG, SVG and PDF.
 */

/** One piece of text at one size and baseline: `scale` relative to the base font, `rise` in base ems. */
export interface TextRun {
  text: string;
  scale: number;
  rise: number;
}

/** Script size relative to its parent, and baseline shifts (in parent ems) of super- and subscripts. */
const SCRIPT_SCALE = 0.7;
const SUP_RISE = 0.36;
const SUB_RISE = -0.2;
/** DejaVu Sans vertical metrics (hhea ascent and descent, in ems). */
const ASCENT = 0.93;
const DESCENT = 0.24;

const MINUS = '\u2212';
/** A hyphen becomes a minus sign after these (or at the start of a run) and before these. */
const SIGN_BEFORE = /[\s([{=,+*/<>:;~≈≤≥±]/;
const SIGN_AFTER = /[\p{L}\p{N}.(∞]/u;

/** Replace hyphens that act as signs with U+2212 (see the module comment); `atStart` marks a script's start. */
export function realMinus(text: string, atStart = true): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const prev = i === 0 ? (atStart ? ' ' : '') : text[i - 1];
    const next = text[i + 1] ?? '';
    out += c === '-' && prev !== '' && SIGN_BEFORE.test(prev) && SIGN_AFTER.test(next) ? MINUS : c;
  }
  return out;
}

/**
 * Parse a label into runs. `_x` / `^x` take one character (a whole surrogate pair), `_{…}` / `^{…}`
 * a braced group; an `_` or `^` with nothing after it is kept literally. Unbalanced braces are literal.
 */
export function parseRichText(src: string): TextRun[] {
  const runs: TextRun[] = [];
  let pos = 0;
  const push = (text: string, scale: number, rise: number, start: boolean): void => {
    if (!text) return;
    const t = realMinus(text, start);
    const last = runs[runs.length - 1];
    if (last && last.scale === scale && last.rise === rise) last.text += t;
    else runs.push({ text: t, scale, rise });
  };
  /** Parse until `}` (when nested) or the end, at the given size and baseline. */
  const group = (scale: number, rise: number, nested: boolean): void => {
    let buf = '';
    let start = true;
    const flush = (): void => {
      push(buf, scale, rise, start);
      start = false;
      buf = '';
    };
    while (pos < src.length) {
      const c = src[pos];
      if (c === '\\' && pos + 1 < src.length) {
        buf += src[pos + 1];
        pos += 2;
      } else if (c === '}' && nested) {
        pos++;
        flush();
        return;
      } else if ((c === '_' || c === '^') && pos + 1 < src.length && src[pos + 1] !== ' ') {
        flush();
        const s = scale * SCRIPT_SCALE;
        const r = rise + scale * (c === '^' ? SUP_RISE : SUB_RISE);
        pos++;
        if (src[pos] === '{' && src.indexOf('}', pos) > 0) {
          pos++;
          group(s, r, true);
        } else {
          // One character, or a whole signed number: t^-2, n^0.45, x_10.
          const number = /^-?\d+(\.\d+)?/.exec(src.slice(pos))?.[0];
          const text = number ?? String.fromCodePoint(src.codePointAt(pos) ?? 0);
          pos += text.length;
          push(text, s, r, true);
        }
        start = false;
      } else {
        buf += c;
        pos++;
      }
    }
    flush();
  };
  group(1, 0, false);
  return runs;
}

/** The parts of a 2D context the rich-text layer uses (so tests and the layout check can pass any canvas). */
export interface TextContext {
  font: string;
  fillStyle: unknown;
  textAlign: string;
  textBaseline: string;
  measureText(text: string): { width: number };
  fillText(text: string, x: number, y: number): void;
  save(): void;
  restore(): void;
}

/** Font of a rich-text label: size in pixels of the base text. */
export interface RichFont {
  size: number;
  family: string;
  weight?: 'normal' | 'bold';
}

const cssFont = (f: RichFont, scale: number): string => `${f.weight ?? 'normal'} ${f.size * scale}px "${f.family}"`;

/** Extent of a typeset label: advance width, and ascent/descent (pixels above/below the base baseline). */
export interface RichMetrics {
  width: number;
  ascent: number;
  descent: number;
}

/** Measure runs as `drawRich` sets them: widths from the canvas, heights from the font's metrics. */
export function measureRich(ctx: TextContext, runs: TextRun[], font: RichFont): RichMetrics {
  ctx.save();
  let width = 0;
  let ascent = ASCENT * font.size;
  let descent = DESCENT * font.size;
  for (const r of runs) {
    ctx.font = cssFont(font, r.scale);
    width += ctx.measureText(r.text).width;
    ascent = Math.max(ascent, (r.rise + ASCENT * r.scale) * font.size);
    descent = Math.max(descent, (DESCENT * r.scale - r.rise) * font.size);
  }
  ctx.restore();
  return { width, ascent, descent };
}

/**
 * Draw runs with the base baseline at y (`baseline: 'alphabetic'`) or with the box [y − ascent,
 * y + descent] centred on y (`'middle'`), aligned left, centre or right on x. Returns the drawn box.
 */
export function drawRich(
  ctx: TextContext,
  runs: TextRun[],
  font: RichFont,
  x: number,
  y: number,
  align: 'left' | 'center' | 'right' = 'left',
  baseline: 'alphabetic' | 'middle' = 'alphabetic',
  colour = '#000000',
): { left: number; top: number; right: number; bottom: number } {
  const m = measureRich(ctx, runs, font);
  let cx = align === 'left' ? x : align === 'center' ? x - m.width / 2 : x - m.width;
  const base = baseline === 'alphabetic' ? y : y + (m.ascent - m.descent) / 2;
  const box = { left: cx, top: base - m.ascent, right: cx + m.width, bottom: base + m.descent };
  ctx.save();
  ctx.fillStyle = colour;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  for (const r of runs) {
    ctx.font = cssFont(font, r.scale);
    ctx.fillText(r.text, cx, base - r.rise * font.size);
    cx += ctx.measureText(r.text).width;
  }
  ctx.restore();
  return box;
}

/** The label as plain text with scripts flattened (for alt text and CSV headers): `t^{-2}` → `t−2`. */
export function plainText(src: string): string {
  return parseRichText(src)
    .map((r) => r.text)
    .join('');
}

/** Split a label at spaces outside braces, so that a script group is never broken. */
function words(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      cur += c + (src[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth = Math.max(0, depth - 1);
    if (c === ' ' && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  // Never break at a relation or operator standing alone ("m = 2", "a ± b"): glue it to both neighbours.
  const glued: string[] = [];
  for (let i = 0; i < out.length; i++) {
    if (OPERATOR.test(out[i]) && glued.length && i + 1 < out.length) {
      glued[glued.length - 1] += ` ${out[i]} ${out[i + 1]}`;
      i++;
    } else glued.push(out[i]);
  }
  return glued;
}
const OPERATOR = /^[=≈≤≥<>±×·+\u2212~∝→-]$/;

/**
 * Break a label into lines no wider than `maxWidth` at `font`, greedily at spaces outside braces.
 * A single word wider than `maxWidth` stays on its own line (the caller shrinks the font for it).
 */
export function wrapRich(ctx: TextContext, src: string, font: RichFont, maxWidth: number): string[] {
  const greedy = wrapGreedy(ctx, words(src), font, maxWidth);
  if (greedy.length < 2) return greedy;
  // Balance the lines: the narrowest width that still needs no more lines than the greedy fill.
  const width = (l: string): number => measureRich(ctx, parseRichText(l), font).width;
  let lo = Math.max(...greedy.map(width)) / greedy.length;
  let hi = maxWidth;
  for (let k = 0; k < 20; k++) {
    const mid = (lo + hi) / 2;
    if (wrapGreedy(ctx, words(src), font, mid).length <= greedy.length) hi = mid;
    else lo = mid;
  }
  return wrapGreedy(ctx, words(src), font, hi);
}

function wrapGreedy(ctx: TextContext, list: string[], font: RichFont, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of list) {
    const candidate = line ? `${line} ${w}` : w;
    if (line && measureRich(ctx, parseRichText(candidate), font).width > maxWidth) {
      lines.push(line);
      line = w;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}
