/**
 * Report writing: one directory per experiment with its figures, `report.md`, `data.json` and one CSV
 * per table, and an `index.html` beside the report directories that links them all. Reports only
 * present numbers an experiment computed; nothing here computes physics.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { marked } from 'marked';
import { SpecError } from '../src/validate.ts';
import { tableCsv } from './csv.ts';
import { writeFileAtomic } from '../src/io/atomicWrite.ts';
import { gitCommit } from '../src/io/provenance.ts';
import { POPFLOW_VERSION } from '../src/version.ts';
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
  /** Git commit of the checkout that ran (`-dirty` with uncommitted changes), null outside a checkout. */
  commit: string | null;
}

/** How a report was made: quick or full sizes, and the command line that ran it. */
export interface RunInfo {
  mode: 'quick' | 'full';
  command: string;
}

/**
 * Wall-clock facts, kept apart from the data so that two runs of the same spec give data that differ
 * only here: the date written and any durations.
 */
export interface Timing {
  date: string;
  [key: string]: unknown;
}

/** What `data.json` holds: the report data plus the software versions, how it was run and its timing. */
export interface ReportJson extends ReportData {
  versions: Versions;
  run?: RunInfo;
  timing: Timing;
}

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  /** Quick or full, and the command that made the report (stated in the report). */
  run?: RunInfo;
  /** Extra wall-clock fields for the `timing` section (the date is always there). */
  timing?: Record<string, unknown>;
  /** Report directory names in the order the index lists them; others follow by name. */
  order?: readonly string[];
}


/** The CSV file name of table `i` (0-based) of a report. */
export const tableFile = (i: number): string => `table-${i + 1}.csv`;

function versions(backend: string | undefined): Versions {
  return { node: process.version, popflow: POPFLOW_VERSION, backend: backend ?? 'none (plain Float64Array code)', commit: gitCommit() };
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
  const lines = [t.columns.map(cell), t.columns.map(() => '---'), ...t.rows.map((r) => r.map(cell))];
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

/** The Markdown report: claim, setting, how it was made, the claims table, tables, figures, how to reproduce, software. */
export function reportMarkdown(data: ReportData, v: Versions, run?: RunInfo, timing?: Timing): string {
  const out: string[] = [`# ${data.title}`, ''];
  if (run !== undefined) {
    const made = [`**${run.mode === 'quick' ? 'Quick run' : 'Full run'}**`, `made by \`${run.command}\``];
    made.push(v.commit === null ? 'outside a git checkout' : `at commit \`${v.commit}\``);
    if (timing !== undefined) made.push(`on ${timing.date}`);
    out.push(`${made.join(', ')}.${run.mode === 'quick' ? ' Quick runs use small sizes; the paper-scale result is the full run.' : ''}`, '');
  }
  out.push(`**Claim.** ${data.claim}`, '', `**Setting.** ${data.setting}`, '');
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
  out.push('## Software', '', `- node ${v.node}`, `- popflow ${v.popflow}`, `- commit: ${v.commit ?? 'none (not a git checkout)'}`, `- tfjs backend: ${v.backend}`, '');
  return out.join('\n');
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A page of popflow's report gallery: the shared style around `body`. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; line-height: 1.45; }
ul.reports { list-style: none; padding: 0; }
li.report { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; border-bottom: 1px solid #ddd; padding: 1.2em 0; }
li.report img { border: 1px solid #ccc; width: 640px; max-width: 100%; height: auto; }
li.report > div { flex: 1 1 20em; }
h2 { font-size: 1.15em; margin: 0 0 0.4em; }
.verdict { font-weight: bold; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #f4f4f4; }
img { max-width: min(100%, 54em); height: auto; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** A report's Markdown rendered as an HTML page (GitHub-flavoured Markdown by `marked`), with a link back to the index. */
export function reportHtml(title: string, markdown: string): string {
  const body = marked.parse(markdown, { async: false, gfm: true });
  return page(title, `<p><a href="../index.html">← all reports</a> · <a href="report.md">Markdown</a></p>\n${body}`);
}

/**
 * Regenerate `<root>/index.html`: one entry per sub-directory of `root` holding a `data.json` (in
 * `order` first, then by name), with its title, quick or full, verdict counts, summary, a thumbnail of
 * its first figure wide enough to read, and links to the HTML report, the Markdown and data.json.
 * Directories without data.json are skipped.
 */
export async function writeIndex(root: string, order: readonly string[] = []): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true });
  const rank = (name: string): number => (order.includes(name) ? order.indexOf(name) : order.length);
  const dirs = entries
    .filter((x) => x.isDirectory())
    .map((x) => x.name)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const reports: { dir: string; data: ReportJson }[] = [];
  for (const dir of dirs) {
    let text: string;
    try {
      text = await readFile(join(root, dir, 'data.json'), 'utf8');
    } catch {
      continue;
    }
    reports.push({ dir, data: JSON.parse(text) as ReportJson });
  }
  const items = reports.map(({ dir, data }) => {
    const href = (f: string): string => `${encodeURIComponent(dir)}/${encodeURIComponent(f)}`;
    const thumb = data.figures[0]
      ? `<a href="${href('report.html')}"><img src="${href(data.figures[0].file)}" alt="${escapeHtml(data.figures[0].caption)}" width="640"></a>`
      : '';
    const made = data.run === undefined ? '' : `${data.run.mode} run${data.timing?.date ? `, ${data.timing.date.slice(0, 10)}` : ''} · `;
    return [
      `<li class="report" id="${escapeHtml(dir)}">`,
      thumb,
      `<div><h2><a href="${href('report.html')}">${escapeHtml(data.title)}</a></h2>`,
      `<p class="verdict">${escapeHtml(verdictCounts(data.claims ?? []))}</p>`,
      `<p>${escapeHtml(data.summary)}</p>`,
      `<p>${escapeHtml(made)}<a href="${href('report.html')}">report</a> · <a href="${href('report.md')}">Markdown</a> · <a href="${href('data.json')}">data</a> · <code>${escapeHtml(data.name)}</code></p></div>`,
      '</li>',
    ].join('\n');
  });
  const body = `<h1>popflow reports</h1>
<p>${reports.length} report${reports.length === 1 ? '' : 's'}. Each directory holds the report (HTML and Markdown), data.json, the figures with their data, and one CSV per table.</p>
<ul class="reports">
${items.join('\n')}
</ul>`;
  await writeFileAtomic(join(root, 'index.html'), page('popflow reports', body));
}

/**
 * Write a report into `dir`: every figure through `writeFigure`, `report.md` and `report.html`,
 * `data.json` (the data plus software versions, how it was run and its timing), `claims.json`,
 * `table-<k>.csv` per table, each file atomically; then regenerate `index.html` in the parent of `dir`
 * (so `writeReport('out/x', …)` refreshes `out/index.html`). Throws SpecError for bad data.
 */
export async function writeReport(dir: string, data: ReportData, options: WriteReportOptions = {}): Promise<void> {
  validate(data);
  const v = versions(data.backend);
  const timing: Timing = { date: new Date().toISOString(), ...options.timing };
  const json: ReportJson = { ...data, versions: v, ...(options.run ? { run: options.run } : {}), timing };
  const markdown = reportMarkdown(data, v, options.run, timing);
  await Promise.all([
    ...data.figures.map((f) => writeFigure(join(dir, f.file), f.spec)),
    ...data.tables.map(({ table }, i) => writeFileAtomic(join(dir, tableFile(i)), tableCsv(table.columns, table.rows))),
    writeFileAtomic(join(dir, 'report.md'), markdown),
    writeFileAtomic(join(dir, 'report.html'), reportHtml(data.title, markdown)),
    writeFileAtomic(join(dir, 'claims.json'), JSON.stringify(data.claims, null, 1) + '\n'),
    writeFileAtomic(join(dir, 'data.json'), JSON.stringify(json, null, 1) + '\n'),
  ]);
  await writeIndex(dirname(dir), options.order);
}
