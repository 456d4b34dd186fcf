import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ROUTES, type RouteDefinition } from '../shared/api/routes';
import type { WebAppFiles } from '../web/build';
import {
  API_PREFIX,
  CONFIG_FILE,
  connectOrigins,
  contentSecurityPolicy,
  type WebAppConfig,
} from '../web/config';

export type RouteMatch =
  | { kind: 'match'; route: RouteDefinition; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: RouteDefinition['method'][] }
  | { kind: 'not-found' };

/** Matches a request against the API Gateway resource templates in `ROUTES` (`{param}` = one path segment). */
export function matchRoute(
  method: string,
  path: string,
  routes: readonly RouteDefinition[] = ROUTES,
): RouteMatch {
  const segments = splitPath(path);
  const allowed: RouteDefinition['method'][] = [];
  for (const route of routes) {
    const pathParameters = matchTemplate(splitPath(route.path), segments);
    if (!pathParameters) continue;
    if (route.method === method) return { kind: 'match', route, pathParameters };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
}

const splitPath = (path: string) => path.split('/').filter((segment) => segment !== '');

function matchTemplate(template: string[], segments: string[]): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, part] of template.entries()) {
    const segment = segments[index] ?? '';
    const name = /^\{(.+)\}$/.exec(part)?.[1];
    if (name) {
      // API Gateway hands path parameters over decoded.
      try {
        parameters[name] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (part !== segment) {
      return undefined;
    }
  }
  return parameters;
}

/** The REST API (v1) proxy event API Gateway would send for this request. */
export function toApiGatewayEvent(
  request: { method: string; url: URL; headers: IncomingMessage['headers']; body: string; sourceIp?: string },
  route: RouteDefinition,
  pathParameters: Record<string, string>,
): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    headers[name] = values.join(',');
    multiValueHeaders[name] = values;
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of request.url.searchParams) {
    query[name] = value; // API Gateway keeps the last value in the single-value map.
    multiQuery[name] = [...(multiQuery[name] ?? []), value];
  }
  const hasQuery = Object.keys(query).length > 0;
  const requestId = randomUUID();
  const now = new Date();
  return {
    httpMethod: request.method,
    path: request.url.pathname,
    resource: route.path,
    pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : null,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    headers,
    multiValueHeaders,
    body: request.body === '' ? null : request.body,
    isBase64Encoded: false,
    stageVariables: null,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: request.method,
      identity: localIdentity(request.sourceIp, headers['user-agent']),
      path: `/local${request.url.pathname}`,
      stage: 'local',
      requestId,
      requestTimeEpoch: now.getTime(),
      resourceId: 'local',
      resourcePath: route.path,
    },
  };
}

function localIdentity(sourceIp = '127.0.0.1', userAgent: string | undefined) {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp,
    user: null,
    userAgent: userAgent ?? null,
    userArn: null,
  };
}

/** The built web app and the config document it reads (`mode: 'local'`: no sign-in). */
export interface LocalWebApp {
  files: WebAppFiles;
  config: WebAppConfig;
}

/** The app locally: no sign-in, the API under /api on the same server, uploads to the local S3 server. */
export const localWebApp = (files: WebAppFiles, s3Endpoint: string): LocalWebApp => ({
  files,
  config: { mode: 'local', apiBase: API_PREFIX, uploadOrigin: new URL(s3Endpoint).origin },
});

/** Where the local server serves the app. */
export const WEB_APP_PATH = '/app/';

const WEB_CONTENT_TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  [CONFIG_FILE]: 'application/json',
};

/** The headers CloudFront's response-headers policy adds in AWS (infra/constructs/web-app.ts), locally. */
export const webAppHeaders = (config: WebAppConfig): Record<string, string> => ({
  'content-security-policy': contentSecurityPolicy(connectOrigins(config)),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
});

/** Answers a request for the app's files; false when the path is not the app's. */
function serveWebApp(method: string, path: string, response: ServerResponse, webApp: LocalWebApp): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (path === '/' || path === WEB_APP_PATH.slice(0, -1)) {
    response.writeHead(302, { location: WEB_APP_PATH });
    response.end();
    return true;
  }
  if (!path.startsWith(WEB_APP_PATH)) return false;
  const name = path.slice(WEB_APP_PATH.length) || 'index.html';
  const body = name === CONFIG_FILE ? JSON.stringify(webApp.config) : webApp.files[name as keyof WebAppFiles];
  const contentType = WEB_CONTENT_TYPES[name];
  if (body === undefined || contentType === undefined) return false;
  response.writeHead(200, { 'content-type': contentType, ...webAppHeaders(webApp.config) });
  response.end(method === 'HEAD' ? undefined : body);
  return true;
}

export interface HttpApi {
  url: string;
  port: number;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is already in use — stop whatever is using it or pick another with --port <n>.`);
    this.name = 'PortInUseError';
  }
}

/** Rejects with PortInUseError when something already listens on the port (checked before slow start-up work). */
export function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolveFree, reject) => {
    const probe = createNetServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error),
    );
    probe.listen(port, host, () => probe.close(() => resolveFree()));
  });
}

/**
 * A node:http server in front of the API handler, standing in for API Gateway (REST, proxy integration).
 * Port 0 ⇒ a free port. Rejects with PortInUseError when the port is taken.
 */
export async function startHttpApi(options: {
  handler: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
  port?: number;
  host?: string;
  routes?: readonly RouteDefinition[];
  /** Called with a one-line summary per request (the local stack's access log). */
  log?: (line: string) => void;
  /** Serves the web app at `/app/` (and the API under `/api/` too, as CloudFront does in AWS). */
  webApp?: LocalWebApp;
}): Promise<HttpApi> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    const started = Date.now();
    handle(request, response, options)
      .catch((error: unknown) => {
        // API Gateway answers 502 when the integration fails; say so without a stack trace.
        const detail = `The API handler failed: ${(error as Error)?.message ?? String(error)}`;
        writeProblem(response, 502, 'Bad Gateway', detail);
      })
      .finally(() => {
        options.log?.(
          `${request.method} ${request.url} → ${response.statusCode} (${Date.now() - started} ms)`,
        );
      });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.port ?? 0) : error),
    );
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: {
    handler: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
    routes?: readonly RouteDefinition[];
    webApp?: LocalWebApp;
  },
): Promise<void> {
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (options.webApp && serveWebApp(method, url.pathname, response, options.webApp)) return;
  // The app calls the API on its own origin under /api (CloudFront's behaviour in AWS); the CLI calls it bare.
  if (url.pathname.startsWith(`${API_PREFIX}/`)) url.pathname = url.pathname.slice(API_PREFIX.length);
  const match = matchRoute(method, url.pathname, options.routes);
  if (match.kind === 'not-found') {
    return writeProblem(response, 404, 'Not Found', `No route for ${method} ${url.pathname}`);
  }
  if (match.kind === 'method-not-allowed') {
    response.setHeader('allow', match.allowed.join(', '));
    return writeProblem(response, 405, 'Method Not Allowed', `${method} is not allowed on ${url.pathname}`);
  }
  const body = await readBody(request);
  const event = toApiGatewayEvent(
    { method, url, headers: request.headers, body, sourceIp: request.socket.remoteAddress },
    match.route,
    match.pathParameters,
  );
  const result = await options.handler(event);
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, String(value));
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    response.setHeader(
      name,
      values.map((value) => String(value)),
    );
  }
  response.statusCode = result.statusCode;
  response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function writeProblem(response: ServerResponse, status: number, title: string, detail: string): void {
  if (response.headersSent) return void response.end();
  response.statusCode = status;
  response.setHeader('content-type', 'application/problem+json');
  response.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}
