import { ENV, type Environment, requiredEnv } from './env';

/** The authorizer's settings: which user pool and which of its app clients issue tokens the API accepts. */
export const loadAuthorizerConfig = (env: Environment = process.env) => ({
  userPoolId: requiredEnv(env, ENV.userPoolId),
  clientIds: requiredEnv(env, ENV.userPoolClientIds)
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean),
});
