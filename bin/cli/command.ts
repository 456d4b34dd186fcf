import type { ParseArgsConfig } from 'node:util';
import type { Output } from './output';

/** Parsed flags: strings and booleans as `node:util` parseArgs returns them. */
export type Flags = Record<string, string | boolean | undefined>;

export interface CommandInput {
  flags: Flags;
  positionals: string[];
  output: Output;
}

/**
 * One `pillarwatch <name>` command: its description (from which both help screens are generated) and `run`,
 * which returns the exit code. A new command is a file in bin/commands/ plus one line in its index.
 */
export interface Command {
  name: string;
  /** The command as `pillarwatch --help` lists it, with its required arguments, and one line about it. */
  synopsis: string;
  summary: string;
  /** `pillarwatch <name> --help`: the usage line (after "pillarwatch ") and the text under it. */
  usage: string;
  help: string;
  /** The command's own flags; --json, --data-dir and --help are accepted by every command. */
  flags: NonNullable<ParseArgsConfig['options']>;
  /** The one positional argument the command takes, e.g. `<export.zip>`; none when left out. */
  positional?: string;
  run(input: CommandInput): Promise<number>;
}

/** A failure the user can act on: printed as one line, exit code 1 (2 for usage errors). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
