import * as z from 'zod';
import { API_ROUTES, type ApiRoute, MemberIdSchema, ProblemSchema, TeamIdSchema } from './contract';

/** JSON Schema 2020-12 (what OpenAPI 3.1 uses), inlined, without the per-schema `$schema` marker. */
const jsonSchema = (schema: z.ZodType): Record<string, unknown> => {
  const { $schema: _marker, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
};

const parametersOf = (route: ApiRoute) => {
  const path = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: jsonSchema(name === 'teamId' ? TeamIdSchema : MemberIdSchema),
  }));
  const query = route.query
    ? (jsonSchema(route.query) as { properties?: Record<string, unknown>; required?: string[] })
    : {};
  return [
    ...path,
    ...Object.entries(query.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: query.required?.includes(name) ?? false,
      schema,
    })),
  ];
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests, so the two cannot
 * drift. Served at GET /openapi.json and committed as docs/openapi.json (a test compares them).
 */
export const openApiDocument = () => ({
  openapi: '3.1.0',
  info: {
    title: 'pillarwatch',
    version: '0.1.0',
    description:
      'Per-day LinkedIn activity, SSI pillar estimates, official readings and findings. In AWS every route requires ' +
      'IAM (SigV4) authentication.',
  },
  security: [{ sigv4: [] }],
  components: {
    securitySchemes: {
      sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', description: 'AWS Signature Version 4' },
    },
    schemas: { Problem: jsonSchema(ProblemSchema) },
  },
  paths: Object.values(API_ROUTES as Record<string, ApiRoute>).reduce<
    Record<string, Record<string, unknown>>
  >((paths, route) => {
    const operation = {
      summary: route.summary,
      parameters: parametersOf(route),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: jsonSchema(route.body) },
                ...(route.acceptsCsv ? { 'text/csv': { schema: { type: 'string' } } } : {}),
              },
            },
          }
        : {}),
      responses: {
        '200': {
          description: 'OK',
          content: { [route.contentType ?? 'application/json']: { schema: jsonSchema(route.response) } },
        },
        '400': problem('The request is invalid; `detail` says which parameter and why'),
        '403': problem('Cognito mode: the data of another member, or a managers-only route'),
        '404': problem('Unknown member or route'),
        '500': problem('Unexpected failure'),
      },
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
    return paths;
  }, {}),
});
