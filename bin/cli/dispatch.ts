import { COMMANDS } from '../commands';
import { parseCommandArgs } from './args';
import { CliError, type Command } from './command';
import { type Output, processOutput } from './output';

/** Column where `pillarwatch --help` starts each command's summary. */
const SUMMARY_COLUMN = 38;

/**
 * Runs `pillarwatch <argv>` and returns the exit code. Every error becomes one line on stderr (`pillarwatch:
 * …`) and exit code 1, or 2 for usage errors; never a stack trace.
 */
export async function runCli(argv: readonly string[], output: Output = processOutput): Promise<number> {
  try {
    return await dispatch(argv, output);
  } catch (error) {
    output.stderr(`pillarwatch: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

async function dispatch([name, ...rest]: readonly string[], output: Output): Promise<number> {
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    output.stdout(usage(COMMANDS));
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) throw new CliError(`Unknown command "${name}". Run \`pillarwatch --help\` for the list.`, 2);
  const { flags, positionals } = parseCommandArgs(command, rest);
  if (flags.help) {
    output.stdout(`Usage: pillarwatch ${command.usage}\n\n${command.help}`);
    return 0;
  }
  return command.run({ flags, positionals, output });
}

/** `pillarwatch --help`: one entry per command; a long synopsis puts its summary on the next line. */
export function usage(commands: readonly Command[]): string {
  const entries = commands.map(({ synopsis, summary }) => {
    const head = `  ${synopsis}`;
    return head.length < SUMMARY_COLUMN
      ? `${head.padEnd(SUMMARY_COLUMN)}${summary}`
      : `${head}\n${' '.repeat(SUMMARY_COLUMN)}${summary}`;
  });
  return `Usage: pillarwatch <command> [options]

Commands:
${entries.join('\n')}

Run \`pillarwatch <command> --help\` for a command's options.
`;
}
