#!/usr/bin/env node
/**
 * The `popflow` executable: `npx popflow <command> …` (see cli/program.ts). `--version` alone is
 * answered before the commands (and their numerical libraries) are loaded.
 */
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { POPFLOW_VERSION } = await import('../src/version.ts');
  process.stdout.write(`${POPFLOW_VERSION}\n`);
} else {
  const { runCli } = await import('./program.ts');
  process.exitCode = await runCli(argv);
}
