/**
 * Every command of the CLI, in help order. A command is one module exporting
 * `register(program: Command): void`, which adds it with `program.command(name)` (so it inherits the
 * program's error handling); to add one, write cli/commands/<name>.ts and list its `register` here.
 */
import type { Command } from 'commander';
import { register as ode } from './ode.ts';
import { register as risk } from './risk.ts';
import { register as run } from './run.ts';
import { register as start } from './start.ts';
import { register as compare } from './compare.ts';
import { register as plot } from './plot.ts';
import { register as sweep } from './sweep.ts';

export const commands: ((program: Command) => void)[] = [ode, risk, run, compare, plot, sweep, start];
