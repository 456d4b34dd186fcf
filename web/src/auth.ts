import type { WebAppConfig } from '../config';

/**
 * Cognito hosted UI sign-in: the OAuth 2.0 authorization-code flow with PKCE (RFC 7636), by hand with
 * WebCrypto. No library: the flow is two redirects and one token POST (~40 lines), and an OAuth client
 * library would more than double the bundle for the same steps. Tokens stay in sessionStorage (gone when
 * the tab closes); the API verifies them (aws-jwt-verify in the authorizer), the app only reads the claims.
 */
type SignIn = NonNullable<WebAppConfig['signIn']>;
export interface Session {
  idToken: string;
  username: string;
  groups: string[];
}

const TOKEN_KEY = 'pillarwatch.idToken';
const PKCE_KEY = 'pillarwatch.pkce';

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

const claimsOf = (token: string): Record<string, unknown> => {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
};

const sessionOf = (idToken: string): Session | undefined => {
  const claims = claimsOf(idToken);
  // A token expiring within a minute is as good as expired: sign in again rather than fail mid-request.
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now() + 60_000) return undefined;
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'].map(String) : [];
  return { idToken, username: String(claims['cognito:username'] ?? ''), groups };
};

/** Redirects to the hosted UI with a fresh PKCE verifier and state (kept for the callback). */
const redirectToSignIn = async (signIn: SignIn): Promise<never> => {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: signIn.clientId,
    redirect_uri: signIn.redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge_method: 'S256',
    code_challenge: base64url(digest),
  });
  location.assign(`${signIn.domain}/oauth2/authorize?${query}`);
  return new Promise<never>(() => {});
};

/** The callback: exchanges `?code=` for tokens after checking `state`, then drops the code from the URL. */
const completeSignIn = async (signIn: SignIn, code: string, state: string | null): Promise<string> => {
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? '{}') as { verifier?: string; state?: string };
  sessionStorage.removeItem(PKCE_KEY);
  if (!saved.verifier || saved.state !== state) throw new Error('the sign-in answer does not match this tab');
  const response = await fetch(`${signIn.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: signIn.clientId,
      code,
      redirect_uri: signIn.redirectUri,
      code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) throw new Error(`the token endpoint answered ${response.status}`);
  const { id_token: idToken } = (await response.json()) as { id_token?: string };
  if (!idToken) throw new Error('the token endpoint sent no ID token');
  history.replaceState(null, '', signIn.redirectUri);
  return idToken;
};

/** The signed-in session: from this tab's storage, from the callback's code, or by sending the user to sign in. */
export const signedIn = async (signIn: SignIn): Promise<Session> => {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (code) sessionStorage.setItem(TOKEN_KEY, await completeSignIn(signIn, code, params.get('state')));
  const stored = sessionStorage.getItem(TOKEN_KEY);
  const session = stored ? sessionOf(stored) : undefined;
  return session ?? redirectToSignIn(signIn);
};

/** Forgets the tokens and ends the hosted UI's session too. */
export const signOut = (signIn: SignIn): void => {
  sessionStorage.removeItem(TOKEN_KEY);
  const query = new URLSearchParams({ client_id: signIn.clientId, logout_uri: signIn.redirectUri });
  location.assign(`${signIn.domain}/logout?${query}`);
};
