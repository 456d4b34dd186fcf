import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../shared/api/authorize';

const event = (claims?: Record<string, unknown>) =>
  ({ requestContext: { authorizer: claims ? { claims } : undefined } }) as unknown as APIGatewayProxyEvent;

describe('authorize', () => {
  it('trusts every caller in IAM mode and locally', () => {
    expect(authorize('iam', event(), 'jane')).toBeUndefined();
    expect(authorize('off', event(), 'jane', { managersOnly: true })).toBeUndefined();
  });

  it('lets a Cognito member read only their own data', () => {
    expect(authorize('cognito', event({ 'cognito:username': 'jane' }), 'jane')).toBeUndefined();
    const denied = authorize('cognito', event({ 'cognito:username': 'jane' }), 'bob');
    expect(denied?.statusCode).toBe(403);
    expect(JSON.parse(denied?.body ?? '{}').detail).toMatch(/signed in as 'jane', asked for 'bob'/);
    expect(authorize('cognito', event(), 'bob')?.statusCode).toBe(403);
  });

  it('lets the managers group read everyone and do manager-only things, whatever form the claim takes', () => {
    for (const groups of ['managers', '[sales, managers]', ['managers']]) {
      const manager = event({ 'cognito:username': 'lead', 'cognito:groups': groups });
      expect(authorize('cognito', manager, 'bob')).toBeUndefined();
      expect(authorize('cognito', manager, undefined, { managersOnly: true })).toBeUndefined();
    }
    const member = event({ 'cognito:username': 'jane', 'cognito:groups': '[sales]' });
    expect(authorize('cognito', member, undefined, { managersOnly: true })?.statusCode).toBe(403);
  });
});
