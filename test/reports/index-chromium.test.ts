import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { writeReport } from '../../reports/report.ts';
import { sampleReport } from './sample-report.ts';

const CHROMIUM = '/usr/bin/chromium';
const run = promisify(execFile);

/** Headless Chromium with everything that could reach the network or a profile switched off. */
async function chromium(args: string[]): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'popflow-chromium-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    '--window-size=1200,900',
  ];
  const { stdout } = await run(CHROMIUM, [...flags, ...args], { timeout: 60_000, maxBuffer: 16 << 20 });
  return stdout;
}

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`index-chromium: SKIPPED — ${CHROMIUM} is absent (CI installs it: apt-get install -y chromium)`);
const maybe = haveChromium ? test.serial : test.skip;

let root: string;
test.before(async () => {
  root = await mkdtemp(join(tmpdir(), 'popflow-index-'));
  await writeReport(join(root, 'toy-a'), sampleReport('toy-a', 'Toy report A'));
  await writeReport(join(root, 'toy-b'), sampleReport('toy-b', 'Toy report B'));
});

maybe('index.html parses in Chromium with a link and a loaded thumbnail per report', async (t) => {
  const dom = await chromium(['--dump-dom', `file://${join(root, 'index.html')}`]);
  const links = [...dom.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
  t.true(links.includes('toy-a/report.md'));
  t.true(links.includes('toy-b/report.md'));
  t.true(links.includes('toy-b/data.json'));
  t.is([...dom.matchAll(/<img /g)].length, 2);
  t.true(dom.includes('Toy report A'));
});

maybe('index.html screenshot is not blank: it shows text and the thumbnails', async (t) => {
  const shot = join(root, 'shot.png');
  await chromium([`--screenshot=${shot}`, `file://${join(root, 'index.html')}`]);
  const img = await loadImage(await readFile(shot));
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  let dark = 0;
  let blue = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] < 80 && data[i + 1] < 80 && data[i + 2] < 80) dark++;
    // Okabe–Ito blue #0072B2 of the thumbnails' curves (scaled down, so allow blending).
    if (data[i] < 60 && Math.abs(data[i + 1] - 0x72) < 40 && Math.abs(data[i + 2] - 0xb2) < 40) blue++;
  }
  t.is(img.width, 1200);
  t.true(dark > 2000, `only ${dark} dark (text) pixels`);
  t.true(blue > 50, `only ${blue} curve-blue pixels: thumbnails not drawn`);
});
