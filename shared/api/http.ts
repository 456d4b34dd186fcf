import type { APIGatewayProxyResult } from 'aws-lambda';

/**
 * Errors in one shape: RFC 9457 problem details, with the error vocabulary's `code` when there is one
 * (`problems.ts` turns errors into these).
 */
export const problem = (
  status: number,
  title: string,
  detail: string,
  code?: string,
): APIGatewayProxyResult => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title, status, detail, ...(code ? { code } : {}) }),
});

/** A self-contained page: the policy forbids fetching anything, matching the page's own meta tag. */
export const html = (body: string): APIGatewayProxyResult => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  },
  body,
});

export const json = (status: number, body: unknown): APIGatewayProxyResult => ({
  statusCode: status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
