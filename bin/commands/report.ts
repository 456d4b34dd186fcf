import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatBytes } from '../../local/format';
import { DAY_RANGE_FLAGS, dayQuery, memberOf } from '../cli/args';
import { connect, memberPath } from '../cli/client';
import type { Command } from '../cli/command';
import { langOf } from './plan';

export const report: Command = {
  name: 'report',
  synopsis: 'report --member <id> [--out f.html]',
  summary: "write the member's report page (chart, findings, latest ingest)",
  usage:
    'report --member <id> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--lang en|de|pl] [--out <file.html>] [--data-dir <dir>]',
  help: `Writes the member's report page (a self-contained HTML file: chart of estimates and official readings with
STALE spans shaded, the findings with what to do, what moved the score, what to do next, how steady the member
is, and the latest ingest in words) to --out (default report-<id>.html) and prints its path; open it in any
browser. Default range: the last 365 days (a range given is also What moved's). --lang: en (default), de or pl.
`,
  flags: {
    member: { type: 'string' },
    ...DAY_RANGE_FLAGS,
    out: { type: 'string' },
    lang: { type: 'string' },
  },
  async run({ flags, output }) {
    const member = memberOf(flags);
    const query = dayQuery(flags);
    query.set('lang', langOf(flags));
    const stack = await connect(flags, member);
    const page = await stack.getText(memberPath(member, `/report?${query}`));
    const out = resolve(typeof flags.out === 'string' ? flags.out : `report-${member}.html`);
    await writeFile(out, page);
    output.stdout(
      `Report written to ${out} (${formatBytes(Buffer.byteLength(page))}); open it in a browser.\n`,
    );
    return 0;
  },
};
