import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey, KeyProps } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, BucketEncryption, type BucketProps, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { TopicProps } from 'aws-cdk-lib/aws-sns';
import { QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';

/**
 * The secure defaults every bucket, queue, key and topic of the stack starts from, in the style of AWS
 * Solutions Constructs' `*-defaults.ts`: a construct spreads these and adds only what is its own (names,
 * lifecycle, timeouts). Each default says why it is the default.
 */

/** Both buckets (uploads and their access logs). */
export const BUCKET_DEFAULTS = {
  // SSE-S3: personal data, not secret beyond the account; access log delivery supports nothing else, and
  // a customer-managed key would add a key policy and a KMS call per object for no extra control.
  encryption: BucketEncryption.S3_MANAGED,
  // Nothing in this stack is ever public.
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  // ACLs off: the bucket policy alone decides who reads an object.
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
  // Refuses plain-HTTP requests (cdk-nag AwsSolutions-S10).
  enforceSSL: true,
  // Uploads may not be ingested yet and logs are evidence: deleting the stack must not delete them.
  removalPolicy: RemovalPolicy.RETAIN,
} as const satisfies BucketProps;

/** The ingest queue and its dead-letter queue. */
export const QUEUE_DEFAULTS = {
  // SSE-SQS, not KMS: S3 event notifications cannot publish to a queue under the AWS-managed aws/sqs key,
  // and a customer-managed key would only add cost and a key policy.
  encryption: QueueEncryption.SQS_MANAGED,
  // Refuses plain-HTTP requests (cdk-nag AwsSolutions-SQS4).
  enforceSSL: true,
} as const satisfies QueueProps;

/** The customer-managed keys of the SNS topics (the alarm and findings topics). */
export const TOPIC_KEY_DEFAULTS = {
  // Yearly rotation at no extra cost (cdk-nag AwsSolutions-KMS5).
  enableKeyRotation: true,
  // The key only protects messages in flight: nothing stored needs it after the topic is gone.
  removalPolicy: RemovalPolicy.DESTROY,
  // The shortest wait KMS allows: a deleted stack leaves no key behind for longer than a week.
  pendingWindow: Duration.days(7),
} as const satisfies KeyProps;

/** Both SNS topics, encrypted with their own key (`TOPIC_KEY_DEFAULTS`). */
export const topicDefaults = (masterKey: IKey) =>
  ({
    // cdk-nag AwsSolutions-SNS2 wants the topic encrypted; CloudWatch alarms cannot publish under aws/sns.
    masterKey,
    // Refuses plain-HTTP publishing (cdk-nag AwsSolutions-SNS3).
    enforceSSL: true,
  }) as const satisfies TopicProps;
