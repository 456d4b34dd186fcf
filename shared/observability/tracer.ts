import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * The process's X-Ray tracer (Powertools). Its service name comes from `POWERTOOLS_SERVICE_NAME`, set per
 * function by the stack; outside Lambda (tests, `npm start`) Powertools switches it off and every call is a
 * no-op. Only the ingest function imports it: the X-Ray SDK adds about 120 KB to a bundle, which the API's
 * budget cannot carry, and the API's two DynamoDB queries are visible enough in the Lambda segment.
 */
export const tracer = new Tracer();
