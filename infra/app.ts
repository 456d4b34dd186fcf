import { createPillarwatchApp } from './pillarwatch-app';

// `cdk synth` / `cdk deploy` entry point (cdk.json: `npx tsx infra/app.ts`); the CLI triggers synthesis.
createPillarwatchApp();
