import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_PATH, renderOpenApi } from '../../bin/openapi';
import { API_ROUTES } from '../../shared/api/contract';

describe('OpenAPI document', () => {
  it('is committed as generated from the contract (run `npm run openapi` after changing it)', () => {
    expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(renderOpenApi());
  });

  it('describes every route with its parameters and problem responses', () => {
    const document = JSON.parse(renderOpenApi()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { parameters: { name: string; in: string }[]; responses: object }>
      >;
    };
    expect(document.openapi).toBe('3.1.0');
    for (const route of Object.values(API_ROUTES)) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(Object.keys(operation?.responses ?? {})).toEqual(['200', '400', '403', '404', '500']);
      if (route.path.includes('{memberId}')) {
        expect(operation?.parameters).toContainEqual(
          expect.objectContaining({ name: 'memberId', in: 'path' }),
        );
      }
    }
    const activity = document.paths['/members/{memberId}/activity']?.get;
    expect(activity?.parameters.map((p) => p.name)).toEqual(['memberId', 'from', 'to', 'limit', 'cursor']);
  });
});
