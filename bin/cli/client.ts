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

  return { config, dataDir, ...requester(config.apiUrl, notAnswering, async () => ({})) };
}

/** Headers that authorize one request (SigV4 or a bearer token); `{}` locally, where auth is off. */
type Authorizer = (request: {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}) => Promise<Record<string, string>>;

/** JSON and text requests against an API at `apiUrl`, each authorized, errors as `ApiError`. */
function requester(apiUrl: string, notAnswering: () => CliError, authorize: Authorizer) {
  const send = async (path: string, method: string, headers: Record<string, string>, body?: string) => {
    const url = new URL(`${apiUrl.replace(/\/$/, '')}${path}`);
    const signed = await authorize({ method, url, headers, body });
    try {
      return await fetch(url, {
        method,
        headers: { ...headers, ...signed },
        ...(body === undefined ? {} : { body }),
      });
    } catch {
      throw notAnswering();
    }
  };

  const getJson = async (path: string, body?: unknown, method?: 'PUT' | 'DELETE'): Promise<unknown> => {
    const response = await send(
      path,
      method ?? (body === undefined ? 'GET' : 'POST'),
      { accept: 'application/json', 'content-type': 'application/json' },
      body === undefined ? undefined : JSON.stringify(body),
    );
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
    const response = await send(path, 'GET', {});
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
  return { getJson, getText };
}

/** The environment variables `--api` and `--token` fall back to. */
export const API_URL_ENV = 'PILLARWATCH_API_URL';
export const TOKEN_ENV = 'PILLARWATCH_TOKEN';

/** The flags of commands that also work against a deployed API. */
export const REMOTE_FLAGS = { api: { type: 'string' }, token: { type: 'string' } } as const;

/** An API the CLI talks to: a deployed one (`dataDir` undefined) or the local stack. */
export type Api = Pick<Stack, 'getJson' | 'getText'> & { apiUrl: string; dataDir?: string };

/**
 * The deployed API when `--api` (or `$PILLARWATCH_API_URL`) names one, authorized with `--token` (or
 * `$PILLARWATCH_TOKEN`, a Cognito ID token) or else SigV4 from the default AWS credential chain; otherwise
 * the local stack.
 */
export async function connectApi(flags: Flags, member?: string): Promise<Api> {
  const apiUrl = (typeof flags.api === 'string' ? flags.api : undefined) ?? process.env[API_URL_ENV];
  if (!apiUrl) {
    const stack = await connect(flags, member);
    return {
      apiUrl: stack.config.apiUrl,
      dataDir: stack.dataDir,
      getJson: stack.getJson,
      getText: stack.getText,
    };
  }
  if (!/^https?:\/\//.test(apiUrl))
    throw new CliError(`--api must be the API's URL (https://…), got "${apiUrl}".`, 2);
  const token = (typeof flags.token === 'string' ? flags.token : undefined) ?? process.env[TOKEN_ENV];
  const notAnswering = () => new CliError(`The API at ${apiUrl} does not answer.`);
  const authorize: Authorizer = token
    ? async () => ({ authorization: token })
    : await sigV4Authorizer(apiUrl);
  return { apiUrl, ...requester(apiUrl, notAnswering, authorize) };
}

/** SigV4 for API Gateway (`execute-api`), credentials from the default chain (env, profile, SSO, role). */
async function sigV4Authorizer(apiUrl: string): Promise<Authorizer> {
  const region =
    /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(apiUrl).hostname)?.[1] ??
    process.env.AWS_REGION ??
    process.env.AWS_DEFAULT_REGION;
  if (!region) throw new CliError('Set AWS_REGION: the API URL names no region to sign for.', 2);
  // Loaded on demand: only commands against a deployed API sign.
  const [{ SignatureV4 }, { defaultProvider }, { NodeSha256 }] = await Promise.all([
    import('@smithy/signature-v4'),
    import('@aws-sdk/credential-provider-node'),
    import('../../shared/aws/presign'),
  ]);
  const signer = new SignatureV4({
    credentials: defaultProvider(),
    region,
    service: 'execute-api',
    sha256: NodeSha256,
  });
  return async ({ method, url, headers, body }) => {
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...headers, host: url.host },
      body,
    });
    const { host: _host, ...rest } = signed.headers;
    return rest;
  };
}

/** Every item of a paged route: follows `nextCursor` and collects the list named `field`. */
export async function allPages<T>(
  api: Pick<Stack, 'getJson'>,
  path: string,
  query: URLSearchParams,
  field: string,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    if (cursor) query.set('cursor', cursor);
    const body = (await api.getJson(`${path}?${query}`)) as Record<string, unknown> & { nextCursor?: string };
    items.push(...((body[field] ?? []) as T[]));
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

/** Every day of a paged day-range route, so the whole range is shown. */
export const allDays = <T>(stack: Stack, path: string, query: URLSearchParams): Promise<T[]> =>
  allPages<T>(stack, path, query, 'days');

/** The API path of a member's route: `/members/<id>` plus `rest`. */
export const memberPath = (member: string, rest = '') => `/members/${encodeURIComponent(member)}${rest}`;
