/**
 * The `els` command: check, parse and format ELS files. The only module of the package that
 * touches Node (files, stdin, exit codes). `bin/els.js` runs it bundled into `dist/cli.js`.
 */

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { format, parse, validate } from './index.js';
import type { Diagnostic, ParseOptions } from './index.js';

const USAGE = `Usage: els <command> [options] FILE...

Commands:
  check FILE...   print every error and warning as "file:line:col: severity code message";
                  exit 1 if any file has an error
  parse FILE      print the parse() result as JSON (--json, the only output format);
                  exit 1 if the script has errors
  format FILE     print the script as canonical ELS; exit 1, with the diagnostics on stderr,
                  if it does not parse

Options:
  --characters a,b,c        the known character names (default: any well-formed name)
  --default-character NAME  the speaker when [META] has no default_character
  --json                    JSON output (parse)
  -h, --help                show this help

A FILE of "-" reads standard input. Exit status 2 on a usage error or an unreadable file.
`;

/** Exit statuses. */
const OK = 0;
const INVALID = 1;
const USAGE_ERROR = 2;

class UsageError extends Error {}

interface Source {
  name: string;
  text: string;
}

/** The one-line message for a file that cannot be read. */
function unreadable(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'it is a directory',
    EACCES: 'permission denied',
  };
  const reason =
    (code === undefined ? undefined : reasons[code]) ??
    (error instanceof Error ? error.message : String(error));
  return `els: cannot read ${file}: ${reason}`;
}

async function readSource(file: string): Promise<Source | string> {
  try {
    if (file !== '-') return { name: file, text: await readFile(file, 'utf8') };
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { name: '<stdin>', text: Buffer.concat(chunks).toString('utf8') };
  } catch (error) {
    return unreadable(file, error);
  }
}

function line(name: string, diagnostic: Diagnostic): string {
  const { line, column, severity, code, message } = diagnostic;
  return `${name}:${line}:${column}: ${severity} ${code} ${message}\n`;
}

function readArguments(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      characters: { type: 'string' },
      'default-character': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const options: ParseOptions = {};
  if (values.characters !== undefined) {
    options.characters = values.characters
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  }
  if (values['default-character'] !== undefined) {
    options.defaultCharacter = values['default-character'];
  }
  const [command, ...files] = positionals;
  return { help: values.help === true, command, files, options };
}

async function main(argv: string[]): Promise<number> {
  let invocation: ReturnType<typeof readArguments>;
  try {
    invocation = readArguments(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { help, command, files, options } = invocation;
  if (help) {
    process.stdout.write(USAGE);
    return OK;
  }
  if (command === undefined) throw new UsageError('missing command');
  if (!['check', 'parse', 'format'].includes(command)) {
    throw new UsageError(`unknown command "${command}"`);
  }
  if (files.length === 0) throw new UsageError(`${command} needs a FILE`);
  if (command !== 'check' && files.length > 1) {
    throw new UsageError(`${command} takes one FILE`);
  }

  if (command === 'check') {
    let status = OK;
    for (const file of files) {
      const source = await readSource(file);
      if (typeof source === 'string') {
        process.stderr.write(`${source}\n`);
        status = USAGE_ERROR;
        continue;
      }
      const result = validate(source.text, options);
      for (const diagnostic of result.diagnostics)
        process.stdout.write(line(source.name, diagnostic));
      if (!result.ok && status === OK) status = INVALID;
    }
    return status;
  }

  const source = await readSource(files[0] as string);
  if (typeof source === 'string') {
    process.stderr.write(`${source}\n`);
    return USAGE_ERROR;
  }
  const result = parse(source.text, options);
  if (command === 'parse') {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result.ok ? OK : INVALID;
  }
  for (const diagnostic of result.diagnostics) process.stderr.write(line(source.name, diagnostic));
  if (!result.ok) return INVALID;
  process.stdout.write(format(result.script));
  return OK;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`els: ${error.message} (see els --help)\n`);
  process.exitCode = USAGE_ERROR;
}
