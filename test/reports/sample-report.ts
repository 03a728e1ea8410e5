import type { ReportData } from '../../reports/report.ts';

/** A small complete report for the report and index tests. */
export function sampleReport(name: string, title: string): ReportData {
  return {
    name,
    title,
    claim: 'Loss decays exponentially.',
    setting: 'A toy setting, d = 10.',
    tables: [
      { caption: 'Decay rates', table: { columns: ['width', 'rate', 'note'], rows: [[2, 0.123456789, 'a|b'], [4, 1.5e-7, 'x, "y"']] } },
    ],
    claims: [
      {
        id: 'decays',
        statement: 'Loss decays exponentially (toy).',
        observable: 'decay rate',
        prediction: { text: 'rate > 0', source: 'toy' },
        rule: 'exceeds 0',
        measured: { value: 0.12, lo: 0.1, hi: 0.14, level: 0.95, method: 'toy' },
        verdict: 'supported',
        reason: 'The rate is positive.',
      },
    ],
    command: `npx popflow run ${name}`,
    spec: { d: 10, seeds: [1, 2] },
    figures: [
      {
        file: 'loss.png',
        caption: 'Loss versus time',
        spec: { title: 'Loss', xLabel: 't', yLabel: 'L', yScale: 'log', series: [{ label: 'L', x: [0, 1, 2], y: [1, 0.1, 0.01] }] },
      },
    ],
    summary: `${title}: rate 0.123`,
  };
}
