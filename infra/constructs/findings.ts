import { Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config/env';
import { TOPIC_KEY_DEFAULTS, topicDefaults } from '../defaults';
import type { ProjectFunction } from './project-function';

export interface FindingsProps {
  table: ITable;
  /** Functions that evaluate and publish findings (ingest, the sweep's worker): the topic and the thresholds. */
  publishers: ProjectFunction[];
  /** Functions that evaluate but leave publishing to the sweep (API, the sweep's coordinator): the thresholds only. */
  evaluators: ProjectFunction[];
  /** `PILLARWATCH_THRESHOLDS` JSON (validated by the caller), or undefined for the defaults. */
  thresholds?: string;
  /** Subscribed to new findings by e-mail when given. */
  findingsEmail?: string;
}

/**
 * Where findings go: an encrypted SNS topic every new finding is published to by the functions that evaluate
 * and publish (the daily sweep itself lives in `sweep.ts`).
 */
export class Findings extends Construct {
  public readonly topic: Topic;

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

    if (props.thresholds)
      for (const fn of props.evaluators) fn.addEnvironment(ENV.thresholds, props.thresholds);
    for (const fn of props.publishers) {
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
