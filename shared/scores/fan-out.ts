/**
 * The fan-out's two halves meet here without a queue engine: the sweep's coordinator hands batches to a
 * `BatchSink`; in AWS that is SQS, elsewhere `runFanOut` holds them and feeds the worker. No imports: the local
 * stack and the CLI load it cheaply.
 */

/** Where the coordinator hands its batches (an SQS queue in AWS, an array locally). */
export interface BatchSink {
  send(batches: readonly (readonly string[])[]): Promise<void>;
}

/**
 * The stand-in for the queue where there is none (the local stack, `pillarwatch sweep`, tests): the coordinator
 * runs, then each batch it handed out goes to the worker in turn. The same code as in AWS on either side.
 */
export const runFanOut = async <W extends { members: number; newFindings: number }>(
  coordinate: (sink: BatchSink) => Promise<unknown>,
  work: (memberIds: readonly string[]) => Promise<W>,
): Promise<{ members: number; newFindings: number; batches: number }> => {
  const queued: (readonly string[])[] = [];
  await coordinate({ send: async (batches) => void queued.push(...batches) });
  let members = 0;
  let newFindings = 0;
  for (const batch of queued) {
    const result = await work(batch);
    members += result.members;
    newFindings += result.newFindings;
  }
  return { members, newFindings, batches: queued.length };
};

/**
 * How the sweep is deployed (infra/constructs/sweep.ts), here so the scale benchmark's model reads the same
 * numbers: SQS messages per worker invocation, concurrent worker invocations, and their timeouts.
 */
export const SWEEP_DEPLOYMENT = {
  workerBatchSize: 4,
  workerMaxConcurrency: 20,
  workerTimeoutSeconds: 300,
  coordinatorTimeoutSeconds: 600,
  memorySizeMb: 512,
} as const;
