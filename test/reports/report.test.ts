import test from 'ava';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatNumber, writeReport, type ReportJson } from '../../reports/report.ts';
import { sampleReport } from './sample-report.ts';
import { SpecError } from '../../src/validate.ts';

test('formatNumber: integers exact, 4 significant digits otherwise, exponents outside [1e-3, 1e5)', (t) => {
  t.is(formatNumber(42), '42');
  t.is(formatNumber(0.123456789), '0.1235');
  t.is(formatNumber(1.5e-7), '1.500e-7');
  t.is(formatNumber(123456.7), '1.235e+5');
  t.is(formatNumber(NaN), 'NaN');
});

test('writeReport writes figures, report.md, data.json, table CSVs and the index', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'popflow-report-'));
  const data = sampleReport('toy-a', 'Toy A');
  await writeReport(join(root, 'toy-a'), data);
  const files = (await readdir(join(root, 'toy-a'))).sort();
  t.deepEqual(files, ['claims.json', 'data.json', 'loss.csv', 'loss.json', 'loss.pdf', 'loss.png', 'loss.svg', 'report.html', 'report.md', 'table-1.csv']);

  const md = await readFile(join(root, 'toy-a', 'report.md'), 'utf8');
  for (const s of ['# Toy A', data.claim, data.setting, '## Claims', data.claims[0].reason, '**supported**', data.command, '"seeds": [', `node ${process.version}`, 'popflow 0.1.0']) {
    t.true(md.includes(s), `report.md lacks ${s}`);
  }
  t.true(md.includes('| 2 | 0.1235 | a\\|b |'));
  t.true(md.includes('![Loss versus time](loss.png)'));

  // CSV keeps full precision and quotes per RFC 4180.
  const csv = await readFile(join(root, 'toy-a', 'table-1.csv'), 'utf8');
  t.is(csv, 'width,rate,note\r\n2,0.123456789,a|b\r\n4,1.5e-7,"x, ""y"""\r\n');

  const json = JSON.parse(await readFile(join(root, 'toy-a', 'data.json'), 'utf8')) as ReportJson;
  t.deepEqual({ ...json, versions: undefined, timing: undefined }, { ...data, versions: undefined, timing: undefined });
  t.regex(json.timing.date, /^\d{4}-\d\d-\d\dT/);
  t.is(json.versions.node, process.version);

  const html = await readFile(join(root, 'toy-a', 'report.html'), 'utf8');
  t.true(html.includes('<h1>Toy A</h1>'), 'the report is rendered as HTML');
  t.true(html.includes('<table>'));
  const index = await readFile(join(root, 'index.html'), 'utf8');
  t.true(index.includes('href="toy-a/report.html"'));
  t.true(index.includes('href="toy-a/report.md"'));
  t.true(index.includes('src="toy-a/loss.png"'));
});

test('the index lists every report directory with a data.json and skips others', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'popflow-report-'));
  await writeReport(join(root, 'toy-b'), sampleReport('toy-b', 'Toy B'));
  await writeReport(join(root, 'toy-a'), { ...sampleReport('toy-a', 'Toy <A>'), figures: [] });
  const index = await readFile(join(root, 'index.html'), 'utf8');
  t.true(index.includes('2 reports'));
  t.true(index.indexOf('toy-a/report.md') < index.indexOf('toy-b/report.md'));
  t.true(index.includes('Toy &lt;A&gt;'));
  // A given order comes first.
  await writeReport(join(root, 'toy-c'), sampleReport('toy-c', 'Toy C'), { order: ['toy-c', 'toy-b'] });
  const ordered = await readFile(join(root, 'index.html'), 'utf8');
  t.true(ordered.indexOf('toy-c/report.md') < ordered.indexOf('toy-b/report.md'));
  t.true(ordered.indexOf('toy-b/report.md') < ordered.indexOf('toy-a/report.md'));
});

test('a report states quick or full, the command, the commit and the date; table headers escape |', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'popflow-report-'));
  const data = sampleReport('toy', 'Toy');
  data.tables[0].table.columns[0] = 'a|b';
  await writeReport(join(root, 'toy'), data, { run: { mode: 'quick', command: 'popflow run toy' } });
  const md = await readFile(join(root, 'toy', 'report.md'), 'utf8');
  t.true(md.includes('**Quick run**'));
  t.true(md.includes('`popflow run toy`'));
  t.regex(md, /at commit `[0-9a-f]{40}(-dirty)?`|outside a git checkout/);
  t.regex(md, /on \d{4}-\d\d-\d\dT/);
  t.true(md.includes('| a\\|b |'), 'a | in a header is escaped');
  const json = JSON.parse(await readFile(join(root, 'toy', 'data.json'), 'utf8')) as ReportJson;
  t.deepEqual(json.run, { mode: 'quick', command: 'popflow run toy' });
});

test('bad report data is refused with the field path', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'popflow-report-'));
  const data = sampleReport('toy', 'Toy');
  data.tables[0].table.rows.push([1, 2]);
  const err = await t.throwsAsync(writeReport(join(root, 'toy'), data), { instanceOf: SpecError });
  t.is(err?.path, 'report.tables[0].table.rows[2]');
  await t.throwsAsync(writeReport(join(root, 'toy'), { ...sampleReport('toy', 'T'), summary: 'two\nlines' }), { instanceOf: SpecError });
  await t.throwsAsync(writeReport(join(root, 'Bad Name'), sampleReport('Bad Name', 'T')), { instanceOf: SpecError });
});
