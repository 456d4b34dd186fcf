import { PublishBatchCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Finding } from '../domain/pillars';

/** Where new findings go. In AWS an SNS topic; locally they are printed. */
export interface FindingPublisher {
  /** False for a publisher that sends nothing: its findings stay pending for the daily sweep to publish. */
  readonly delivers: boolean;
  publish(findings: readonly Finding[]): Promise<void>;
}

/** The teams of a member, for routing alerts by team (the membership store answers it). */
export type TeamsOfMember = (memberId: string) => Promise<readonly string[]>;

/**
 * SNS message attributes, so a subscription's filter policy routes alerts by member, team or type (e.g. a
 * team's manager subscribes with `{"teamId": ["sales-emea"]}`). `teamId` is the member's teams, as a
 * String.Array (a filter on one team matches a member of several); absent when the member is in no team.
 */
export const messageAttributesOf = (finding: Finding, teams: readonly string[] = []) => ({
  memberId: { DataType: 'String', StringValue: finding.memberId },
  type: { DataType: 'String', StringValue: finding.type },
  ...(teams.length > 0 ? { teamId: { DataType: 'String.Array', StringValue: JSON.stringify(teams) } } : {}),
});

export const subjectOf = (finding: Finding): string =>
  `pillarwatch: ${finding.type} ${finding.pillar} for ${finding.memberId} (${finding.from} – ${finding.to})`;

const SNS_BATCH = 10;

/** Publishes each new finding as one SNS message (JSON body, readable subject for e-mail subscribers). */
export class SnsFindingPublisher implements FindingPublisher {
  readonly delivers = true;

  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
    private readonly teamsOf: TeamsOfMember = async () => [],
  ) {}

  async publish(findings: readonly Finding[]): Promise<void> {
    const teams = new Map<string, readonly string[]>();
    for (const memberId of new Set(findings.map((f) => f.memberId))) {
      teams.set(memberId, await this.teamsOf(memberId));
    }
    for (let i = 0; i < findings.length; i += SNS_BATCH) {
      const batch = findings.slice(i, i + SNS_BATCH);
      const result = await this.client.send(
        new PublishBatchCommand({
          TopicArn: this.topicArn,
          PublishBatchRequestEntries: batch.map((finding, j) => ({
            Id: String(i + j),
            // SNS subjects: ASCII, at most 100 characters.
            Subject: subjectOf(finding)
              .replace(/[^\x20-\x7e]/g, '-')
              .slice(0, 100),
            Message: JSON.stringify(finding),
            MessageAttributes: messageAttributesOf(finding, teams.get(finding.memberId)),
          })),
        }),
      );
      if (result.Failed && result.Failed.length > 0) {
        throw new Error(
          `SNS refused ${result.Failed.length} finding message(s): ${result.Failed[0]?.Message ?? ''}`,
        );
      }
    }
  }
}

/**
 * Sends nothing: without a topic (local stack), and in the API function, which keeps the SNS client out of
 * its bundle; its new findings are published by the next daily sweep.
 */
export const noPublisher: FindingPublisher = { delivers: false, publish: async () => {} };
