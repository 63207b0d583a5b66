/** `FLAGGED_TAKES`: selected takes that failed take QC, exported only when allowed. */
export type ExportErrorCode = 'MISSING_TAKES' | 'NO_TAKES' | 'FLAGGED_TAKES';

export interface BeatRef {
  beatKey: string;
  number: number;
  name: string;
}

export class ExportError extends Error {
  override readonly name = 'ExportError';
  constructor(
    readonly code: ExportErrorCode,
    /** The beats without a selected take, or whose selected take failed QC. */
    readonly beats: BeatRef[],
  ) {
    const keys = beats.map((b) => b.beatKey).join(', ');
    super(
      code === 'MISSING_TAKES'
        ? `No selected take for ${keys}`
        : code === 'FLAGGED_TAKES'
          ? `The selected takes of ${keys} failed take QC: select other takes, or allow flagged takes`
          : 'No beat has a selected take',
    );
  }
}
