/**
 * CSV writing (RFC 4180): fields with commas, quotes or line breaks are quoted, quotes doubled.
 * Numbers are written with full precision (shortest round-trip form); NaN as an empty cell, ±∞ as
 * `inf` / `-inf` (what numpy, pandas and R read as infinities).
 */

/** Quote one CSV field when needed. */
export function csvField(v: string | number | undefined | null): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isNaN(v) ? '' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A CSV document: a header line and one line per row, each line ended by CRLF as RFC 4180 asks. */
export function toCsv(columns: string[], rows: (string | number | undefined | null)[][]): string {
  return [columns, ...rows].map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

/** A number written as text ("3.912e-1", "−2", "inf"), as the number it reads as; else undefined. */
function numeric(v: string | number): number | undefined {
  if (typeof v === 'number') return v;
  const s = v.trim().replace(/^\u2212/, '-');
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Number(s);
  if (/^[-+]?(inf|Infinity|∞)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  return undefined;
}

/**
 * A table as data. Cells that are numbers, or text that reads as a number ("3.912e-1"), are written as
 * numbers. Convention: in a column that holds numbers, any other text cell ("below floor", "not
 * reached") is a status, not a value: it is written as an empty cell, followed by a `<column>_status`
 * column holding the text (empty where the value is a number). Columns of text only (names,
 * activations) are written as they are.
 */
export function tableCsv(columns: string[], rows: (string | number)[][]): string {
  const statusCols = columns.map(
    (_, j) => rows.some((r) => numeric(r[j]) !== undefined) && rows.some((r) => numeric(r[j]) === undefined && r[j] !== ''),
  );
  const numericCols = columns.map((_, j) => rows.every((r) => r[j] === '' || numeric(r[j]) !== undefined));
  const header = columns.flatMap((c, j) => (statusCols[j] ? [c, `${c}_status`] : [c]));
  const body = rows.map((r) =>
    r.flatMap((v, j) => {
      const n = numeric(v);
      if (statusCols[j]) return n !== undefined ? [n, ''] : ['', v];
      return [numericCols[j] && n !== undefined ? n : v];
    }),
  );
  return toCsv(header, body);
}
