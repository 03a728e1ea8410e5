/** Compiling popflow's WebAssembly text sources (wabt) into the generated TypeScript modules that carry their bytes. */
import { readFileSync } from 'node:fs';
import wabtInit from 'wabt';

/** The WebAssembly text sources and the modules generated from them, relative to the repository root. */
export const WASM_SOURCES = [{ wat: 'src/linalg/gemmNT.wat', generated: 'src/linalg/gemmNTWasm.generated.ts' }];

/** The binary of a .wat file (SIMD enabled, no names section, so that the bytes depend on the code only). */
export async function compileWat(path: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat(path, readFileSync(path, 'utf8'), { simd: true });
  try {
    module.validate();
    return module.toBinary({ write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

/** The text of a generated module exporting the bytes as base64. */
export function generatedModuleText(source: string, bytes: Uint8Array): string {
  const base64 = Buffer.from(bytes).toString('base64');
  return [
    `// Generated from ${source.split('/').pop()} by \`npm run wasm\` (scripts/write-wasm.ts); do not edit.`,
    `/** The WebAssembly binary of ${source.split('/').pop()}, base64. */`,
    `export const WASM_BASE64 = '${base64}';`,
    '',
  ].join('\n');
}
