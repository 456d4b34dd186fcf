import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { backoffDelay } from '../shared/retry';
import { UPLOAD_TRIGGERS } from '../shared/store/layout';
import { LOCAL_REGION } from './aws-env';

/** The part of an S3 event notification record the router reads (s3rver and AWS both send more). */
export interface S3NotificationRecord {
  eventName: string;
  s3: {
    bucket: { name: string };
    object: { key: string; [field: string]: unknown };
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

export interface S3Notification {
  Records: S3NotificationRecord[];
}

/** An ObjectCreated event for a key under one of the filters (keys here are raw, as s3rver emits them). */
export function matchesNotificationFilter(record: S3NotificationRecord): boolean {
  if (!record.eventName.startsWith('ObjectCreated:')) return false;
  const key = record.s3.object.key;
  return UPLOAD_TRIGGERS.some(({ prefix }) => key.startsWith(prefix));
}

/**
 * Encodes an object key the way S3 writes it into event notifications: form-URL-encoding (space as `+`,
 * `+` as `%2B`, `(`, `)` and the like percent-encoded) with `/` left as is. s3rver emits raw keys, so the
 * local router does this to give the handler exactly what AWS gives it.
 */
export function encodeS3EventKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+'),
    )
    .join('/');
}

/** One S3 notification record, wrapped the way SQS delivers an S3 → SQS notification to Lambda. */
export function toSqsRecord(
  record: S3NotificationRecord,
  receiveCount: number,
  messageId: string,
): SQSRecord {
  const notification = {
    Records: [
      {
        ...record,
        s3: { ...record.s3, object: { ...record.s3.object, key: encodeS3EventKey(record.s3.object.key) } },
      },
    ],
  };
  const now = Date.now().toString();
  return {
    messageId,
    receiptHandle: `local-${messageId}-${receiveCount}`,
    body: JSON.stringify(notification),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: now,
      SenderId: 'AIDAS3NOTIFICATIONS',
      ApproximateFirstReceiveTimestamp: now,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${LOCAL_REGION}:000000000000:pillarwatch-local-ingest`,
    awsRegion: LOCAL_REGION,
  };
}

export interface Delivery {
  record: SQSRecord;
  /** `failed` ⇒ reported in batchItemFailures (or the handler threw) and will be redelivered or dead-lettered. */
  outcome: 'ok' | 'failed';
}

export interface S3EventRouterOptions {
  handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
  /** Dead letters go to `<deadLetterDir>/dead-letters.jsonl`; undefined ⇒ only the warning is printed. */
  deadLetterDir?: string;
  /** Receives before a message is dead-lettered, like the queue's redrive policy. */
  maxReceives?: number;
  /** Delay before the n-th redelivery: `backoffMs * 2^(n-1)`. */
  backoffMs?: number;
  warn?: (message: string) => void;
}

export interface S3EventRouter {
  /** Feed it the S3 server's events (`parts.onS3Event(router.route)`). */
  route(notification: S3Notification): void;
  /** Resolves once nothing is queued, running or waiting for a redelivery. */
  whenIdle(): Promise<void>;
  /** Every delivery so far, in order (tests look at the exact SQS shape). */
  readonly deliveries: readonly Delivery[];
  /** Stops redelivery timers; queued messages are dropped, like a local queue being deleted. */
  close(): void;
}

interface QueuedMessage {
  messageId: string;
  record: S3NotificationRecord;
  receives: number;
}

/**
 * A local stand-in for S3 → SQS → Lambda: one message at a time (a serial queue, so the local log reads in
 * order), redelivery with backoff for the items the handler reports as failed, and a dead-letter file after
 * `maxReceives`, as the queue's redrive policy does in AWS.
 */
export function createS3EventRouter(options: S3EventRouterOptions): S3EventRouter {
  const maxReceives = options.maxReceives ?? 5;
  const backoffMs = options.backoffMs ?? 500;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const queue: QueuedMessage[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const deliveries: Delivery[] = [];
  let running = false;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const isIdle = () => !running && queue.length === 0 && timers.size === 0;
  const settleIdle = () => {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const deliver = async (message: QueuedMessage): Promise<void> => {
    message.receives += 1;
    const record = toSqsRecord(message.record, message.receives, message.messageId);
    let failed: boolean;
    try {
      const response = await options.handler({ Records: [record] });
      failed = (response?.batchItemFailures ?? []).some((item) => item.itemIdentifier === message.messageId);
    } catch (error) {
      // A throwing handler fails the whole batch in AWS as well.
      failed = true;
      warn(`Ingest handler threw for ${message.record.s3.object.key}: ${(error as Error)?.message ?? error}`);
    }
    deliveries.push({ record, outcome: failed ? 'failed' : 'ok' });
    if (!failed || closed) return;
    if (message.receives >= maxReceives) {
      await deadLetter(message, record);
      return;
    }
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        if (closed) return settleIdle();
        queue.push(message);
        void pump();
      },
      backoffDelay(
        { baseMs: backoffMs, capMs: Number.POSITIVE_INFINITY, jitter: false },
        message.receives - 1,
      ),
    );
    timers.add(timer);
  };

  const deadLetter = async (message: QueuedMessage, record: SQSRecord): Promise<void> => {
    const where = options.deadLetterDir ? join(options.deadLetterDir, 'dead-letters.jsonl') : undefined;
    if (where && options.deadLetterDir) {
      await mkdir(options.deadLetterDir, { recursive: true });
      await appendFile(where, `${JSON.stringify({ deadLetteredAt: new Date().toISOString(), ...record })}\n`);
    }
    warn(
      `Dead-lettered ${message.record.s3.object.key} after ${message.receives} failed deliveries` +
        (where ? ` (see ${where})` : ''),
    );
  };

  const pump = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      for (let next = queue.shift(); next && !closed; next = queue.shift()) await deliver(next);
    } finally {
      running = false;
      settleIdle();
    }
  };

  return {
    route(notification) {
      if (closed) return;
      for (const record of notification.Records ?? []) {
        if (matchesNotificationFilter(record)) queue.push({ messageId: randomUUID(), record, receives: 0 });
      }
      void pump();
    },
    whenIdle() {
      if (isIdle()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    deliveries,
    close() {
      closed = true;
      queue.length = 0;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      settleIdle();
    },
  };
}
