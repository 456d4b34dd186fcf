import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Construct } from 'constructs';
import { Api } from './constructs/api';
import { Findings } from './constructs/findings';
import { Ingest } from './constructs/ingest';
import { Monitoring } from './constructs/monitoring';
import { Storage } from './constructs/storage';
import { Sweep } from './constructs/sweep';
import { WebApp } from './constructs/web-app';

export interface PillarwatchStackProps extends StackProps {
  /** Deployment stage (`dev`, `prod`, …): the API stage name and a tag on every resource. */
  stage: string;
  /** Days a raw export stays in the bucket before the lifecycle rule deletes it. */
  rawRetentionDays: number;
  /** Opt-in API Gateway execution logs (takes over the account-wide API Gateway CloudWatch role). */
  apiExecutionLogs?: boolean;
  /** Subscribed to the alarm topic by e-mail when given. */
  alertEmail?: string;
  /** Subscribed to the findings topic by e-mail when given. */
  findingsEmail?: string;
  /** API authentication: `iam` (default, SigV4) or `cognito` (a user pool; members see their own data). */
  authMode?: 'iam' | 'cognito';
  /** Finding thresholds as `PILLARWATCH_THRESHOLDS` JSON (context `thresholds`), validated. */
  thresholds?: string;
}

/** The whole deployment: storage, the upload → queue → ingest path, the read API, alarms and a dashboard. */
export class PillarwatchStack extends Stack {
  public readonly storage: Storage;
  public readonly ingest: Ingest;
  public readonly api: Api;
  public readonly monitoring: Monitoring;
  public readonly findings: Findings;
  public readonly sweep: Sweep;
  /** Cognito mode: the signed-in web app on CloudFront. */
  public readonly webApp?: WebApp;

  public constructor(scope: Construct, id: string, props: PillarwatchStackProps) {
    super(scope, id, props);
    Tags.of(this).add('project', 'pillarwatch');
    Tags.of(this).add('stage', props.stage);

    this.storage = new Storage(this, 'Storage', { rawRetentionDays: props.rawRetentionDays });
    this.ingest = new Ingest(this, 'Ingest', { bucket: this.storage.bucket, table: this.storage.table });
    this.api = new Api(this, 'Api', {
      table: this.storage.table,
      bucket: this.storage.bucket,
      stageName: props.stage,
      executionLogs: props.apiExecutionLogs ?? false,
      authMode: props.authMode,
    });

    this.sweep = new Sweep(this, 'Sweep', { table: this.storage.table });
    this.findings = new Findings(this, 'Findings', {
      table: this.storage.table,
      publishers: [this.ingest.function, this.sweep.worker],
      evaluators: [this.api.function, this.sweep.coordinator],
      thresholds: props.thresholds,
      findingsEmail: props.findingsEmail,
    });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      ingest: this.ingest,
      api: this.api,
      alertEmail: props.alertEmail,
    });

    this.sweep.deadLetterAlarm.addAlarmAction(new SnsAction(this.monitoring.alarmTopic));

    new CfnOutput(this, 'BucketName', {
      value: this.storage.bucket.bucketName,
      description: 'Upload exports to s3://<bucket>/exports/<memberId>/<file>.zip',
    });
    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'ApiUrl', { value: this.api.restApi.url, description: 'IAM (SigV4) authorised' });
    new CfnOutput(this, 'IngestQueueName', { value: this.ingest.queue.queueName });
    new CfnOutput(this, 'IngestDeadLetterQueueName', { value: this.ingest.deadLetterQueue.queueName });
    new CfnOutput(this, 'SweepDeadLetterQueueName', { value: this.sweep.deadLetterQueue.queueName });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.monitoring.alarmTopic.topicArn,
      description: 'Every alarm notifies this topic; subscribe more endpoints to it',
    });
    new CfnOutput(this, 'FindingsTopicArn', {
      value: this.findings.topic.topicArn,
      description: 'Every new STALE / DIVERGENT / RECALCULATION finding is published here',
    });
    if (this.api.userPool && this.api.tokenVerifier) {
      this.webApp = new WebApp(this, 'WebApp', {
        restApi: this.api.restApi,
        stageName: props.stage,
        userPool: this.api.userPool,
        uploadBucket: this.storage.bucket,
        accessLogsBucket: this.storage.accessLogsBucket,
      });
      this.api.tokenVerifier.acceptTokensFrom(this.webApp.client);
      new CfnOutput(this, 'WebAppUrl', {
        value: this.webApp.url,
        description: 'Open in a browser and sign in (Cognito hosted UI)',
      });
    }
    if (this.api.userPool) {
      new CfnOutput(this, 'UserPoolId', {
        value: this.api.userPool.userPoolId,
        description: "Create users named by member id; add team leads to the 'managers' group",
      });
    }
    new CfnOutput(this, 'DashboardUrl', { value: this.monitoring.dashboardUrl() });
  }
}
