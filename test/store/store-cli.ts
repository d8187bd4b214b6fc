/**
 * Run the store commands in-process, as main.ts will once it calls registerStoreCommands: the
 * same global options and a stand-in `scenarios` command (the library check) to attach to.
 */
import { Command, CommanderError, Option } from 'commander';
import { registerStoreCommands } from '../../src/cli/commands/store-commands.js';
import type { GlobalOptions } from '../../src/cli/context.js';
import { Context, pendingWrites } from '../../src/cli/context.js';
import { UsageError } from '../../src/cli/output.js';
import { OutputExistsError } from '../../src/io/write-dataset.js';
import type { CliResult } from '../cli-run.js';

export async function storeCli(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s) },
  };
  const p = new Command('chokepoint')
    .addOption(new Option('--dataset <path>'))
    .addOption(new Option('--format <format>'))
    .addOption(new Option('--xlsx <file>'))
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    });
  p.command('scenarios').action(() => void io.stdout.write('LIBRARY\n'));
  registerStoreCommands(p, (cmd) => new Context(io, cmd.optsWithGlobals<GlobalOptions>()));
  let code = 0;
  try {
    await p.parseAsync(args, { from: 'user' });
    await Promise.all(pendingWrites.splice(0));
  } catch (err) {
    if (err instanceof CommanderError) code = err.exitCode === 0 ? 0 : 2;
    else if (err instanceof UsageError) code = 2;
    else if (err instanceof OutputExistsError) code = 1;
    else throw err;
    if (!(err instanceof CommanderError)) stderr += `chokepoint: ${(err as Error).message}\n`;
  }
  return { code, stdout, stderr };
}
