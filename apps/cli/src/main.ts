/**
 * `studio`: the studio from the command line, for people and for scripts. Every command talks to
 * a studio over its typed API (`--server URL` / `STUDIO_URL`, default http://127.0.0.1:3000);
 * `render` and `mcp` start a private one when none is given.
 */
import { parseArgs } from 'node:util';
import { DIALOGUE_MODES, type DialogueMode } from '@studio/audio/facts';
import { createStudioClient, type Connection } from './client.js';
import type { CommandContext } from './commands/context.js';
import { budgetCommand } from './commands/budget.js';
import { exportCommand, LOUDNESS_CHOICES, parseLoudness } from './commands/export.js';
import { lexiconAddCommand, lexiconListCommand, lexiconRemoveCommand } from './commands/lexicon.js';
import { mcpCommand } from './commands/mcp.js';
import { newSessionCommand } from './commands/new.js';
import { qcCommand } from './commands/qc.js';
import { regenerateCommand } from './commands/regenerate.js';
import { renderCommand } from './commands/render.js';
import {
  approveCommand,
  noteCommand,
  parseAt,
  parseReason,
  REASON_CHOICES,
  rejectCommand,
} from './commands/review.js';
import { selectCommand } from './commands/select.js';
import { listSessionsCommand } from './commands/sessions.js';
import { showSessionCommand } from './commands/show.js';
import { loadCliEnv } from './env.js';
import { CliError, toCliError } from './errors.js';
import { createOutput } from './output.js';
import { startPrivateStudio, type PrivateStudio } from './private-studio.js';

const usage = `Usage: studio <command> [options]

Commands:
  sessions                              list sessions, most recent first
  show <session>                        beats, statuses, selected takes, decisions and QC
  qc <session>                          the takes take QC flagged, with where and why
  new FILE.els [--generate] [--wait] [--dialogue-mode ${DIALOGUE_MODES.join('|')}]
                                        create a session (FILE - reads stdin); --wait follows
                                        generation live and exits 0 only if every beat is ready;
                                        --dialogue-mode: beats with several characters on
                                        eleven_v3 as one performance (default) or per segment
  regenerate <session> <beat> [--pace P] [--stability X] [--style X] [--similarity X]
             [--direction TEXT] [--wait]
                                        voice a new take of one beat; old takes are kept
  select <session> <beat> <take>        pick the take that goes into the export
  approve <session> <beat> [take]       approve a take (default: the selected one) and select it
  reject <session> <beat> <take> --reason R [--note TEXT] [--at SECONDS]
                                        reject a take; R is ${REASON_CHOICES}
  note <session> <beat> <take> TEXT [--at SECONDS]
                                        a note on a take, at a time in it when given
  export <session> --out DIR [--loudness ${LOUDNESS_CHOICES}] [--partial] [--approved-only]
         [--allow-flagged]
                                        export the selected takes and download every file
                                        (--approved-only: only beats whose take is approved;
                                        --allow-flagged: even takes that failed QC)
  render FILE.els --out DIR [--loudness …] [--allow-flagged]
                                        the whole job: create, generate, export, download
  budget <session> <credits|none> [--resume]
                                        the credits the session may spend; --resume voices
                                        what a reached budget stopped
  lexicon list <project>                the project's pronunciation lexicon
  lexicon add <project> <word> (--alias TEXT | --ipa PHONEMES | --cmu PHONEMES) [--case-sensitive]
                                        how the voices say a word; voiced beats with it go stale
  lexicon remove <project> <word>       forget a word's pronunciation
  mcp                                   the studio's MCP tools on stdin/stdout, for AI agents
                                        (without a server, a private studio while stdin is open)

  <session> is an id or a unique prefix of it; <beat> its script id (01_hook), number or id;
  <take> its number within the beat (1 = first) or id.

Options:
  --server URL     the studio (default: STUDIO_URL, else http://127.0.0.1:3000;
                   render and mcp without one start a private studio in a temporary folder)
  --token TOKEN    the studio token (default: STUDIO_TOKEN)
  --author NAME    who signs decisions and notes (default: STUDIO_AUTHOR, else "cli")
  --json           print the result as JSON on stdout (progress stays on stderr)
  -h, --help       this help

Exit codes: 0 success, 1 failure (e.g. a beat not ready, a server error), 2 usage error.`;

const options = {
  server: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  generate: { type: 'boolean', default: false },
  wait: { type: 'boolean', default: false },
  out: { type: 'string' },
  loudness: { type: 'string' },
  partial: { type: 'boolean', default: false },
  'approved-only': { type: 'boolean', default: false },
  author: { type: 'string' },
  reason: { type: 'string' },
  note: { type: 'string' },
  at: { type: 'string' },
  'allow-flagged': { type: 'boolean', default: false },
  pace: { type: 'string' },
  stability: { type: 'string' },
  style: { type: 'string' },
  similarity: { type: 'string' },
  direction: { type: 'string' },
  'dialogue-mode': { type: 'string' },
  alias: { type: 'string' },
  ipa: { type: 'string' },
  cmu: { type: 'string' },
  'case-sensitive': { type: 'boolean', default: false },
  resume: { type: 'boolean', default: false },
} as const;

function dialogueMode(value: string | undefined): DialogueMode | undefined {
  if (value === undefined) return undefined;
  const mode = DIALOGUE_MODES.find((m) => m === value);
  if (!mode) {
    throw new CliError('USAGE', `--dialogue-mode must be ${DIALOGUE_MODES.join(' or ')}.`);
  }
  return mode;
}

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw new CliError('USAGE', `--${name} must be a number (got "${value}").`);
  }
  return n;
}

/** Exactly `count` arguments, or `optional` more at most (`<beat> [take]`). */
function positionals(args: string[], count: number, names: string, optional = 0): string[] {
  if (args.length < count || args.length > count + optional) {
    throw new CliError('USAGE', `Expected ${names} (see studio --help).`);
  }
  return args;
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new CliError('USAGE', `--${name} is required.`);
  return value;
}

/** `--loudness -16` reads naturally but parseArgs takes `-16` for a flag: glue it to its option. */
export function normalizeArgs(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (arg.startsWith('--') && !arg.includes('=') && next !== undefined && /^-\d/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else {
      args.push(arg);
    }
  }
  return args;
}

export async function run(argv: string[], env = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: normalizeArgs(argv),
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError('USAGE', `${(error as Error).message.split('\n')[0]} (see studio --help)`);
  }
  const { values, positionals: args } = parsed;
  const [command, ...rest] = args;
  const out = createOutput(values.json);
  if (values.help || command === undefined || command === 'help') {
    out.result(usage, { usage });
    return command === undefined && !values.help ? 2 : 0;
  }

  const cliEnv = loadCliEnv(env);
  let privateStudio: PrivateStudio | undefined;
  const connect = async (allowPrivate: boolean): Promise<Connection> => {
    const url = values.server ?? cliEnv.studioUrl;
    if (url === undefined && allowPrivate) {
      out.note('Starting a private studio (embedded database, temporary folder)…');
      privateStudio = await startPrivateStudio(env);
      return privateStudio.connection;
    }
    return { url: url ?? 'http://127.0.0.1:3000', token: values.token ?? cliEnv.studioToken };
  };
  const author = () => values.author ?? cliEnv.studioAuthor ?? 'cli';
  const context = async (allowPrivate = false): Promise<CommandContext> => {
    const connection = await connect(allowPrivate);
    return { client: createStudioClient(connection), connection, out };
  };

  try {
    switch (command) {
      case 'sessions':
        positionals(rest, 0, 'no arguments');
        return await listSessionsCommand(await context());
      case 'show':
        return await showSessionCommand(
          await context(),
          ...(positionals(rest, 1, '<session>') as [string]),
        );
      case 'qc':
        return await qcCommand(await context(), ...(positionals(rest, 1, '<session>') as [string]));
      case 'new': {
        const [file] = positionals(rest, 1, 'FILE.els');
        const mode = dialogueMode(values['dialogue-mode']);
        return await newSessionCommand(await context(), file!, {
          generate: values.generate,
          wait: values.wait,
          ...(mode === undefined ? {} : { dialogueMode: mode }),
        });
      }
      case 'regenerate': {
        const [session, beat] = positionals(rest, 2, '<session> <beat>');
        const overrides = {
          ...(values.direction !== undefined && { direction: values.direction }),
          ...(values.pace !== undefined && { pace: values.pace.toLowerCase() }),
          ...(values.stability !== undefined && {
            stability: number('stability', values.stability),
          }),
          ...(values.style !== undefined && { style: number('style', values.style) }),
          ...(values.similarity !== undefined && {
            similarityBoost: number('similarity', values.similarity),
          }),
        };
        return await regenerateCommand(await context(), session!, beat!, {
          ...overrides,
          wait: values.wait,
        });
      }
      case 'select': {
        const [session, beat, take] = positionals(rest, 3, '<session> <beat> <take>');
        return await selectCommand(await context(), session!, beat!, take!);
      }
      case 'approve': {
        const [session, beat, take] = positionals(rest, 2, '<session> <beat> [take]', 1);
        const refs = { session: session!, beat: beat!, take };
        return await approveCommand(await context(), refs, author());
      }
      case 'reject': {
        const [session, beat, take] = positionals(rest, 3, '<session> <beat> <take>');
        const reject = {
          reason: parseReason(values.reason),
          note: values.note,
          atMs: parseAt(values.at),
        };
        return await rejectCommand(
          await context(),
          { session: session!, beat: beat!, take: take! },
          reject,
          author(),
        );
      }
      case 'note': {
        const [session, beat, take, text] = positionals(rest, 4, '<session> <beat> <take> TEXT');
        return await noteCommand(
          await context(),
          { session: session!, beat: beat!, take: take! },
          { text: text!, atMs: parseAt(values.at) },
          author(),
        );
      }
      case 'export': {
        const [session] = positionals(rest, 1, '<session>');
        const exportOptions = {
          outDir: required(values.out, 'out'),
          loudness: parseLoudness(values.loudness),
          partial: values.partial,
          approvedOnly: values['approved-only'],
          allowFlagged: values['allow-flagged'],
        };
        return await exportCommand(await context(), session!, exportOptions);
      }
      case 'render': {
        const [file] = positionals(rest, 1, 'FILE.els');
        const exportOptions = {
          outDir: required(values.out, 'out'),
          loudness: parseLoudness(values.loudness),
          partial: false,
          approvedOnly: false,
          allowFlagged: values['allow-flagged'],
        };
        return await renderCommand(await context(true), file!, exportOptions);
      }
      case 'budget': {
        const [session, credits] = positionals(rest, 2, '<session> <credits|none>');
        return await budgetCommand(await context(), session!, credits!, { resume: values.resume });
      }
      case 'lexicon': {
        const [action, ...words] = rest;
        if (action === 'list') {
          const [project] = positionals(words, 1, 'lexicon list <project>');
          return await lexiconListCommand(await context(), project!);
        }
        if (action === 'add') {
          const [project, word] = positionals(words, 2, 'lexicon add <project> <word>');
          return await lexiconAddCommand(await context(), project!, word!, {
            alias: values.alias,
            ipa: values.ipa,
            cmu: values.cmu,
            caseSensitive: values['case-sensitive'],
          });
        }
        if (action === 'remove') {
          const [project, word] = positionals(words, 2, 'lexicon remove <project> <word>');
          return await lexiconRemoveCommand(await context(), project!, word!);
        }
        throw new CliError('USAGE', 'Expected lexicon list|add|remove (see studio --help).');
      }
      case 'mcp':
        positionals(rest, 0, 'no arguments');
        return await mcpCommand(await context(true));
      default:
        throw new CliError('USAGE', `Unknown command "${command}" (see studio --help).`);
    }
  } finally {
    await privateStudio?.stop();
  }
}

export async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  try {
    process.exitCode = await run(process.argv.slice(2));
  } catch (error) {
    const failure = toCliError(error);
    process.stderr.write(`studio: ${failure.message}\n`);
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ error: { code: failure.code, message: failure.message, details: failure.details ?? null } }, null, 2)}\n`,
      );
    }
    process.exitCode = failure.exitCode;
  }
}

// Only when run as a program, so tests can import `run`.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await main();
}
