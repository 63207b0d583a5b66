/**
 * The one module that runs ffmpeg. fluent-ffmpeg is deprecated upstream (archived), so it stays
 * behind this function: replacing it means rewriting this file only.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { Readable, Writable } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';

export interface FfmpegInput {
  /** Bytes fed through stdin, or a file to read. */
  source: Uint8Array | { path: string };
  /** Options placed before `-i` (e.g. `-f s16le -ar 24000 -ac 1` for raw PCM). */
  options?: string[];
}

export type FfmpegOutput =
  /** Collected from stdout (only for streamable formats: an MP3 on a pipe has no gapless header). */
  | 'stdout'
  /** Analysis only (`-f null`): the result is what the filters print on stderr. */
  | 'discard'
  | { path: string };

/** What every ffmpeg-backed function accepts. */
export interface FfmpegOptions {
  /** ffmpeg binary; defaults to the one shipped by @ffmpeg-installer/ffmpeg. */
  ffmpegPath?: string;
  signal?: AbortSignal;
  /**
   * Where scratch files go (an encoded input, the MP3 being written); default the system's
   * temp folder. The studio passes its storage's, which it sweeps at start.
   */
  tempDir?: string;
}

export interface FfmpegRun extends FfmpegOptions {
  input: FfmpegInput;
  outputOptions: string[];
  output: FfmpegOutput;
}

export interface FfmpegResult {
  stdout: Buffer;
  stderr: string;
}

export class FfmpegError extends Error {
  override readonly name = 'FfmpegError';
}

let installedPath: string | undefined;

export function resolveFfmpegPath(ffmpegPath?: string): string {
  if (ffmpegPath) return ffmpegPath;
  // Loaded lazily: the installer throws on import for platforms it has no binary for.
  installedPath ??= (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string })
    .path;
  return installedPath;
}

const binaries = new Set<string>();
let spawned = 0;

// Counts every ffmpeg process this Node process starts, fluent-ffmpeg's one-time capability
// probes (`ffmpeg -formats`, `-encoders`) included, so the figure the bench prints is honest.
subscribe('child_process', (message) => {
  const child = (message as { process: ChildProcess }).process;
  // `spawnfile` is filled in right after the channel fires.
  queueMicrotask(() => {
    if (child.spawnfile && binaries.has(child.spawnfile)) spawned++;
  });
});

/** How many ffmpeg processes have been spawned so far (read it before and after a job). */
export function ffmpegProcessCount(): number {
  return spawned;
}

function collector(chunks: Buffer[]): Writable {
  // emitClose off: fluent-ffmpeg reports a failure when its output stream closes before the
  // process has exited, which happens under load.
  return new Writable({
    emitClose: false,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
}

export function runFfmpeg(run: FfmpegRun): Promise<FfmpegResult> {
  const binary = resolveFfmpegPath(run.ffmpegPath);
  binaries.add(binary);
  return new Promise<FfmpegResult>((resolve, reject) => {
    if (run.signal?.aborted) return reject(run.signal.reason);
    const command = ffmpeg({ stdoutLines: 0 }).setFfmpegPath(binary);
    const { source } = run.input;
    const fromStdin = source instanceof Uint8Array;
    command
      .input(fromStdin ? Readable.from([source]) : source.path)
      .inputOptions([
        '-hide_banner',
        ...(fromStdin ? [] : ['-nostdin']),
        ...(run.input.options ?? []),
      ]);

    const chunks: Buffer[] = [];
    let stdoutDone = run.output !== 'stdout';
    let stderrText: string | undefined;
    const settle = () => {
      if (stdoutDone && stderrText !== undefined) {
        run.signal?.removeEventListener('abort', abort);
        resolve({ stdout: Buffer.concat(chunks), stderr: stderrText });
      }
    };
    if (run.output === 'stdout') {
      const sink = collector(chunks);
      sink.on('finish', () => {
        stdoutDone = true;
        settle();
      });
      command.output(sink);
    } else if (run.output === 'discard') {
      command.output('-').outputOptions(['-f', 'null']);
    } else {
      command.output(run.output.path).outputOptions(['-y']);
    }
    command.outputOptions(run.outputOptions);

    const abort = () => command.kill('SIGKILL');
    run.signal?.addEventListener('abort', abort, { once: true });
    command.on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
      run.signal?.removeEventListener('abort', abort);
      if (run.signal?.aborted) return reject(run.signal.reason);
      const tail = (stderr ?? '').trim().split('\n').slice(-3).join(' | ');
      reject(new FfmpegError(`${error.message}${tail ? `: ${tail}` : ''}`, { cause: error }));
    });
    command.on('end', (_stdout: string | null, stderr: string | null) => {
      stderrText = stderr ?? '';
      settle();
    });
    command.run();
  });
}
