/** @studio/els — the ELS voice-over script language: validate, parse and format. */

export { parse, tokenize, validate } from './parse.js';
export { format } from './format.js';
export { PACES, PACE_SPEED } from './pace.js';
export { NAMED_PAUSES } from './pause.js';
export type { NamedPause } from './pause.js';
export { canonicalCharacterName } from './characters.js';
export { DIAGNOSTIC_SEVERITY } from './diagnostics.js';
export type * from './types.js';
