import { formatBytes } from '../../local/format';

/**
 * Where a command writes. stdout holds the result only: human text, or with --json exactly one JSON
 * document; progress and notes go to stderr so `--json | jq` keeps working.
 */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal: progress then redraws one line instead of printing its last state. */
  interactive: boolean;
}

export const processOutput: Output = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
};

/** The `--json` answer: one pretty-printed document and a newline. */
export function printJson(output: Output, value: unknown): void {
  output.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Left-aligned columns, two spaces apart, under a header. */
export const alignedTable = (header: string[], rows: string[][]): string[] => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  return [header, ...rows].map((cells) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
};

/** A byte-progress line on stderr (`label: 42% (1.2 MiB of 2.9 MiB)`); `done` ends it. */
export function progressLine(output: Output, label: string) {
  let last = '';
  return {
    update: (sent: number, total: number) => {
      const line = `${label}: ${total ? Math.floor((100 * sent) / total) : 100}% (${formatBytes(sent)} of ${formatBytes(total)})`;
      if (output.interactive && line !== last) output.stderr(`\r${line}`);
      last = line;
    },
    done: () => {
      if (output.interactive && last) output.stderr('\n');
      else if (last) output.stderr(`${last}\n`);
    },
  };
}
