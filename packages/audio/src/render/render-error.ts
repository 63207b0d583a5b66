/** `invalid_beat`: no segments, or a segment naming a line the beat does not have. */
export type RenderErrorCode = 'missing_profile' | 'invalid_beat';

export class RenderError extends Error {
  override readonly name = 'RenderError';
  constructor(
    readonly code: RenderErrorCode,
    message: string,
    /** The characters without a voice profile, for `missing_profile`. */
    readonly characters: string[] = [],
  ) {
    super(message);
  }
}
