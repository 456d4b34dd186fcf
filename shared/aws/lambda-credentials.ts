import { type EnvironmentCredentials, environmentCredentials } from '../config/clients';

/**
 * Stands in for `@aws-sdk/credential-provider-node` (the SDK's default credential chain) in the function
 * bundles only: `infra/bundling.ts` aliases that package to this file. Lambda hands the execution role's
 * credentials to the function in environment variables, the chain's first link; the rest of the chain
 * (INI and SSO profiles, web identity, container and instance metadata, with the STS, SSO and sign-in
 * clients they embed) is about 130 KB per bundle that a function never runs. Tests and the local stack run
 * the sources and keep the real chain.
 */

/** Same shape as the SDK's `defaultProvider(init)`: returns the provider the client memoizes. */
export const defaultProvider = () => async (): Promise<EnvironmentCredentials> => {
  const credentials = environmentCredentials();
  if (!credentials) {
    throw new Error(
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set: function bundles read credentials only ' +
        'from the environment, where Lambda puts them',
    );
  }
  return credentials;
};
