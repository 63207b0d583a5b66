export * from './auth-sessions.js';
export * from './beats.js';
export * from './exports.js';
export * from './jobs.js';
export * from './sessions.js';
export * from './shapes.js';
export * from './takes.js';
export * from './voice-profiles.js';
