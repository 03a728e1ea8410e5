/** The README's seed table states, for each seed, the claim counts of its committed claims.json. */
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Claim } from '../../src/claims/index.ts';
import { verdictCounts } from '../../reports/report.ts';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const rows = readme.split('\n').filter((l) => /^\| .* \| `run [a-z0-9-]+ --full` \| \d+ claims: /.test(l));

test('every seed row names a committed report and its verdict counts match claims.json', (t) => {
  t.true(rows.length >= 5, `${rows.length} seed rows found`);
  for (const row of rows) {
    const name = /`run ([a-z0-9-]+) --full`/.exec(row)![1];
    const file = join(root, 'reports', name, 'claims.json');
    t.true(existsSync(file), `reports/${name}/claims.json is committed`);
    const claims = JSON.parse(readFileSync(file, 'utf8')) as Claim[];
    t.true(row.includes(`${claims.length} claims: ${verdictCounts(claims)} |`), `${name}: README says "${row.split('|')[3].trim()}", claims.json gives "${claims.length} claims: ${verdictCounts(claims)}"`);
  }
});
