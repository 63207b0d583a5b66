/** The CLI's configuration: the only module of the CLI that reads `process.env`. */
import { z } from 'zod';

const schema = z.object({
  STUDIO_URL: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.url({ protocol: /^https?$/ }).optional())
    .optional(),
  STUDIO_TOKEN: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
  /** The name review decisions and notes are signed with (there are no accounts). */
  STUDIO_AUTHOR: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
});

export interface CliEnv {
  studioUrl: string | undefined;
  studioToken: string | undefined;
  studioAuthor: string | undefined;
}

export function loadCliEnv(source: Record<string, string | undefined> = process.env): CliEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  return {
    studioUrl: parsed.data.STUDIO_URL,
    studioToken: parsed.data.STUDIO_TOKEN,
    studioAuthor: parsed.data.STUDIO_AUTHOR,
  };
}
