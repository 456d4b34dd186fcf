import { stat } from 'node:fs/promises';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isMemberId, MEMBER_ID_RULE } from '../../shared/domain/member';
import { TEAM_ID_PATTERN } from '../../shared/domain/membership';
import { CliError, type Command, type Flags } from './command';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Flags every command accepts (each command's help says which of them it uses). */
const GLOBAL_FLAGS: NonNullable<ParseArgsConfig['options']> = {
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** The command's flags and positional arguments; an unknown flag or a stray argument is a usage error. */
export function parseCommandArgs(command: Command, args: string[]): { flags: Flags; positionals: string[] } {
  let parsed: { values: Flags; positionals: string[] };
  try {
    parsed = parseArgs({
      args: joinNegativeValues(command, args),
      options: { ...command.flags, ...GLOBAL_FLAGS },
      allowPositionals: true,
      strict: true,
    }) as typeof parsed;
  } catch (error) {
    // Node's "Unknown option '--x'. To specify a positional argument starting with a '-', …" tip misleads here.
    const { message } = error as Error;
    const reason = /^(Unknown option '.*')\. To specify/.exec(message)?.[1] ?? message;
    throw new CliError(`${reason.replace(/\.?$/, '.')} See \`pillarwatch ${command.name} --help\`.`, 2);
  }
  const limit = command.positional === undefined ? 0 : 1;
  const extra = parsed.positionals[limit];
  if (extra !== undefined && !parsed.values.help)
    throw new CliError(`${command.name}: unexpected argument "${extra}".`, 2);
  return { flags: parsed.values, positionals: parsed.positionals };
}

/**
 * `--brand -3` as `--brand=-3`: node reads a value starting with `-` as a forgotten argument, so a negative
 * number would be refused as "ambiguous" instead of for what it is (the command says why it is out of range).
 */
function joinNegativeValues(command: Command, args: string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    const next = args[index + 1];
    const name = /^--([\w-]+)$/.exec(arg)?.[1];
    if (name && command.flags[name]?.type === 'string' && next !== undefined && /^[-\u2212]\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      index++;
    } else joined.push(arg);
  }
  return joined;
}

/** The command's one positional argument (a file path), required. */
export function positionalOf(command: Pick<Command, 'name' | 'positional'>, positionals: string[]): string {
  const [value] = positionals;
  if (value === undefined)
    throw new CliError(
      `${command.name}: missing ${command.positional}. See \`pillarwatch ${command.name} --help\`.`,
      2,
    );
  return value;
}

export function memberOf(flags: Flags): string {
  const member = flags.member;
  if (typeof member !== 'string') throw new CliError('--member <id> is required.', 2);
  return memberIdOf(member, '--member');
}

/** A member id (an e-mail address will do), checked before it reaches a URL or a key. */
export function memberIdOf(value: string, where: string): string {
  if (!isMemberId(value))
    throw new CliError(`Invalid member id "${value}" in ${where}: use ${MEMBER_ID_RULE}.`, 2);
  return value;
}

/** A team id: the member-id alphabet, minus the dot segments a URL would resolve away. */
export function teamIdOf(value: string, flag: string): string {
  if (!TEAM_ID_PATTERN.test(value) || value === '.' || value === '..') {
    throw new CliError(
      `Invalid team id "${value}" in ${flag}: use 1–64 letters, digits, '.', '_' or '-'.`,
      2,
    );
  }
  return value;
}

export function numberFlag(flags: Flags, name: string): number {
  const value = Number(flags[name]);
  if (typeof flags[name] !== 'string' || !Number.isFinite(value))
    throw new CliError(`--${name} <number> is required.`, 2);
  return value;
}

/** An optional day flag (`--date`), checked; undefined when not given. */
export function dayFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !DAY.test(value))
    throw new CliError(`--${name} must be a day, YYYY-MM-DD.`, 2);
  return value;
}

/** `--from` / `--to` as API query parameters. */
export function dayQuery(flags: Flags): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of ['from', 'to'] as const) {
    const day = dayFlag(flags, name);
    if (day !== undefined) query.set(name, day);
  }
  return query;
}

/** The `--from`/`--to` flags of the day-range commands. */
export const DAY_RANGE_FLAGS = {
  from: { type: 'string' },
  to: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export async function assertReadableFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new CliError(`No such file: ${path}`, 2);
  if (!info.isFile()) throw new CliError(`Not a file: ${path}`, 2);
}
