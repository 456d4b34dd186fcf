import { SignatureV4 } from '@smithy/signature-v4';
import { environmentCredentials } from '../config/clients';
import type { SweepQueueConfig } from '../config/sweep-config';
import { backoffDelay } from '../retry';
import { NodeSha256 } from './presign';

/** SendMessageBatch takes at most 10 entries. */
const ENTRIES_PER_REQUEST = 10;
const ATTEMPTS = 5;

interface SendMessageBatchResult {
  Successful?: { Id: string }[];
  Failed?: { Id: string; SenderFault: boolean; Code: string; Message?: string }[];
}

/**
 * Sends the sweep's member batches to its SQS queue: SendMessageBatch over SQS's JSON protocol, signed with
 * SigV4 (the signer the uploads' presigning already bundles), so the coordinator carries no SQS client.
 * Entries SQS failed on its side are sent again with backoff; a sender fault is a bug and is thrown.
 */
export class SqsBatchSink {
  private readonly signer: SignatureV4;
  private readonly endpoint: URL;

  constructor(
    private readonly config: SweepQueueConfig,
    private readonly fetcher: typeof fetch = fetch,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.endpoint = new URL(`https://sqs.${config.region}.amazonaws.com/`);
    this.signer = new SignatureV4({
      service: 'sqs',
      region: config.region,
      sha256: NodeSha256,
      credentials: async () => {
        const credentials = environmentCredentials();
        if (!credentials) throw new Error('AWS credentials are not in the environment');
        return credentials;
      },
    });
  }

  async send(batches: readonly (readonly string[])[]): Promise<void> {
    for (let start = 0; start < batches.length; start += ENTRIES_PER_REQUEST) {
      let entries = batches
        .slice(start, start + ENTRIES_PER_REQUEST)
        .map((memberIds, i) => ({ Id: String(i), MessageBody: JSON.stringify({ memberIds }) }));
      for (let attempt = 0; entries.length > 0; attempt++) {
        if (attempt >= ATTEMPTS) throw new Error(`SQS refused ${entries.length} batch(es) ${ATTEMPTS} times`);
        if (attempt > 0) await this.sleep(backoffDelay({ baseMs: 100, capMs: 2_000, jitter: true }, attempt));
        const result = await this.request({ QueueUrl: this.config.queueUrl, Entries: entries });
        const sender = result.Failed?.find((failure) => failure.SenderFault);
        if (sender) throw new Error(`SQS refused a batch: ${sender.Code} ${sender.Message ?? ''}`);
        const failed = new Set(result.Failed?.map((failure) => failure.Id));
        entries = entries.filter((entry) => failed.has(entry.Id));
      }
    }
  }

  private async request(body: unknown): Promise<SendMessageBatchResult> {
    const signed = await this.signer.sign({
      method: 'POST',
      protocol: 'https:',
      hostname: this.endpoint.hostname,
      path: '/',
      headers: {
        host: this.endpoint.hostname,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.SendMessageBatch',
      },
      body: JSON.stringify(body),
    });
    const response = await this.fetcher(this.endpoint, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body as string,
    });
    const text = await response.text();
    // Throttling and 5xx are transient: the coordinator's invocation fails and EventBridge retries it.
    if (!response.ok)
      throw new Error(`SQS SendMessageBatch answered ${response.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as SendMessageBatchResult;
  }
}
