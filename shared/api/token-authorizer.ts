import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';

/** What a verified token says about its bearer: the member id (Cognito user name) and the groups. */
export interface VerifiedCaller {
  username: string;
  groups: string[];
}

/** Verifies a raw JWT (signature, expiry, issuer, audience); throws when it is not good. */
export type VerifyToken = (token: string) => Promise<VerifiedCaller>;

/**
 * API Gateway's TOKEN authorizer: the `Authorization` header (a Cognito ID token, with or without `Bearer `)
 * in, an IAM policy out. A verified caller may invoke every method of the stage — API Gateway caches the
 * answer per token for all routes — and `shared/api/authorize.ts` then decides, per member, from the
 * username and groups passed in the context. A bad token throws `Unauthorized`, which API Gateway turns
 * into a 401 (anything else would be a 500).
 */
export const authorizeToken = async (
  verify: VerifyToken,
  event: Pick<APIGatewayTokenAuthorizerEvent, 'authorizationToken' | 'methodArn'>,
): Promise<APIGatewayAuthorizerResult> => {
  const token = event.authorizationToken.replace(/^Bearer\s+/i, '').trim();
  let caller: VerifiedCaller;
  try {
    caller = await verify(token);
  } catch {
    throw new Error('Unauthorized');
  }
  return {
    principalId: caller.username,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: stageArn(event.methodArn) }],
    },
    // Context values must be strings, numbers or booleans: the groups travel comma-separated.
    context: { username: caller.username, groups: caller.groups.join(',') },
  };
};

/** `arn:…:execute-api:region:account:api/stage/GET/members/x` → `arn:…:api/stage/*` (every method). */
export const stageArn = (methodArn: string): string => {
  const [api = '', stage = ''] = methodArn.split('/');
  return `${api}/${stage}/*`;
};
