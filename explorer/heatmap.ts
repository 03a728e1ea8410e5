/**
 * An overlap matrix as a heatmap on a canvas: a diverging blue–white–orange scale (Okabe–Ito blue
 * #0072B2 and vermillion #D55E00 at ∓max|entry| over the whole run), values written in the cells.
 */

const NEGATIVE = [0x00, 0x72, 0xb2];
const POSITIVE = [0xd5, 0x5e, 0x00];

/** The colour of v on the scale [−limit, limit]. */
export function divergingColour(v: number, limit: number): string {
  const s = limit > 0 ? Math.max(-1, Math.min(1, v / limit)) : 0;
  const end = s < 0 ? NEGATIVE : POSITIVE;
  const w = Math.abs(s);
  const c = end.map((e) => Math.round(255 + (e - 255) * w));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Largest |entry| over a sequence of matrices (the fixed colour limit of an animation). */
export function colourLimit(frames: number[][][]): number {
  let max = 0;
  for (const M of frames) for (const row of M) for (const v of row) if (Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  return max;
}

/** Draw M on `canvas` (cells fill the canvas; row/column labels j, k start at 1). */
export function drawHeatmap(canvas: HTMLCanvasElement, M: number[][], limit: number, name: string): void {
  const ctx = canvas.getContext('2d')!;
  const rows = M.length;
  const cols = M[0]?.length ?? 0;
  const margin = 18;
  const cell = Math.min((canvas.width - margin) / Math.max(cols, 1), (canvas.height - margin) / Math.max(rows, 1));
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.font = `${Math.max(9, Math.min(14, cell / 4))}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let j = 0; j < rows; j++) {
    for (let k = 0; k < cols; k++) {
      const v = M[j][k];
      ctx.fillStyle = divergingColour(v, limit);
      ctx.fillRect(margin + k * cell, margin + j * cell, cell - 1, cell - 1);
      if (cell >= 28) {
        ctx.fillStyle = Math.abs(v) > 0.6 * limit ? '#ffffff' : '#000000';
        ctx.fillText(v.toFixed(2), margin + (k + 0.5) * cell, margin + (j + 0.5) * cell);
      }
    }
  }
  ctx.fillStyle = '#000000';
  ctx.font = '10px system-ui, sans-serif';
  for (let k = 0; k < cols; k++) ctx.fillText(String(k + 1), margin + (k + 0.5) * cell, margin / 2);
  for (let j = 0; j < rows; j++) ctx.fillText(String(j + 1), margin / 2, margin + (j + 0.5) * cell);
  canvas.setAttribute('aria-label', `${name} heatmap, ${rows}×${cols}, colour scale ±${limit.toPrecision(3)}`);
}
