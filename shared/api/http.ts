import type { APIGatewayProxyResult } from 'aws-lambda';

/** Errors in one shape: RFC 9457 problem details. */
export const problem = (status: number, title: string, detail: string): APIGatewayProxyResult => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'about:blank', title, status, detail }),
});

export const json = (status: number, body: unknown): APIGatewayProxyResult => ({
  statusCode: status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
