import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { backoffDelay } from '../retry';

/** SendMessageBatch takes at most 10 entries. */
const ENTRIES_PER_REQUEST = 10;
const ATTEMPTS = 5;

/** The SQS client, created once per process; only the sweep's coordinator imports this module. */
export const sqsClient = (): SQSClient => new SQSClient({});

/**
 * Sends the sweep's member batches to its SQS queue with SendMessageBatch, ten to a request. Entries SQS
 * failed on its side are sent again with backoff; a sender fault is a bug and is thrown. Throttling and 5xx
 * answers are retried by the SDK itself, then fail the invocation (EventBridge retries it).
 */
export class SqsBatchSink {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async send(batches: readonly (readonly string[])[]): Promise<void> {
    for (let start = 0; start < batches.length; start += ENTRIES_PER_REQUEST) {
      let entries = batches
        .slice(start, start + ENTRIES_PER_REQUEST)
        .map((memberIds, i) => ({ Id: String(i), MessageBody: JSON.stringify({ memberIds }) }));
      for (let attempt = 0; entries.length > 0; attempt++) {
        if (attempt >= ATTEMPTS) throw new Error(`SQS refused ${entries.length} batch(es) ${ATTEMPTS} times`);
        if (attempt > 0) await this.sleep(backoffDelay({ baseMs: 100, capMs: 2_000, jitter: true }, attempt));
        const result = await this.client.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
        );
        const sender = result.Failed?.find((failure) => failure.SenderFault);
        if (sender) throw new Error(`SQS refused a batch: ${sender.Code} ${sender.Message ?? ''}`);
        const failed = new Set(result.Failed?.map((failure) => failure.Id));
        entries = entries.filter((entry) => failed.has(entry.Id));
      }
    }
  }
}
