/** @studio/els — the ELS voice-over script language: validate, parse and format. */

export { parse, parseWithTokens, tokenize, validate } from './parse.js';
export { format } from './format.js';
export { PACES, PACE_SPEED, readPace } from './pace.js';
export { NAMED_PAUSES, readPause } from './pause.js';
export type { NamedPause, PauseReading } from './pause.js';
export { BARE_TAGS, VALUE_TAGS } from './tags.js';
export { META_KEYS } from './analyze.js';
export { canonicalCharacterName } from './characters.js';
export { DIAGNOSTIC_SEVERITY } from './diagnostics.js';
export type * from './types.js';
