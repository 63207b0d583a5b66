/** ELS scripts for tests, built from beat bodies so each test says only what matters to it. */
import { parse, type Beat } from '@studio/els';

export interface BeatSource {
  id: string;
  name?: string;
  body: string;
}

export function script(beats: BeatSource[], title = 'Test session'): string {
  const blocks = beats.map(
    ({ id, name, body }) => `[BEAT: ${id}]\nname: ${name ?? id}\n---\n${body}\n[END_BEAT]`,
  );
  return `[META]\nvideo_title: ${title}\nproject: tests\ndefault_character: every-coon\n\n${blocks.join('\n\n')}\n`;
}

/** `count` one-line beats `b01`, `b02`, … spoken by every-coon. */
export function numberedScript(count: number, title?: string): string {
  return script(
    Array.from({ length: count }, (_, i) => {
      const n = String(i + 1).padStart(2, '0');
      return { id: `b${n}`, body: `Line number ${n} of the script.` };
    }),
    title,
  );
}

export function parseBeats(source: string): Beat[] {
  const result = parse(source);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.script.beats;
}
