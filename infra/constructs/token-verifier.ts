import { Duration, Lazy } from 'aws-cdk-lib';
import { TokenAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config/env';
import { ProjectFunction } from './project-function';

/**
 * Cognito mode's authorizer: a Lambda TOKEN authorizer (functions/authorizer.ts) that verifies the
 * `Authorization` header's ID token with aws-jwt-verify and hands the user name and groups to the API
 * functions (shared/api/authorize.ts). A Lambda rather than API Gateway's Cognito authorizer so that the
 * token's audience is checked against the app clients the stack knows (the CLI's and the web app's).
 */
export class TokenVerifier extends Construct {
  public readonly function: ProjectFunction;
  public readonly authorizer: TokenAuthorizer;
  private readonly clients: IUserPoolClient[] = [];

  public constructor(scope: Construct, id: string, props: { userPool: IUserPool }) {
    super(scope, id);
    this.function = new ProjectFunction(this, 'Function', {
      function: 'authorizer',
      description: "Verifies a Cognito ID token (aws-jwt-verify, the pool's JWKS cached per container)",
      memorySize: 256,
      timeout: Duration.seconds(5),
    });
    this.function.addEnvironment(ENV.userPoolId, props.userPool.userPoolId);
    this.function.addEnvironment(
      ENV.userPoolClientIds,
      Lazy.string({ produce: () => this.clients.map((client) => client.userPoolClientId).join(',') }),
    );
    this.authorizer = new TokenAuthorizer(this, 'Authorizer', {
      handler: this.function,
      // API Gateway caches the allow per token for 5 minutes, for every method (the policy names the stage).
      resultsCacheTtl: Duration.minutes(5),
    });
  }

  /** Tokens issued to this client pass (each client the stack creates adds itself). */
  public acceptTokensFrom(client: IUserPoolClient): void {
    this.clients.push(client);
  }
}
