import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { authorizeToken } from '../shared/api/token-authorizer';
import { loadAuthorizerConfig } from '../shared/config/authorizer-config';

const { userPoolId, clientIds } = loadAuthorizerConfig();
// Created once per container: the verifier caches the pool's JWKS, so a warm call verifies without fetching.
const verifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'id', clientId: clientIds });

/** API Gateway TOKEN authorizer (Cognito mode): the CLI's and the web app's ID tokens, verified by aws-jwt-verify. */
export const handler = (event: APIGatewayTokenAuthorizerEvent) =>
  authorizeToken(async (token) => {
    const payload = await verifier.verify(token);
    const groups = payload['cognito:groups'];
    return { username: String(payload['cognito:username']), groups: Array.isArray(groups) ? groups : [] };
  }, event);
