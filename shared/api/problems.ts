import type { APIGatewayProxyResult } from 'aws-lambda';
import { type ErrorCode, PillarwatchError } from '../domain/errors';
import { problem } from './http';

/** Each code of the error vocabulary as HTTP: the one place where errors become statuses. */
const HTTP: Record<ErrorCode, { status: number; title: string }> = {
  BAD_REQUEST: { status: 400, title: 'Bad Request' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  NOT_FOUND: { status: 404, title: 'Not Found' },
  CONFLICT: { status: 409, title: 'Conflict' },
  MEMBER_BUSY: { status: 409, title: 'Conflict' },
  // A lease or an ingest failing on the way: the request was fine, the service could not finish it now.
  LEASE_TIMEOUT: { status: 503, title: 'Service Unavailable' },
  LEASE_LOST: { status: 503, title: 'Service Unavailable' },
  INGEST_FAILURE: { status: 503, title: 'Service Unavailable' },
};

/** An error of the vocabulary as RFC 9457 problem details; anything else is not ours to describe. */
export const problemFor = (error: unknown): APIGatewayProxyResult | undefined => {
  if (!(error instanceof PillarwatchError)) return undefined;
  const { status, title } = HTTP[error.code];
  const response = problem(status, title, error.message, error.code);
  const retryAfter = 'retryAfterSeconds' in error ? error.retryAfterSeconds : undefined;
  return typeof retryAfter === 'number'
    ? { ...response, headers: { ...response.headers, 'retry-after': String(retryAfter) } }
    : response;
};
