import { describe, expect, it } from 'vitest';
import { checkScriptFile, maxScriptBytes, readScriptFile, ScriptFileError } from './script-file.js';

describe('script files', () => {
  it('accepts .els, .txt and .md', () => {
    for (const name of ['a.els', 'b.TXT', 'c.md']) {
      expect(() => checkScriptFile({ name, size: 10 })).not.toThrow();
    }
  });

  it('refuses other types and huge files with a code', () => {
    expect(() => checkScriptFile({ name: 'x.pdf', size: 10 })).toThrow(ScriptFileError);
    let caught: unknown;
    try {
      checkScriptFile({ name: 'x.els', size: maxScriptBytes + 1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScriptFileError);
    expect((caught as ScriptFileError).code).toBe('file/too-large');
  });

  it('drops a byte order mark', async () => {
    const file = new File(['\uFEFF[META]'], 'a.els');
    expect(await readScriptFile(file)).toBe('[META]');
  });
});
