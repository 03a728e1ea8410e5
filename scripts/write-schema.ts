/** Write the JSON Schemas of popflow's specs to schema/ (`npm run schema`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaFileText, specJsonSchemas } from '../src/schema/jsonSchema.ts';

const dir = join(import.meta.dirname, '..', 'schema');
mkdirSync(dir, { recursive: true });
for (const [file, schema] of Object.entries(specJsonSchemas())) {
  writeFileSync(join(dir, file), schemaFileText(schema));
  process.stdout.write(`wrote schema/${file}\n`);
}
