/** Compile popflow's .wat sources and write the generated modules that carry their bytes (`npm run wasm`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WASM_SOURCES, compileWat, generatedModuleText } from './wat.ts';

const root = join(import.meta.dirname, '..');
for (const { wat, generated } of WASM_SOURCES) {
  const bytes = await compileWat(join(root, wat));
  writeFileSync(join(root, generated), generatedModuleText(wat, bytes));
  process.stdout.write(`wrote ${generated} (${bytes.length} bytes)\n`);
}
