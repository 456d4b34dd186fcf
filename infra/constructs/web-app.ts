import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { OAuthScope, type UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { writeWebApp } from '../../web/build';
import {
  API_PREFIX,
  CONFIG_FILE,
  connectOrigins,
  contentSecurityPolicy,
  type WebAppConfig,
} from '../../web/config';

export interface WebAppProps {
  /** The API the app calls, through this distribution's `/api/*` behaviour (same origin: no CORS). */
  restApi: RestApi;
  stageName: string;
  userPool: UserPool;
  /** The upload bucket: the app PUTs exports to presigned URLs, so it allows PUT from the app's origin. */
  uploadBucket: Bucket;
  /** Where the app bucket's access logs go (the stack's access-log bucket). */
  accessLogsBucket: Bucket;
}

/**
 * The signed-in web app (`-c authMode=cognito`): its built files (web/, bundled by the local esbuild at synth)
 * in a private, encrypted bucket behind CloudFront with origin access control; `/api/*` on the same
 * distribution goes to API Gateway (the prefix stripped by a CloudFront Function), so the app's CSP needs
 * `connect-src 'self'` plus the upload bucket and the hosted UI's token endpoint. Sign-in is Cognito's hosted
 * UI with the authorization-code flow and PKCE, its callback on the CloudFront URL.
 */
export class WebApp extends Construct {
  public readonly distribution: Distribution;
  public readonly bucket: Bucket;
  /** The app's public OAuth client (no secret: a browser cannot keep one; PKCE protects the code). */
  public readonly client: UserPoolClient;
  /** `https://<distribution>.cloudfront.net/` */
  public readonly url: string;

  public constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'web-app/',
      // Build output only: the next deploy puts it back.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const stripApiPrefix = new CloudFrontFunction(this, 'StripApiPrefix', {
      comment: 'The API answers at its stage root: /api/members/x -> /members/x',
      code: FunctionCode.fromInline(
        `function handler(event){var r=event.request;r.uri=r.uri.replace(/^\\${API_PREFIX}(?=\\/)/,'');return r;}`,
      ),
    });

    const domainPrefix = `pillarwatch-${props.stageName.toLowerCase().replace(/_/g, '-')}-${Aws.ACCOUNT_ID}`;
    const domain = props.userPool.addDomain('Login', { cognitoDomain: { domainPrefix } });
    const signInDomain = `https://${domainPrefix}.auth.${Aws.REGION}.amazoncognito.com`;
    const uploadOrigin = `https://${props.uploadBucket.bucketRegionalDomainName}`;

    // The CSP names the hosted UI and the bucket: both are known before the distribution exists.
    const connect = connectOrigins({
      mode: 'cognito',
      apiBase: API_PREFIX,
      uploadOrigin,
      signIn: { domain: signInDomain, clientId: '', redirectUri: '' },
    });
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'pillarwatch web app: strict CSP, HSTS, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(connect), override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'pillarwatch web app and its API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: {
        [`${API_PREFIX}/*`]: {
          // The stage in the origin path; the domain from the API's id, not its URL, so the distribution does
          // not wait on the API's deployment (whose methods' authorizer knows the app's client).
          origin: new HttpOrigin(`${props.restApi.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, {
            originPath: `/${props.stageName}`,
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Never cached; with caching off, this policy forwards Authorization (not Host: API Gateway needs its own).
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          functionAssociations: [{ function: stripApiPrefix, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}/`;

    this.client = props.userPool.addClient('Web', {
      generateSecret: false,
      authFlows: {},
      preventUserExistenceErrors: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [this.url],
        logoutUrls: [this.url],
      },
      idTokenValidity: Duration.hours(1),
    });

    props.uploadBucket.addCorsRule({
      allowedMethods: [HttpMethods.PUT],
      // Any CloudFront domain rather than this distribution's: naming it would make the bucket depend on
      // the distribution, whose CSP names the bucket (a cycle). CORS is not the guard here: the presigned
      // URL is (one key, one size, 15 minutes).
      allowedOrigins: ['https://*.cloudfront.net'],
      allowedHeaders: ['*'],
      exposedHeaders: ['ETag'],
      maxAge: 600,
    });

    const config: WebAppConfig = {
      mode: 'cognito',
      apiBase: API_PREFIX,
      uploadOrigin,
      signIn: { domain: signInDomain, clientId: this.client.userPoolClientId, redirectUri: this.url },
    };
    const deployment = new BucketDeployment(this, 'Deploy', {
      // Built now, at synth, with the local esbuild: no Docker.
      sources: [Source.asset(writeWebApp()), Source.jsonData(CONFIG_FILE, config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
    });
    domain.node.addDependency(props.userPool);

    this.acknowledgeNagFindings(deployment);
  }

  private acknowledgeNagFindings(deployment: BucketDeployment): void {
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Sellers sign in from wherever they travel; Cognito sign-in, not geography, decides who gets in.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Every /api request is authorised by the token authorizer and throttled by the API stage; the rest ' +
          'is static files. A WAF web ACL is a fixed monthly cost this tool does not warrant yet.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'API Gateway access logs record every API request; the app bucket has S3 access logs. CloudFront ' +
          'standard logs would need ACLs on the log bucket, which the stack keeps disabled.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate cannot set a minimum TLS version; a custom domain with ' +
          'its own certificate (TLSv1.2_2021) is a deployment choice outside this stack.',
      },
    );
    // BucketDeployment's provider function, a singleton CDK puts at the stack's root: only it is acknowledged.
    const provider = Stack.of(this).node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!provider) throw new Error(`no BucketDeployment provider next to ${deployment.node.path}`);
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's BucketDeployment custom resource: AWS's managed basic execution role for its logs.",
      },
      ...[
        'Action::s3:Abort*',
        'Action::s3:DeleteObject*',
        'Action::s3:GetBucket*',
        'Action::s3:GetObject*',
        'Action::s3:List*',
        'Resource::*',
        `Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`,
        'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      ].map((finding) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason:
          "CDK's BucketDeployment copies the built app from the CDK asset bucket into this bucket (replacing " +
          'what was there) and invalidates the distribution; its grants are the ones the construct generates.',
      })),
      {
        id: 'AwsSolutions-L1',
        reason: "CDK's BucketDeployment picks its own provider runtime; no project code runs in it.",
      },
    );
  }
}
