import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseThresholds } from '../shared/config/thresholds';
import { PillarwatchStack } from './stack';

export const STACK_NAME = 'Pillarwatch';
export const DEFAULT_STAGE = 'dev';
export const DEFAULT_RAW_RETENTION_DAYS = 30;

/**
 * Builds the CDK app: the one stack, configured from context (`-c stage=prod -c rawRetentionDays=14
 * -c apiExecutionLogs=true -c alertEmail=ops@example.com -c findingsEmail=lead@example.com
 * -c thresholds='{"staleDays":21}'`), with cdk-nag's AwsSolutions pack as a
 * synthesis-time validation plugin.
 * Separate from `app.ts` so tests build exactly what `cdk synth` builds.
 */
export function createPillarwatchApp(props?: AppProps): { app: App; stack: PillarwatchStack } {
  const app = new App(props);
  const stage = stringContext(app, 'stage') ?? DEFAULT_STAGE;
  if (!/^[A-Za-z0-9_]+$/.test(stage)) throw new Error(`context stage must be alphanumeric, got "${stage}"`);
  const rawRetentionDays = positiveIntegerContext(app, 'rawRetentionDays') ?? DEFAULT_RAW_RETENTION_DAYS;
  const apiExecutionLogs = String(app.node.tryGetContext('apiExecutionLogs') ?? 'false') === 'true';
  const alertEmail = stringContext(app, 'alertEmail');
  if (alertEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alertEmail)) {
    throw new Error(`context alertEmail must be an e-mail address, got "${alertEmail}"`);
  }

  const findingsEmail = stringContext(app, 'findingsEmail');
  if (findingsEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(findingsEmail)) {
    throw new Error(`context findingsEmail must be an e-mail address, got "${findingsEmail}"`);
  }
  // Same validation the functions apply at start-up, so a bad value fails the synth, not the deployment.
  // It loads zod and the findings defaults only: the synth never loads the AWS SDK.
  const thresholds = stringContext(app, 'thresholds');
  if (thresholds !== undefined) parseThresholds(thresholds);

  const authMode = stringContext(app, 'authMode') ?? 'iam';
  if (authMode !== 'iam' && authMode !== 'cognito') {
    throw new Error(`context authMode must be iam or cognito, got "${authMode}"`);
  }

  const stack = new PillarwatchStack(app, STACK_NAME, {
    authMode,
    findingsEmail,
    thresholds,
    stage,
    rawRetentionDays,
    apiExecutionLogs,
    alertEmail,
    description: `pillarwatch (${stage}): LinkedIn export ingest and activity API`,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

function stringContext(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined ? undefined : String(value);
}

/** Context from the command line arrives as a string; from cdk.json it may be a number. */
function positiveIntegerContext(app: App, key: string): number | undefined {
  const value = stringContext(app, key);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new Error(`context ${key} must be a positive whole number of days, got "${value}"`);
  }
  return parsed;
}
