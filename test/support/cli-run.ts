import { runCli } from '../../bin/cli/dispatch';
import type { Output } from '../../bin/cli/output';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `pillarwatch …` in process (the dispatcher the bin runs), capturing what it writes to stdout and stderr. */
export async function runCliCapturing(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const output: Output = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    interactive: false,
  };
  const code = await runCli([...argv], output);
  return { code, stdout, stderr };
}
