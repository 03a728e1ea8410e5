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

/**
 * A table as data. Convention: in a column that holds numbers, a text cell ("below floor", "not
 * reached") is a status, not a value. Such a column is written with an empty cell where the text was,
 * followed by a `<column>_status` column holding the text (empty where the value is a number).
 * Columns of text only (names, activations) are written as they are.
 */
export function tableCsv(columns: string[], rows: (string | number)[][]): string {
  const statusCols = columns.map(
    (_, j) => rows.some((r) => typeof r[j] === 'number') && rows.some((r) => typeof r[j] === 'string' && r[j] !== ''),
  );
  const header = columns.flatMap((c, j) => (statusCols[j] ? [c, `${c}_status`] : [c]));
  const body = rows.map((r) =>
    r.flatMap((v, j) => (statusCols[j] ? (typeof v === 'number' ? [v, ''] : ['', v]) : [v])),
  );
  return toCsv(header, body);
}
