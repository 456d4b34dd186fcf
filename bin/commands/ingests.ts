import { formatManifest, manifestsFromResponse } from '../../local/format';
import { memberOf } from '../cli/args';
import { connect, memberPath } from '../cli/client';
import type { Command } from '../cli/command';
import { printJson } from '../cli/output';

export const ingests: Command = {
  name: 'ingests',
  synopsis: 'ingests --member <id>',
  summary: 'ingest manifests from the local API, newest first',
  usage: 'ingests --member <id> [--json] [--data-dir <dir>]',
  help: `The member's ingest manifests, newest first, from the local API.
`,
  flags: { member: { type: 'string' } },
  async run({ flags, output }) {
    const member = memberOf(flags);
    const stack = await connect(flags, member);
    const body = await stack.getJson(memberPath(member, '/ingests'));
    if (flags.json) {
      printJson(output, body);
      return 0;
    }
    const manifests = manifestsFromResponse(body);
    if (manifests.length === 0) output.stdout(`No ingests for ${member} yet.\n`);
    for (const manifest of manifests) output.stdout(`${formatManifest(manifest).join('\n')}\n\n`);
    return 0;
  },
};
