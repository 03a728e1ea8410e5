/** CSV writing (RFC 4180): fields with commas, quotes or line breaks are quoted, quotes doubled. */

/** Quote one CSV field when needed; numbers are written with full precision (shortest round-trip). */
export function csvField(v: string | number | undefined): string {
  if (v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document: a header line and one line per row, each line ended by CRLF as RFC 4180 asks. */
export function toCsv(columns: string[], rows: (string | number | undefined)[][]): string {
  return [columns, ...rows].map((r) => r.map(csvField).join(',') + '\r\n').join('');
}
