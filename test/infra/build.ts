import { readFileSync } from 'node:fs';
import type { App } from 'aws-cdk-lib';
import { createPillarwatchApp } from '../../infra/pillarwatch-app';
import type { PillarwatchStack } from '../../infra/stack';

/** The feature flags `cdk synth` gets from cdk.json, so tests see the same template as the CLI. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/**
 * Builds the real app with bundling skipped (`aws:cdk:bundling-stacks: []`): the functions get a
 * placeholder asset instead of an esbuild run, which keeps the template tests fast.
 */
export function buildTestApp(context: Record<string, unknown> = {}): { app: App; stack: PillarwatchStack } {
  return createPillarwatchApp({
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context },
  });
}
