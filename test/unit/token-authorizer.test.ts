import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../shared/api/authorize';
import { authorizeToken, stageArn } from '../../shared/api/token-authorizer';
import { loadAuthorizerConfig } from '../../shared/config/authorizer-config';

const METHOD_ARN = 'arn:aws:execute-api:eu-central-1:123456789012:abc123/dev/GET/members/jane/report';

describe('the API’s token authorizer', () => {
  it('allows a verified token on every method of the stage and passes the user name and groups on', async () => {
    const seen: string[] = [];
    const result = await authorizeToken(
      async (token) => {
        seen.push(token);
        return { username: 'lead', groups: ['sales', 'managers'] };
      },
      { authorizationToken: 'Bearer eyJ.token', methodArn: METHOD_ARN },
    );
    expect(seen).toEqual(['eyJ.token']);
    expect(result.principalId).toBe('lead');
    expect(result.policyDocument.Statement).toEqual([
      {
        Action: 'execute-api:Invoke',
        Effect: 'Allow',
        Resource: 'arn:aws:execute-api:eu-central-1:123456789012:abc123/dev/*',
      },
    ]);
    // What the API functions then read: a manager may open anyone.
    const event = { requestContext: { authorizer: result.context } } as unknown as APIGatewayProxyEvent;
    expect(authorize('cognito', event, 'bob')).toBeUndefined();
  });

  it('answers Unauthorized (API Gateway: 401) for a token that does not verify', async () => {
    const reject = async () => {
      throw new Error('JWT expired');
    };
    await expect(authorizeToken(reject, { authorizationToken: 'x', methodArn: METHOD_ARN })).rejects.toThrow(
      /^Unauthorized$/,
    );
  });

  it('keeps a member to their own data through the authorizer context', () => {
    const event = {
      requestContext: { authorizer: { username: 'jane', groups: '' } },
    } as unknown as APIGatewayProxyEvent;
    expect(authorize('cognito', event, 'jane')).toBeUndefined();
    expect(authorize('cognito', event, 'bob')?.statusCode).toBe(403);
  });

  it('reads the pool and its client ids from the environment, and names what is missing', () => {
    expect(
      loadAuthorizerConfig({
        PILLARWATCH_USER_POOL_ID: 'eu_x',
        PILLARWATCH_USER_POOL_CLIENT_IDS: 'cli, web',
      }),
    ).toEqual({ userPoolId: 'eu_x', clientIds: ['cli', 'web'] });
    expect(() => loadAuthorizerConfig({})).toThrow(/PILLARWATCH_USER_POOL_ID/);
    expect(stageArn(METHOD_ARN)).toMatch(/abc123\/dev\/\*$/);
  });
});
