import { memberOf } from '../cli/args';
import { connect, memberPath } from '../cli/client';
import { CliError, type Command } from '../cli/command';
import { printJson } from '../cli/output';

export const erase: Command = {
  name: 'erase',
  synopsis: 'erase --member <id> --yes',
  summary: 'delete everything stored about a member, uploads included',
  usage: 'erase --member <id> --yes [--json] [--data-dir <dir>]',
  help: `Deletes everything stored about the member (activity, estimates, official readings, findings, ingest
manifests, team membership) and every version of their uploads in the bucket (DELETE /members/{id}).
It cannot be undone, so --yes is required. Prints the counts removed.
`,
  flags: { member: { type: 'string' }, yes: { type: 'boolean' } },
  async run({ flags, output }) {
    const id = memberOf(flags);
    if (!flags.yes) {
      throw new CliError(
        `erase deletes everything stored about ${id} (activity, estimates, readings, findings, ingests, teams and every upload version); add --yes to confirm.`,
        2,
      );
    }
    const stack = await connect(flags, id);
    const body = (await stack.getJson(memberPath(id), undefined, 'DELETE')) as {
      memberId: string;
      items: Record<string, number>;
      objects: number;
      objectVersions: number;
    };
    if (flags.json) {
      printJson(output, body);
      return 0;
    }
    const counts = Object.entries(body.items);
    const items = counts.reduce((sum, [, n]) => sum + n, 0);
    output.stdout(
      `Erased ${body.memberId}: ${items} items (${counts.map(([kind, n]) => `${kind} ${n}`).join(', ')}), ${body.objects} objects (${body.objectVersions} object versions).\n`,
    );
    return 0;
  },
};
