import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config/env';
import { TOPIC_KEY_DEFAULTS, topicDefaults } from '../defaults';
import { ProjectFunction } from './project-function';

export interface FindingsProps {
  table: ITable;
  /** Functions that evaluate and publish findings (ingest): the topic and the thresholds. */
  publishers: ProjectFunction[];
  /** Functions that evaluate but leave publishing to the sweep (API): the thresholds only. */
  evaluators: ProjectFunction[];
  /** `PILLARWATCH_THRESHOLDS` JSON (validated by the caller), or undefined for the defaults. */
  thresholds?: string;
  /** Subscribed to new findings by e-mail when given. */
  findingsEmail?: string;
}

/**
 * Where findings go: an encrypted SNS topic every new finding is published to, and the daily sweep that
 * evaluates cross-member RECALCULATION and members without new uploads.
 */
export class Findings extends Construct {
  public readonly topic: Topic;
  public readonly sweep: ProjectFunction;

  public constructor(scope: Construct, id: string, props: FindingsProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the pillarwatch findings topic',
      ...TOPIC_KEY_DEFAULTS,
    });
    this.topic = new Topic(this, 'Topic', {
      displayName: 'pillarwatch findings',
      ...topicDefaults(key),
    });
    if (props.findingsEmail) this.topic.addSubscription(new EmailSubscription(props.findingsEmail));

    this.sweep = new ProjectFunction(this, 'Sweep', {
      function: 'sweep',
      description: 'Daily: RECALCULATION across members, STALE/DIVERGENT for members without new uploads',
      memorySize: 512,
      timeout: Duration.minutes(10),
    }).bindTable(props.table, 'readWrite');
    new Rule(this, 'Daily', {
      description: 'Runs the findings sweep once a day',
      schedule: Schedule.cron({ hour: '6', minute: '0' }),
      targets: [new LambdaFunction(this.sweep, { retryAttempts: 2 })],
    });

    if (props.thresholds)
      for (const fn of props.evaluators) fn.addEnvironment(ENV.thresholds, props.thresholds);
    for (const fn of [...props.publishers, this.sweep]) {
      fn.addEnvironment(ENV.findingsTopicArn, this.topic.topicArn);
      if (props.thresholds) fn.addEnvironment(ENV.thresholds, props.thresholds);
      this.topic.grantPublish(fn);
      if (fn.role) {
        Validations.of(fn.role).acknowledge({
          id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
          reason:
            'Publishing to the encrypted findings topic needs kms:GenerateDataKey* (all its variants); the grant is ' +
            'limited to the topic key alone.',
        });
      }
    }
  }
}
