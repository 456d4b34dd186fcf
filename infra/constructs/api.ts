import { Duration, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  type IAuthorizer,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RequestValidator,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { UserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { RouteTarget } from '../../shared/api/contract';
import { ROUTES, type RouteDefinition } from '../../shared/api/routes';
import { ENV } from '../../shared/config/env';
import { ROUTE_FUNCTIONS } from '../../shared/config/functions';
import { EXPORTS_PREFIX, SCORES_PREFIX } from '../../shared/store/layout';
import { MemberUserPool } from './cognito';
import { ProjectFunction } from './project-function';
import { TokenVerifier } from './token-verifier';

export interface ApiProps {
  table: ITable;
  /** The upload bucket: the erasure function deletes a member's uploads from it. */
  bucket: IBucket;
  /** API Gateway stage name (the deployment stage, e.g. `dev`). */
  stageName: string;
  /**
   * Execution logs (ERROR level) need API Gateway's account-wide CloudWatch role, which this stack then
   * creates and owns for the whole account and region. Off by default so a deploy never takes over a
   * setting other APIs in the account rely on; access logs are always on.
   */
  executionLogs?: boolean;
  /** `iam` (default): SigV4 on every method. `cognito`: a user pool authoriser; members see their own data. */
  authMode?: 'iam' | 'cognito';
}

/** Stage-wide throttling: generous for a team's dashboards and CLI, low enough to cap a runaway client. */
export const API_THROTTLING = { rateLimit: 50, burstLimit: 100 } as const;

/** `{memberId}` → `method.request.path.memberId`, so API Gateway rejects a request missing it. */
export function pathParameters(path: string): Record<string, boolean> {
  const names = [...path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((match) => match[1]);
  return Object.fromEntries(names.map((name) => [`method.request.path.${name}`, true]));
}

/**
 * The REST API: one resource per route in `shared/api/routes.ts` (the same list the local HTTP adapter
 * matches), each method IAM- (SigV4) or Cognito-authorised and proxied to the function its route target
 * names in `shared/config/functions.ts` (api, erase or report).
 */
export class Api extends Construct {
  public readonly restApi: RestApi;
  public readonly function: ProjectFunction;
  /** Serves DELETE /members/{memberId}: the only function allowed to delete uploads. */
  public readonly eraseFunction: ProjectFunction;
  /** Serves GET /members/{memberId}/report: the only function that bundles the HTML renderer. */
  public readonly reportFunction: ProjectFunction;
  /** Serves POST /members/{memberId}/uploads: presigns PUTs; may put objects under exports/ and scores/ only. */
  public readonly uploadsFunction: ProjectFunction;
  public readonly accessLogs: LogGroup;
  /** The user pool, in Cognito mode. */
  public readonly userPool?: UserPool;
  /** Cognito mode: the token authorizer (aws-jwt-verify) in front of every method. */
  public readonly tokenVerifier?: TokenVerifier;
  private readonly authorizer?: IAuthorizer;

  public constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.function = new ProjectFunction(this, 'Function', {
      function: 'api',
      description: 'Serves activity, estimates, official readings and findings; stores POSTed readings',
      memorySize: 512,
      // API Gateway gives up after 29 s; the function should fail before that, with its own error.
      timeout: Duration.seconds(25),
      // POST /official-scores stores a reading and the findings it raises; everything else only reads.
    }).bindTable(props.table, 'readWrite');

    const authMode = props.authMode ?? 'iam';
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });

    const executionLogs = props.executionLogs ?? false;
    this.restApi = new RestApi(this, 'RestApi', {
      description: 'pillarwatch read API (IAM-authorised)',
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: executionLogs,
      // Every method defaults to IAM, so a route added without options is never anonymous.
      defaultMethodOptions: { authorizationType: AuthorizationType.IAM },
      deployOptions: {
        stageName: props.stageName,
        throttlingRateLimit: API_THROTTLING.rateLimit,
        throttlingBurstLimit: API_THROTTLING.burstLimit,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        // Request and response bodies must never reach the logs (privacy).
        dataTraceEnabled: false,
        loggingLevel: executionLogs ? MethodLoggingLevel.ERROR : MethodLoggingLevel.OFF,
        tracingEnabled: true,
        metricsEnabled: true,
      },
    });

    // The stack publishes the URL as its own `ApiUrl` output; drop RestApi's auto-named duplicate.
    this.restApi.node.tryRemoveChild('Endpoint');

    const validator = new RequestValidator(this, 'RequestValidator', {
      restApi: this.restApi,
      requestValidatorName: 'parameters-and-body',
      validateRequestParameters: true,
      // No route has a body model yet; this makes any future POST/PUT model binding take effect.
      validateRequestBody: true,
    });
    this.eraseFunction = new ProjectFunction(this, 'EraseFunction', {
      function: 'erase',
      description: 'Erases a member: every table item and every version of their uploads',
      memorySize: 512,
      timeout: Duration.seconds(25),
    })
      .bindTable(props.table, 'readWrite')
      .bindBucket(props.bucket, 'erase', [EXPORTS_PREFIX, SCORES_PREFIX]);
    this.reportFunction = new ProjectFunction(this, 'ReportFunction', {
      function: 'report',
      description: "Renders a member's report page (chart, findings, latest ingest) as self-contained HTML",
      memorySize: 512,
      timeout: Duration.seconds(25),
    }).bindTable(props.table, 'read');
    // No table access: a presigned URL is all it makes. Its grant is what the URLs it signs may do.
    this.uploadsFunction = new ProjectFunction(this, 'UploadsFunction', {
      function: 'uploads',
      description: 'Issues short-lived presigned PUT URLs for a member’s exports/ and scores/ uploads',
      memorySize: 256,
      timeout: Duration.seconds(10),
    }).bindBucket(props.bucket, 'presignPut', [EXPORTS_PREFIX, SCORES_PREFIX]);
    if (authMode === 'cognito') {
      const pool = new MemberUserPool(this, 'Default');
      this.userPool = pool.userPool;
      this.tokenVerifier = new TokenVerifier(this, 'TokenVerifier', { userPool: pool.userPool });
      this.tokenVerifier.acceptTokensFrom(pool.cliClient);
      this.authorizer = this.tokenVerifier.authorizer;
    }
    const routeFunctions = [this.function, this.eraseFunction, this.reportFunction, this.uploadsFunction];
    for (const fn of routeFunctions) fn.addEnvironment(ENV.authMode, authMode);
    const integrations = new Map(
      routeFunctions.map((fn) => [
        fn.name,
        new LambdaIntegration(fn, { proxy: true, allowTestInvoke: false }),
      ]),
    );
    const integrationOf = (target: RouteTarget): LambdaIntegration => {
      const integration = integrations.get(ROUTE_FUNCTIONS[target]);
      if (!integration) throw new Error(`route target '${target}' names no function of the API`);
      return integration;
    };
    for (const route of ROUTES) this.addRoute(route, integrationOf(route.target), validator);

    if (executionLogs) {
      Validations.of(this.restApi).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          "API Gateway's account-level logging role: this AWS-managed policy is the documented one for " +
          'the service principal apigateway.amazonaws.com; no function code runs with it.',
      });
    } else {
      Validations.of(this.restApi).acknowledge({
        id: 'AwsSolutions-APIG6',
        reason:
          'JSON access logs record every request; execution logs need the account-wide API Gateway ' +
          'CloudWatch role and are opt-in (context apiExecutionLogs=true).',
      });
    }
    Validations.of(this.restApi).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'Every method requires SigV4-signed IAM credentials of the deploying account and the stage is ' +
        'throttled, so there is no anonymous surface for a WAF web ACL (a fixed monthly cost) to protect.',
    });
    Validations.of(this.restApi).acknowledge({
      id: 'AwsSolutions-COG4',
      reason:
        authMode === 'cognito'
          ? 'Every method has a Lambda TOKEN authorizer that verifies the Cognito ID token with aws-jwt-verify ' +
            "(signature against the pool's JWKS, expiry, issuer, the app clients) and passes user and groups on."
          : 'Callers are IAM principals (team members and the CLI with their AWS credentials), authorised by ' +
            'AWS_IAM on every method; there is no Cognito user pool to authorise against.',
    });
  }

  private addRoute(route: RouteDefinition, integration: LambdaIntegration, validator: RequestValidator) {
    this.restApi.root.resourceForPath(route.path).addMethod(route.method, integration, {
      ...(this.authorizer
        ? { authorizationType: AuthorizationType.CUSTOM, authorizer: this.authorizer }
        : { authorizationType: AuthorizationType.IAM }),
      requestValidator: validator,
      requestParameters: pathParameters(route.path),
    });
  }
}
