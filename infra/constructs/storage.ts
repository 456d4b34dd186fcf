import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/store/dynamodb/keys';
import { EXPORTS_PREFIX } from '../../shared/store/layout';
import { BUCKET_DEFAULTS } from '../defaults';

export interface StorageProps {
  /** Days a raw export ZIP stays under `exports/` before the lifecycle rule deletes it (privacy). */
  rawRetentionDays: number;
  /** Days the server access logs are kept. */
  accessLogRetentionDays?: number;
}

/** Days a replaced or deleted upload version stays recoverable before it is purged. */
export const NONCURRENT_VERSION_DAYS = 7;

/**
 * The upload bucket and the single DynamoDB table. Both are retained when the stack is deleted: the
 * table is the members' history and the bucket holds uploads that may not have been ingested yet.
 *
 * The buckets start from `BUCKET_DEFAULTS` (`../defaults.ts`: SSE-S3, no public access, TLS only). The table
 * is encrypted with the AWS-managed key for the same reason as the buckets: the data is personal but not
 * secret beyond the account, and a customer-managed KMS key would add a key policy, a KMS call per read
 * and a monthly cost for no extra control in a single-account, single-team deployment.
 */
export class Storage extends Construct {
  public readonly bucket: Bucket;
  public readonly accessLogsBucket: Bucket;
  public readonly table: Table;

  public constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);

    // cdk-nag's AwsSolutions-S1 exempts a bucket that receives server access logs, so no acknowledgement.
    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      ...BUCKET_DEFAULTS,
      lifecycleRules: [
        { id: 'expire-access-logs', expiration: Duration.days(props.accessLogRetentionDays ?? 90) },
      ],
    });
    this.bucket = new Bucket(this, 'Uploads', {
      ...BUCKET_DEFAULTS,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'uploads/',
      lifecycleRules: [
        {
          id: 'expire-raw-exports',
          prefix: EXPORTS_PREFIX,
          expiration: Duration.days(props.rawRetentionDays),
        },
        {
          // Versioning protects against accidental overwrites; old versions must still go away so that
          // an expired or erased export does not linger as a noncurrent version.
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS),
          expiredObjectDeleteMarker: true,
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      // Housekeeping items only (an erasure's tombstone, a crashed holder's lease) carry it.
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
