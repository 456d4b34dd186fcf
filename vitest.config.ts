import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** The Chromium tests: their own project, so `--project unit --project integration` times the rest. */
const BROWSER_TESTS = 'test/integration/**/*-browser.test.ts';

/** What every project that talks to DynamoDB Local and the S3 server needs. */
const localStackProject = {
  // One DynamoDB Local and one S3 server for the whole integration run.
  globalSetup: ['test/support/global-setup.ts'],
  testTimeout: 120_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    // One worker per core (vitest's default leaves one core free: on a 2-core machine, one file at a time).
    // Integration files spend much of their time waiting for DynamoDB Local, a spawned stack or Chromium,
    // which run on the other core meanwhile.
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Handlers log one line per ingest; tests assert on manifests, not logs.
    env: {
      POWERTOOLS_LOG_LEVEL: 'WARN',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/infra/**/*.test.ts'],
          // Pure code and mocked clients: a worker imports the SDK, CDK and the domain once and runs file
          // after file in the same module graph (half the unit project's time went to importing them again
          // for every file). Files restore what they patch (process.env, mockClient on a class).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: [BROWSER_TESTS],
          // Isolated on purpose: each file's local stack points the handlers' module-scope SDK clients at
          // its own S3 server before importing them.
          ...localStackProject,
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: [BROWSER_TESTS], ...localStackProject },
      },
    ],
  },
});
