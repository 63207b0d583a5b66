/** `studio export <session>`: the deliverables of the selected takes, downloaded into a folder. */
import path from 'node:path';
import { LOUDNESS_PRESETS, type LoudnessTarget } from '@studio/audio/facts';
import { downloadFiles } from '../download.js';
import { CliError } from '../errors.js';
import { resolveRefs } from '../resolve.js';
import type { CommandContext } from './context.js';

export type Loudness = LoudnessTarget | null;

/** `-16|-14|-23|off`, as the help and the error say. */
export const LOUDNESS_CHOICES = [...LOUDNESS_PRESETS.map((preset) => preset.lufs), 'off'].join('|');

export function parseLoudness(value: string | undefined): Loudness {
  if (value === undefined || value === 'off') return null;
  const preset = LOUDNESS_PRESETS.find((p) => p.lufs === Number(value));
  if (preset) return preset.lufs;
  throw new CliError('USAGE', `--loudness must be one of ${LOUDNESS_CHOICES} (got "${value}").`);
}

export interface ExportOptions {
  outDir: string;
  loudness: Loudness;
  partial: boolean;
  /** Only beats whose selected take is approved. */
  approvedOnly: boolean;
  /** Export selected takes that failed take QC. */
  allowFlagged: boolean;
}

/** Exports the session and downloads every file into `options.outDir`. */
export async function exportAndDownload(
  ctx: CommandContext,
  sessionId: string,
  options: ExportOptions,
) {
  ctx.out.note('Exporting…');
  const exported = await ctx.client.exports.create.mutate({
    sessionId,
    loudness: options.loudness,
    partial: options.partial,
    approvedOnly: options.approvedOnly,
    allowFlagged: options.allowFlagged,
  });
  const files = await downloadFiles(ctx.connection, exported.files, options.outDir);
  return { exportId: exported.id, outDir: path.resolve(options.outDir), files };
}

export async function exportCommand(
  ctx: CommandContext,
  sessionRef: string,
  options: ExportOptions,
): Promise<number> {
  const { sessionId } = await resolveRefs(ctx.client, { session: sessionRef });
  const result = await exportAndDownload(ctx, sessionId, options);
  ctx.out.result(`Wrote ${result.files.length} files to ${result.outDir}`, result);
  return 0;
}
