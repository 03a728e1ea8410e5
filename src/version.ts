/**
 * popflow's version, as a constant the core can read in Node and in a browser bundle alike (no file
 * read, no JSON import that a compiled package would have to ship). A test checks that it equals
 * the `version` of package.json.
 */
export const POPFLOW_VERSION = '0.1.0';
