/**
 * The small document the host serves next to the app (`config.json`): how the app finds the API and whether
 * it signs in. One shape in AWS (written by the stack's deployment) and locally (served by `npm start`).
 * Plain data and pure functions: the browser bundle, the local server and the CDK construct all import it.
 */
export interface WebAppConfig {
  /** `local`: no sign-in (the app shows a banner saying so). `cognito`: hosted-UI sign-in with PKCE. */
  mode: 'local' | 'cognito';
  /** Where the API answers, on the app's own origin (`/api`): CloudFront's `/api/*` behaviour, or the local server. */
  apiBase: string;
  /** The origin the presigned upload PUTs go to (the upload bucket): the one other origin the CSP allows. */
  uploadOrigin?: string;
  /** Cognito mode: the user pool's hosted UI (managed login) and the app's public client. */
  signIn?: {
    /** `https://<prefix>.auth.<region>.amazoncognito.com` */
    domain: string;
    clientId: string;
    /** The app's own URL on CloudFront: the authorization code comes back here. */
    redirectUri: string;
  };
}

export const CONFIG_FILE = 'config.json';
export const API_PREFIX = '/api';

/** Parses what the host served; a wrong shape is a deployment error the app reports rather than guesses around. */
export const parseWebAppConfig = (value: unknown): WebAppConfig => {
  const config = value as Partial<WebAppConfig> | null;
  if (
    !config ||
    (config.mode !== 'local' && config.mode !== 'cognito') ||
    typeof config.apiBase !== 'string'
  ) {
    throw new Error(`${CONFIG_FILE} needs "mode" (local or cognito) and "apiBase"`);
  }
  if (config.mode === 'cognito' && !config.signIn?.domain) {
    throw new Error(`${CONFIG_FILE} in cognito mode needs "signIn"`);
  }
  return config as WebAppConfig;
};

/**
 * The page's Content-Security-Policy, sent as a header by CloudFront and by the local server. Scripts and
 * styles only from the app's own files (no 'unsafe-inline'); fetches to the own origin (the API is under
 * `/api`), plus the upload bucket (presigned PUTs) and, signed in, the hosted UI's token endpoint.
 */
export const contentSecurityPolicy = (extraConnect: readonly string[] = []): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...extraConnect].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** The origins besides 'self' the app's `connect-src` needs for this configuration. */
export const connectOrigins = (config: WebAppConfig): string[] => [
  ...(config.uploadOrigin ? [config.uploadOrigin] : []),
  ...(config.signIn ? [config.signIn.domain] : []),
];
