/**
 * Paths as the user meant them: relative to the directory the command was typed in. `npm run` starts
 * scripts in the package root and leaves the caller's directory in INIT_CWD, so under an npm script
 * of this package (cwd = the directory of npm_package_json) INIT_CWD is used; otherwise the process's
 * own working directory.
 */
import { dirname, resolve } from 'node:path';

/** The directory the user typed the command in. */
export function callerDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const underNpmScript =
    env.INIT_CWD !== undefined && env.npm_package_json !== undefined && resolve(dirname(env.npm_package_json)) === resolve(cwd);
  return underNpmScript ? env.INIT_CWD! : cwd;
}

/** Resolve a path the user gave, relative to {@link callerDir}. */
export function userPath(path: string): string {
  return resolve(callerDir(), path);
}
