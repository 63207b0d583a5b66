import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseWav, type DecodedWav } from '../pcm/wav.js';

const OUTPUT = '/out.wav';

/** The eSpeak NG CLI compiled by Emscripten; the package ships no types, these are ours. */
interface ESpeakInstance {
  FS: { readFile(path: string): Uint8Array };
}
interface ESpeakOptions {
  arguments: string[];
  print: (line: string) => void;
  printErr: (line: string) => void;
  instantiateWasm: (imports: object, receive: (instance: object, module: object) => void) => object;
}
type ESpeakFactory = (options: ESpeakOptions) => Promise<ESpeakInstance>;

// A computed specifier keeps TypeScript from looking for the declarations the package lacks;
// loading lazily also spares processes that never speak offline.
const ESPEAK_PACKAGE = 'espeak-ng';
let factory: Promise<ESpeakFactory> | undefined;
function espeakFactory(): Promise<ESpeakFactory> {
  factory ??= import(ESPEAK_PACKAGE).then((module: { default: ESpeakFactory }) => module.default);
  return factory;
}

/** The part of the WebAssembly global we use (its types live in the DOM lib, not our target). */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: Promise<object> | undefined;

/** The 18 MB module is compiled once per process; every call only instantiates it. */
function wasmModule(): Promise<object> {
  compiled ??= readFile(
    join(dirname(createRequire(import.meta.url).resolve(ESPEAK_PACKAGE)), 'espeak-ng.wasm'),
  ).then((bytes) => wasm.compile(bytes));
  return compiled;
}

/**
 * Runs the eSpeak NG command line once, writing a WAV (`-w`; never with `-q`, which writes
 * nothing). The CLI keeps global state, so each run gets a fresh instance: 30–50 ms a line here,
 * mostly Emscripten unpacking its embedded data files.
 */
export async function runEspeak(options: readonly string[], text: string): Promise<DecodedWav> {
  const [ESpeakNG, module] = await Promise.all([espeakFactory(), wasmModule()]);
  const stderr: string[] = [];
  const espeak = await new Promise<ESpeakInstance>((resolve, reject) => {
    ESpeakNG({
      // `--` so a line starting with `-` is spoken, not read as an option.
      arguments: [...options, '-w', OUTPUT, '--', text],
      print: () => {},
      printErr: (line) => stderr.push(line),
      instantiateWasm(imports, receive) {
        wasm.instantiate(module, imports).then((instance) => {
          // The assertion build captures a stack trace for every missing path it probes while
          // unpacking its embedded files: a third of the run time, for errors nobody reads.
          const limit = Error.stackTraceLimit;
          Error.stackTraceLimit = 0;
          try {
            receive(instance, module);
          } finally {
            Error.stackTraceLimit = limit;
          }
        }, reject);
        return {};
      },
    }).then(resolve, reject);
  });
  let wav: Uint8Array;
  try {
    wav = espeak.FS.readFile(OUTPUT);
  } catch {
    throw new Error(`eSpeak NG wrote no audio: ${stderr.join(' ').trim() || 'no output'}`);
  }
  return parseWav(wav);
}
