/**
 * Report writing: one directory per experiment with its figures, `report.md`, `data.json` and one CSV
 * per table, and an `index.html` beside the report directories that links them all. Reports only
 * present numbers an experiment computed; nothing here computes physics.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SpecError } from '../src/validate.ts';
import { tableCsv } from './csv.ts';
import { writeFigure, type FigureSpec } from './plot.ts';
import { VERDICTS, type Claim, type Verdict } from '../src/claims/index.ts';

export interface ReportTable {
  columns: string[];
  rows: (string | number)[][];
}
export interface ReportData {
  name: string;
  title: string;
  claim: string;
  setting: string;
  tables: { caption: string; table: ReportTable }[];
  /** The paper's claims with their measurements and verdicts, written to claims.json. */
  claims: Claim[];
  command: string;
  spec: unknown;
  figures: { file: string; caption: string; spec: FigureSpec }[];
  backend?: string;
  /** One line. */
  summary: string;
}

/** Software that produced a report. */
export interface Versions {
  node: string;
  popflow: string;
  backend: string;
}

/** What `data.json` holds: the report data plus the software versions. */
export interface ReportJson extends ReportData {
  versions: Versions;
}


/** The CSV file name of table `i` (0-based) of a report. */
export const tableFile = (i: number): string => `table-${i + 1}.csv`;

async function versions(backend: string | undefined): Promise<Versions> {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return { node: process.version, popflow: pkg.version, backend: backend ?? 'none (plain Float64Array code)' };
}

/**
 * A number for a Markdown table: integers as they are, others with 4 significant digits, in
 * exponent form outside [1e-3, 1e5). The CSV files and data.json keep full precision.
 */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

const cell = (v: string | number): string =>
  (typeof v === 'number' ? formatNumber(v) : v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function markdownTable(t: ReportTable): string {
  const lines = [t.columns, t.columns.map(() => '---'), ...t.rows.map((r) => r.map(cell))];
  return lines.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** Refuse report data that could not be written as asked (bad name, verdict, ragged tables, empty summary). */
function validate(data: ReportData): void {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(data.name)) {
    throw new SpecError('report.name', data.name, 'a directory-safe name of lower-case letters, digits, ".", "_" and "-"');
  }
  if (data.claims.length === 0) throw new SpecError('report.claims', data.claims, 'at least one claim');
  data.claims.forEach((c, i) => {
    if (!VERDICTS.includes(c.verdict)) throw new SpecError(`report.claims[${i}].verdict`, c.verdict, VERDICTS.join(', '));
    if (c.verdict !== 'not tested' && c.measured === undefined) {
      throw new SpecError(`report.claims[${i}].measured`, undefined, 'a measurement for a verdict other than "not tested"');
    }
  });
  if (!data.summary || /\n/.test(data.summary)) throw new SpecError('report.summary', data.summary, 'one non-empty line');
  data.tables.forEach(({ table }, i) =>
    table.rows.forEach((r, j) => {
      if (r.length !== table.columns.length) {
        throw new SpecError(`report.tables[${i}].table.rows[${j}]`, r, `${table.columns.length} cells, one per column`);
      }
    }),
  );
  data.figures.forEach((f, i) => {
    if (!/^[\w.-]+\.png$/.test(f.file)) throw new SpecError(`report.figures[${i}].file`, f.file, 'a plain file name ending in .png');
  });
}

/** Verdict counts of a list of claims, e.g. "2 supported, 1 inconclusive". */
export function verdictCounts(claims: Claim[]): string {
  return VERDICTS.map((v) => [v, claims.filter((c) => c.verdict === v).length] as [Verdict, number])
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
}

const interval = (c: Claim): string =>
  c.measured === undefined
    ? '—'
    : `${formatNumber(c.measured.value)} [${formatNumber(c.measured.lo)}, ${formatNumber(c.measured.hi)}]`;

/** The claims as a Markdown table: statement, prediction and source, measurement with its interval, verdict and reason. */
function claimsTable(claims: Claim[]): string {
  return markdownTable({
    columns: ['claim', 'paper says', 'prediction (source)', 'measured, 95% interval', 'rule', 'verdict', 'reason'],
    rows: claims.map((c) => [c.id, c.statement, `${c.prediction.text} (${c.prediction.source})`, interval(c), c.rule, `**${c.verdict}**`, c.reason]),
  });
}

/** The Markdown report: claim, setting, the claims table, tables, figures, how to reproduce, software. */
export function reportMarkdown(data: ReportData, v: Versions): string {
  const out: string[] = [`# ${data.title}`, '', `**Claim.** ${data.claim}`, '', `**Setting.** ${data.setting}`, ''];
  out.push('## Claims', '', claimsTable(data.claims), '', `(as data: [claims.json](claims.json))`, '');
  out.push('## Measurements', '');
  data.tables.forEach(({ caption, table }, i) => {
    out.push(`**Table ${i + 1}.** ${caption} (full precision: [${tableFile(i)}](${tableFile(i)}))`, '', markdownTable(table), '');
  });
  if (data.figures.length) out.push('## Figures', '');
  data.figures.forEach((f, i) => {
    const base = f.file.replace(/\.png$/, '');
    out.push(`![${f.caption}](${f.file})`, '', `**Figure ${i + 1}.** ${f.caption} (data: [${base}.csv](${base}.csv), [${base}.json](${base}.json))`, '');
  });
  out.push('## Reproduce', '', '```sh', data.command, '```', '', 'Spec:', '', '```json', JSON.stringify(data.spec, null, 2), '```', '');
  out.push('## Software', '', `- node ${v.node}`, `- popflow ${v.popflow}`, `- tfjs backend: ${v.backend}`, '');
  return out.join('\n');
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Regenerate `<root>/index.html`: one entry per sub-directory of `root` holding a `data.json`
 * (sorted by name), with its title, verdict, summary, a thumbnail of its first figure and links to
 * report.md and data.json. Directories without data.json are skipped.
 */
export async function writeIndex(root: string): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true });
  const reports: { dir: string; data: ReportData }[] = [];
  for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    let text: string;
    try {
      text = await readFile(join(root, e.name, 'data.json'), 'utf8');
    } catch {
      continue;
    }
    reports.push({ dir: e.name, data: JSON.parse(text) as ReportData });
  }
  const items = reports.map(({ dir, data }) => {
    const href = (f: string): string => `${encodeURIComponent(dir)}/${encodeURIComponent(f)}`;
    const thumb = data.figures[0]
      ? `<a href="${href(data.figures[0].file)}"><img src="${href(data.figures[0].file)}" alt="${escapeHtml(data.figures[0].caption)}" width="320"></a>`
      : '';
    return [
      `<li class="report" id="${escapeHtml(dir)}">`,
      thumb,
      `<div><h2><a href="${href('report.md')}">${escapeHtml(data.title)}</a></h2>`,
      `<p class="verdict">${escapeHtml(verdictCounts(data.claims ?? []))}</p>`,
      `<p>${escapeHtml(data.summary)}</p>`,
      `<p><a href="${href('report.md')}">report</a> · <a href="${href('data.json')}">data</a> · <code>${escapeHtml(data.name)}</code></p></div>`,
      '</li>',
    ].join('\n');
  });
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>popflow reports</title>
<style>
body { font-family: "DejaVu Sans", sans-serif; margin: 2em; max-width: 70em; }
ul { list-style: none; padding: 0; }
li.report { display: flex; gap: 1.5em; align-items: flex-start; border-bottom: 1px solid #ddd; padding: 1em 0; }
li.report img { border: 1px solid #ccc; }
h2 { font-size: 1.15em; margin: 0 0 0.4em; }
.verdict { font-weight: bold; }
.supported { color: #009E73; } .not-supported { color: #D55E00; } .inconclusive { color: #E69F00; }
</style>
</head>
<body>
<h1>popflow reports</h1>
<p>${reports.length} report${reports.length === 1 ? '' : 's'}. Each directory holds report.md, data.json, the figures with their data, and one CSV per table.</p>
<ul>
${items.join('\n')}
</ul>
</body>
</html>
`;
  await writeFile(join(root, 'index.html'), html);
}

/**
 * Write a report into `dir`: every figure through `writeFigure`, `report.md`, `data.json` (the data
 * plus software versions), `table-<k>.csv` per table; then regenerate `index.html` in the parent of
 * `dir` (so `writeReport('reports/x', …)` refreshes `reports/index.html`). Throws SpecError for bad data.
 */
export async function writeReport(dir: string, data: ReportData): Promise<void> {
  validate(data);
  await mkdir(dir, { recursive: true });
  const v = await versions(data.backend);
  const json: ReportJson = { ...data, versions: v };
  await Promise.all([
    ...data.figures.map((f) => writeFigure(join(dir, f.file), f.spec)),
    ...data.tables.map(({ table }, i) => writeFile(join(dir, tableFile(i)), tableCsv(table.columns, table.rows))),
    writeFile(join(dir, 'report.md'), reportMarkdown(data, v)),
    writeFile(join(dir, 'claims.json'), JSON.stringify(data.claims, null, 1) + '\n'),
    writeFile(join(dir, 'data.json'), JSON.stringify(json, null, 1) + '\n'),
  ]);
  await writeIndex(dirname(dir));
}
