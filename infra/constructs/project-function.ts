import { type CfnElement, type Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, type OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ENV } from '../../shared/config/env';
import { FUNCTIONS, type FunctionName } from '../../shared/config/functions';
import { FUNCTION_BUNDLE, REPO_ROOT } from '../bundling';

/** The newest Node.js runtime the installed aws-cdk-lib knows; cdk-nag's AwsSolutions-L1 wants the latest. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

export type TableAccess = 'read' | 'readWrite';
/**
 * `read`: get objects (the ingest); `erase`: list and delete every version (the erasure); `presignPut`: put
 * objects (whole or in parts) and abort such uploads, which is what a URL the function presigns may do (the
 * uploads function): no reads, no listing.
 */
export type BucketAccess = 'read' | 'erase' | 'presignPut';

const BUCKET_ACCESS: Record<BucketAccess, { objects: string[]; listing: string[]; verb: string }> = {
  read: { objects: ['s3:GetObject', 's3:GetObjectVersion'], listing: ['s3:ListBucket'], verb: 'read' },
  erase: {
    objects: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
    listing: ['s3:ListBucket', 's3:ListBucketVersions'],
    verb: 'delete',
  },
  // Multipart uploads need no more than PutObject, but aborting one is its own action.
  presignPut: {
    objects: ['s3:PutObject', 's3:AbortMultipartUpload'],
    listing: [],
    verb: 'put (through presigned URLs)',
  },
};

export interface ProjectFunctionProps {
  /** The function in `shared/config/functions.ts`: its entry file and its Powertools service name. */
  function: FunctionName;
  description: string;
  memorySize: number;
  timeout: Duration;
  logRetention?: RetentionDays;
  /** V8 old-space limit (`--max-old-space-size`), for functions whose peak memory should follow the live set. */
  heapLimitMb?: number;
}

/**
 * The project's Lambda defaults in one place (after Powertools' `FunctionWithLogGroup` example): latest
 * Node.js runtime on arm64, X-Ray tracing, an explicit log group with retention, ESM bundles built by the
 * local esbuild with the AWS SDK bundled in (pinned versions, tree-shaken, no dependency on the runtime's copy),
 * configured once in `../bundling.ts`.
 *
 * Its role carries no AWS-managed policy: log writing is granted on its own log group only, and resource
 * access is added through `bindTable` / `bindBucket`, which set the environment variable and the
 * least-privilege grant in one call so the two cannot drift apart.
 */
export class ProjectFunction extends NodejsFunction {
  /** Which function of `shared/config/functions.ts` this is (route targets map to these names). */
  public readonly name: FunctionName;
  private readonly executionRole: Role;

  public constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
    });
    // Replaces the default role, which would carry the AWS-managed AWSLambdaBasicExecutionRole policy
    // (log writes to every log group in the account).
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${scope.node.path}/${id}`,
    });
    const { entry, serviceName } = FUNCTIONS[props.function];
    super(scope, id, {
      entry: `${REPO_ROOT}${entry}`,
      handler: 'handler',
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      environment: {
        // Stack traces point at the TypeScript sources; the bundle ships its source map.
        NODE_OPTIONS: [
          '--enable-source-maps',
          ...(props.heapLimitMb ? [`--max-old-space-size=${props.heapLimitMb}`] : []),
        ].join(' '),
        [ENV.serviceName]: serviceName,
      },
      bundling: {
        format: FUNCTION_BUNDLE.format as OutputFormat,
        mainFields: [...FUNCTION_BUNDLE.mainFields],
        banner: FUNCTION_BUNDLE.banner,
        minify: FUNCTION_BUNDLE.minify,
        sourceMap: FUNCTION_BUNDLE.sourceMap,
        sourcesContent: FUNCTION_BUNDLE.sourcesContent,
        target: FUNCTION_BUNDLE.target,
        externalModules: [...FUNCTION_BUNDLE.externalModules],
        esbuildArgs: {
          '--alias': Object.entries(FUNCTION_BUNDLE.alias).map(([from, to]) => `${from}=${to}`),
        },
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
      },
    });
    this.name = props.function;
    this.executionRole = role;
    logGroup.grantWrite(role);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level ' +
        'permissions, so CDK grants them on "*" when tracing is active.',
    });
  }

  /** Sets TABLE_NAME and grants exactly the requested data-plane access to the table (no control plane). */
  public bindTable(table: ITable, access: TableAccess): this {
    this.addEnvironment(ENV.tableName, table.tableName);
    if (access === 'readWrite') table.grantReadWriteData(this);
    else table.grantReadData(this);
    return this;
  }

  /**
   * Sets BUCKET_NAME and grants the access under the given key prefixes only (`exports/` → `exports/*`).
   * GetObject also covers HeadObject; GetObjectVersion lets the handler read the exact version an S3 event names.
   */
  public bindBucket(bucket: IBucket, access: BucketAccess, prefixes: readonly string[]): this {
    if (prefixes.length === 0) throw new Error('bindBucket needs at least one key prefix to scope the grant');
    this.addEnvironment(ENV.bucketName, bucket.bucketName);
    const grant = BUCKET_ACCESS[access];
    const objectPatterns = prefixes.map((prefix) => `${prefix.endsWith('/') ? prefix : `${prefix}/`}*`);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: grant.objects,
        resources: objectPatterns.map((pattern) => bucket.arnForObjects(pattern)),
      }),
    );
    // Listing, limited to the same prefixes: reading needs it so S3 answers 404 (object gone: a permanent
    // failure the ingest records) instead of 403; erasing needs it to find every version.
    if (grant.listing.length > 0)
      this.addToRolePolicy(
        new PolicyStatement({
          actions: grant.listing,
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': objectPatterns } },
        }),
      );
    for (const pattern of objectPatterns) {
      Validations.of(this.executionRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(bucket)}.Arn>/${pattern}]`,
        reason:
          `Object keys under ${pattern.slice(0, -1)} are chosen by members at upload time (member id, file ` +
          `name); the grant is limited to that prefix and to ${grant.verb} actions.`,
      });
    }
    return this;
  }
}

/** cdk-nag names a resource in a finding by its logical id: `<LogicalId.Arn>/exports/*`. */
function logicalIdOf(construct: Construct): string {
  const element = construct.node.defaultChild as CfnElement | undefined;
  if (!element) throw new Error(`${construct.node.path} has no CloudFormation resource to name in a grant`);
  return Stack.of(element).resolve(element.logicalId);
}
