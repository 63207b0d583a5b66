export type ExportErrorCode = 'MISSING_TAKES' | 'NO_TAKES';

export interface BeatRef {
  beatKey: string;
  number: number;
  name: string;
}

export class ExportError extends Error {
  override readonly name = 'ExportError';
  constructor(
    readonly code: ExportErrorCode,
    /** The beats without a selected take. */
    readonly beats: BeatRef[],
  ) {
    super(
      code === 'MISSING_TAKES'
        ? `No selected take for ${beats.map((b) => b.beatKey).join(', ')}`
        : 'No beat has a selected take',
    );
  }
}
