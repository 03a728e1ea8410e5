/**
 * Worker threads running one of popflow's own modules, from source (TypeScript through tsx) or from
 * the compiled package (JavaScript) alike. Worker threads do not inherit tsx's loader, so from source
 * a two-line bootstrap registers tsx's ESM hooks in the worker before importing the module.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Start a worker on the module `name` (a path without extension, relative to the module at
 * `importMetaUrl`: pass `import.meta.url`): `name.ts` when the caller runs from source, `name.js` when compiled.
 */
export function startModuleWorker(importMetaUrl: string, name: string, options: WorkerOptions = {}): Worker {
  const fromSource = importMetaUrl.endsWith('.ts');
  const href = new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, importMetaUrl).href;
  const bootstrap = fromSource
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(href)}); });`
    : `import(${JSON.stringify(href)});`;
  return new Worker(bootstrap, { ...options, eval: true });
}
