/** The odex package as popflow imports it (`import odex from 'odex'`): the CommonJS module object, typed in `odex.d.ts`. */
declare const odex: Odex.Module;
export default odex;
