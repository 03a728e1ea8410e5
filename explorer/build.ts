/**
 * Build the explorer into a self-contained static folder: the page, its three workers (bundled by
 * esbuild for the browser), KaTeX's stylesheet and fonts, and tfjs' wasm binaries.
 * `npm run build:explorer [-- <dir>]` (default dist-explorer/).
 *
 * popflow's modules in the bundle must not import Node built-ins: any `node:` (or bare built-in) import
 * of theirs reachable from an entry fails the build with the importing module named.
 */
import { builtinModules } from 'node:module';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
export const DEFAULT_OUT = join(ROOT, 'dist-explorer');

/** The page's entry points (bundled) and static files (copied). */
const ENTRIES = { main: 'main.ts', odeWorker: 'odeWorker.ts', formulaWorker: 'formulaWorker.ts', simWorker: 'simWorker.ts' };
const STATIC = ['index.html', 'style.css'];

/** Node built-ins imported by modules of the bundle: `{ path, importer }`. */
export interface NodeImport {
  path: string;
  importer: string;
}

const builtins = new Set(builtinModules);

/**
 * esbuild plugin for Node built-ins: popflow's own modules must not import any (each is recorded);
 * third-party packages (tfjs, seedrandom) reach them only in branches taken under Node, and get an
 * empty module, as other bundlers do for the browser.
 */
function nodeImportRecorder(found: NodeImport[]): esbuild.Plugin {
  return {
    name: 'node-imports',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (!(args.path.startsWith('node:') || builtins.has(args.path))) return undefined;
        if (args.importer.includes('/node_modules/')) return { path: args.path, namespace: 'node-builtin-stub' };
        found.push({ path: args.path, importer: args.importer.replace(`${ROOT}/`, '') });
        return { path: args.path, external: true };
      });
      build.onLoad({ filter: /.*/, namespace: 'node-builtin-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    },
  };
}

/**
 * Bundle the explorer for the browser (esbuild's "browser" conditions pick `src/io/*.browser.ts`) into
 * `outDir`. Returns the Node built-ins the bundle would import (empty for a usable build); throws when
 * there are any, unless `allowNodeImports` (for tests that want the list).
 */
export async function buildExplorer(outDir = DEFAULT_OUT, options: { minify?: boolean; allowNodeImports?: boolean } = {}): Promise<NodeImport[]> {
  const found: NodeImport[] = [];
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(HERE, file)])),
    outdir: outDir,
    bundle: true,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? true,
    sourcemap: false,
    logLevel: 'warning',
    plugins: [nodeImportRecorder(found)],
  });
  if (found.length > 0 && !options.allowNodeImports) {
    throw new Error(`the explorer bundle imports Node built-ins: ${found.map((f) => `${f.path} (from ${f.importer})`).join(', ')}`);
  }
  for (const file of STATIC) await cp(join(HERE, file), join(outDir, file));
  const katex = join(ROOT, 'node_modules/katex/dist');
  await cp(join(katex, 'katex.min.css'), join(outDir, 'katex.min.css'));
  await cp(join(katex, 'fonts'), join(outDir, 'fonts'), { recursive: true, filter: (src) => !/\.(ttf|woff)$/.test(src) });
  const wasmDir = join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  for (const f of await readdir(wasmDir)) if (f.endsWith('.wasm')) await cp(join(wasmDir, f), join(outDir, f));
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? DEFAULT_OUT);
  await buildExplorer(out);
  console.log(`explorer built into ${out}`);
}
