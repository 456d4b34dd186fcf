import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/parts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** DynamoDB Local shared by the whole integration run (in memory, table created). */
    dynamoEndpoint: string;
    tableName: string;
  }
}

/**
 * Global setup of the `integration` project: one DynamoDB Local (a JVM that takes seconds to start) for the
 * whole run, handed to the test workers with `provide`/`inject`.
 *
 * The S3 server is not shared from here on purpose: s3rver reports uploads as in-process events, and the
 * tests run in forked workers, so each test file starts its own (it takes milliseconds) next to its event
 * router — see `useLocalStack()` in `test/support/local-stack.ts`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The SDK's "Node 22 needed from 2027" notice is about Lambda's runtime, not the local Node 20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamo = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('tableName', dynamo.tableName);
  return () => dynamo.stop();
}
