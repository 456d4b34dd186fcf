/**
 * `pillarwatch` — the command line for the local stack (`npm start`) and for looking inside an export offline.
 * The dispatcher is bin/cli/dispatch.ts, the commands live in bin/commands/ (one file each).
 */
import { runCli } from './cli/dispatch';

// The SDK's "Node 22 needed from 2027" notice concerns Lambda's runtime, not this tool.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.exitCode = await runCli(process.argv.slice(2));
