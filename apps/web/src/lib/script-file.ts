/** Reading an uploaded script: only text files the studio knows, never anything huge. */

export const scriptFileAccept = '.els,.txt,.md,text/plain,text/markdown';
const allowed = /\.(els|txt|md)$/i;
/** Far above any real script (200 beats is ~60 KB). */
export const maxScriptBytes = 2 * 1024 * 1024;

export class ScriptFileError extends Error {
  constructor(
    readonly code: 'file/type' | 'file/too-large',
    message: string,
  ) {
    super(message);
    this.name = 'ScriptFileError';
  }
}

export function checkScriptFile(file: { name: string; size: number }): void {
  if (!allowed.test(file.name)) {
    throw new ScriptFileError('file/type', `“${file.name}” is not a .els, .txt or .md file.`);
  }
  if (file.size > maxScriptBytes) {
    throw new ScriptFileError('file/too-large', `“${file.name}” is larger than 2 MB.`);
  }
}

export async function readScriptFile(file: File): Promise<string> {
  checkScriptFile(file);
  return (await file.text()).replace(/^\uFEFF/, '');
}
