import {
  findDataDir,
  type LocalStackConfig,
  localConfigPath,
  readLocalConfig,
} from '../../local/config-file';
import { CliError, type Flags } from './command';

const NO_STACK = 'No local stack is running — start one with `npm start`';

/** The API answered with an error status; the message carries its problem title and detail. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A running local stack, as found through `<data-dir>/local.json`. */
export interface Stack {
  config: LocalStackConfig;
  dataDir: string;
  /** GET, or POST with a JSON body when `body` is given; `method` overrides either (PUT, DELETE). */
  getJson(path: string, body?: unknown, method?: 'PUT' | 'DELETE'): Promise<unknown>;
  /** GET a non-JSON page (the report). */
  getText(path: string): Promise<string>;
}

/** The local stack's data dir: `--data-dir`, `$PILLARWATCH_DATA_DIR` or the nearest `.pillarwatch/` up the tree. */
export const dataDirOf = (flags: Flags): Promise<string> =>
  findDataDir(typeof flags['data-dir'] === 'string' ? flags['data-dir'] : undefined);

/**
 * Finds the running local stack through `<data-dir>/local.json` and checks that its API answers (probing the
 * member's route when there is one, the OpenAPI document otherwise).
 */
export async function connect(flags: Flags, member?: string): Promise<Stack> {
  const dataDir = await dataDirOf(flags);
  const config = await readLocalConfig(dataDir);
  if (!config) throw new CliError(`${NO_STACK} (no ${localConfigPath(dataDir)}).`);
  const notAnswering = () => new CliError(`${NO_STACK} (${config.apiUrl} does not answer).`);
  // Answering at all is what counts here (any status); a refused connection means the stack is gone.
  try {
    const probe = member === undefined ? '/openapi.json' : memberPath(member, '/ingests');
    await fetch(`${config.apiUrl}${probe}`, { method: 'HEAD' });
  } catch {
    throw notAnswering();
  }

  const getJson = async (path: string, body?: unknown, method?: 'PUT' | 'DELETE'): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${config.apiUrl}${path}`, {
        method: method ?? (body === undefined ? 'GET' : 'POST'),
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw notAnswering();
    }
    const text = await response.text();
    let answer: unknown;
    try {
      answer = text ? JSON.parse(text) : undefined;
    } catch {
      throw new CliError(`The API answered ${response.status} with something that is not JSON.`);
    }
    if (!response.ok) {
      const problem = (answer ?? {}) as { title?: string; detail?: string };
      const detail = problem.detail ? `: ${problem.detail.replace(/\.$/, '')}` : '';
      throw new ApiError(
        response.status,
        `The API answered ${response.status}${problem.title ? ` ${problem.title}` : ''}${detail}.`,
      );
    }
    return answer;
  };

  const getText = async (path: string): Promise<string> => {
    const response = await fetch(`${config.apiUrl}${path}`).catch(() => {
      throw notAnswering();
    });
    const text = await response.text();
    if (!response.ok) {
      const detail = (() => {
        try {
          return (JSON.parse(text) as { detail?: string }).detail;
        } catch {
          return undefined;
        }
      })();
      throw new ApiError(
        response.status,
        `The API answered ${response.status}${detail ? `: ${detail.replace(/\.$/, '')}` : ''}.`,
      );
    }
    return text;
  };

  return { config, dataDir, getJson, getText };
}

/** Every day of a paged day-range route: follows `nextCursor` so the whole range is shown. */
export async function allDays<T>(stack: Stack, path: string, query: URLSearchParams): Promise<T[]> {
  const days: T[] = [];
  let cursor: string | undefined;
  do {
    if (cursor) query.set('cursor', cursor);
    const body = (await stack.getJson(`${path}?${query}`)) as { days: T[]; nextCursor?: string };
    days.push(...body.days);
    cursor = body.nextCursor;
  } while (cursor);
  return days;
}

/** The API path of a member's route: `/members/<id>` plus `rest`. */
export const memberPath = (member: string, rest = '') => `/members/${encodeURIComponent(member)}${rest}`;
