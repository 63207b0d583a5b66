import { execFile } from 'node:child_process';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { format, parse } from '../src/index.js';
import { CHARACTERS } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const characters = `--characters=${CHARACTERS.join(',')}`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `els` from the package folder as installed, `node bin/els.js …` (the bundled CLI). */
function runEls(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/els.js', ...args],
      { cwd: root },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const DIAGNOSTIC = /^(.+):(\d+):(\d+): (error|warning) ([a-z]+\/[a-z-]+) \S.*$/;

/** `file:line:col severity code` of each output line, which must all be diagnostics. */
function diagnostics(output: string): string[] {
  return output
    .trimEnd()
    .split('\n')
    .map((line) => {
      const match = DIAGNOSTIC.exec(line);
      if (!match) throw new Error(`not a diagnostic line: ${line}`);
      const [, file, row, column, severity, code] = match;
      return `${file}:${row}:${column} ${severity} ${code}`;
    });
}

describe.concurrent('the els command', () => {
  it('check: passes the examples with the six characters, silently', async () => {
    const run = await runEls([
      'check',
      '../../examples/shrinkflation.els',
      '../../examples/rate-cut.els',
      characters,
    ]);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('check: prints every diagnostic as file:line:col, and exits 1 on an error', async () => {
    const run = await runEls([
      'check',
      'test/fixtures/warnings.els',
      'test/fixtures/invalid/broken.els',
    ]);
    expect(run.code).toBe(1);
    expect(diagnostics(run.stdout)).toEqual([
      'test/fixtures/warnings.els:5:1 warning meta/unknown-key',
      'test/fixtures/warnings.els:10:1 warning pause/dangling',
      'test/fixtures/warnings.els:11:1 warning text/bracket',
      'test/fixtures/warnings.els:11:17 warning emphasis/unmatched',
      'test/fixtures/warnings.els:13:1 warning pause/duplicate',
      'test/fixtures/invalid/broken.els:5:8 error beat/invalid-id',
      'test/fixtures/invalid/broken.els:8:8 error pace/unknown',
      'test/fixtures/invalid/broken.els:9:1 error character/missing',
      'test/fixtures/invalid/broken.els:10:1 error tag/unknown',
    ]);
  });

  it('check: exits 0 when there are only warnings', async () => {
    const run = await runEls(['check', 'test/fixtures/warnings.els']);
    expect(run.code).toBe(0);
    expect(diagnostics(run.stdout)).toHaveLength(5);
  });

  it('parse --json: prints the parse() result, with the options applied', async () => {
    const run = await runEls([
      'parse',
      'test/fixtures/warnings.els',
      '--json',
      '--characters',
      'every-coon, wojak',
      '--default-character',
      'wojak',
    ]);
    expect(run.code).toBe(0);
    const expected = parse(read('fixtures/warnings.els'), { characters: ['every-coon', 'wojak'] });
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('parse: exits 1 with the diagnostics when the script has errors', async () => {
    const run = await runEls([
      'parse',
      '--json',
      'test/fixtures/invalid/broken.els',
      '--default-character=fed',
    ]);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { ok: boolean; diagnostics: Array<{ code: string }> };
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(({ code }) => code)).toEqual([
      'beat/invalid-id',
      'pace/unknown',
      'tag/unknown',
    ]);
  });

  it('format: prints canonical ELS, its warnings on stderr', async () => {
    const run = await runEls(['format', 'test/fixtures/warnings.els']);
    expect(run.code).toBe(0);
    const result = parse(read('fixtures/warnings.els'));
    if (!result.ok) throw new Error('fixture must parse');
    expect(run.stdout).toBe(format(result.script));
    expect(diagnostics(run.stderr)).toHaveLength(5);
  });

  it('format: exits 1 with the diagnostics on stderr when the script does not parse', async () => {
    const run = await runEls(['format', 'test/fixtures/invalid/broken.els']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(diagnostics(run.stderr)).toContain(
      'test/fixtures/invalid/broken.els:8:8 error pace/unknown',
    );
  });

  it('reads standard input for a FILE of -', async () => {
    const run = await runEls(['check', '-'], '[META]\nproject: p\n');
    expect(run.code).toBe(1);
    expect(diagnostics(run.stdout)).toEqual([
      '<stdin>:1:1 warning meta/missing-title',
      '<stdin>:1:1 error beat/empty',
    ]);
    const formatted = await runEls(['format', '-'], read('fixtures/spec-example.els'));
    expect(formatted.code).toBe(0);
    expect(formatted.stdout).toContain('[BEAT: 02_boomer]\n');
  });

  it('reports an unreadable file on one line, exit 2, without a stack trace', async () => {
    const missing = await runEls(['check', 'test/fixtures/warnings.els', 'nope.els']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('els: cannot read nope.els: no such file\n');
    expect(diagnostics(missing.stdout)).toHaveLength(5);
    const folder = await runEls(['parse', 'test']);
    expect(folder).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'els: cannot read test: it is a directory\n',
    });
  });

  it.each([
    [[]],
    [['lint', 'a.els']],
    [['check']],
    [['parse', 'a.els', 'b.els']],
    [['check', '--colour', 'a.els']],
  ])('exits 2 with a one-line usage error for %j', async (args) => {
    const run = await runEls(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^els: .+ \(see els --help\)\n$/);
  });

  it('--help prints the usage and exits 0', async () => {
    const run = await runEls(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: els <command>/);
    expect(run.stdout).toContain('check FILE...');
  });

  it('rebuilds its bundle first when a source is newer, so it never runs stale code', async () => {
    const bundle = new URL('../dist/cli.js', import.meta.url);
    utimesSync(bundle, new Date(0), new Date(0));
    const run = await runEls(['check', 'test/fixtures/warnings.els']);
    expect(run.code).toBe(0);
    expect(statSync(bundle).mtimeMs).toBeGreaterThan(
      statSync(new URL('../src/cli.ts', import.meta.url)).mtimeMs,
    );
  });
});
