/**
 * JSON Schemas generated from the zod schemas, for editors (a spec's `"$schema"` key points at one)
 * and for other tools. `npm run schema` writes them to schema/; a test checks the committed files
 * equal these.
 */
import { z } from 'zod';
import { committeeSpecSchema } from './committee.ts';
import { initialOverlapsSchema } from './overlaps.ts';
import { simulationSpecSchema } from './simulation.ts';
import { sweepSchema } from '../sweep/spec.ts';

const SCHEMAS = {
  'ode-spec.schema.json': { schema: committeeSpecSchema, title: 'popflow ODE spec (popflow ode, popflow risk)' },
  'compare-spec.schema.json': { schema: simulationSpecSchema, title: 'popflow simulation spec (popflow compare)' },
  'initial-overlaps.schema.json': { schema: initialOverlapsSchema, title: 'popflow initial-overlaps file' },
  'sweep.schema.json': { schema: sweepSchema, title: 'popflow sweep (popflow sweep)' },
} as const;

/** File name in schema/ → JSON Schema (draft 2020-12) of the input a user writes, defaults included. */
export function specJsonSchemas(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [file, { schema, title }] of Object.entries(SCHEMAS)) {
    out[file] = { ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }), title };
  }
  return out;
}

/** The text written for each schema: two-space JSON and a final newline. */
export function schemaFileText(schema: object): string {
  return JSON.stringify(schema, null, 2) + '\n';
}
