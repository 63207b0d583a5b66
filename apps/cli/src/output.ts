/** Where commands write: human text on stdout, or one JSON document with `--json`; progress on stderr. */

export interface Output {
  json: boolean;
  /** The command's result: `human` unless `--json`, then `data` as JSON. */
  result(human: string, data: unknown): void;
  /** Progress and notes for people; never mixed into stdout. */
  note(text: string): void;
  /** Redraws one status line in a terminal, prints it as a line elsewhere. */
  status(text: string): void;
  endStatus(): void;
}

export function createOutput(json: boolean, stream: NodeJS.WriteStream = process.stderr): Output {
  let statusShown = false;
  let lastPlain = '';
  return {
    json,
    result(human, data) {
      process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`);
    },
    note(text) {
      stream.write(`${text}\n`);
    },
    status(text) {
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${text}`);
        statusShown = true;
      } else if (text !== lastPlain) {
        stream.write(`${text}\n`);
        lastPlain = text;
      }
    },
    endStatus() {
      if (statusShown) stream.write('\n');
      statusShown = false;
    },
  };
}

export const formatSeconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** Left-aligned columns, as `ls -l` would. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
